import type { AttachmentMime } from '../../../shared/domain/attachments';

/**
 * The type of a file from its first bytes. The name and the browser's MIME type
 * are whatever the sender says; a renamed .exe must never be stored as a photo,
 * so only these signatures are accepted.
 */
export function sniffMime(buf: Uint8Array): AttachmentMime | null {
  const at = (offset: number, bytes: number[]) => bytes.every((b, i) => buf[offset + i] === b);
  if (buf.length >= 8 && at(0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (buf.length >= 3 && at(0, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  // RIFF....WEBP
  if (buf.length >= 12 && at(0, [0x52, 0x49, 0x46, 0x46]) && at(8, [0x57, 0x45, 0x42, 0x50])) return 'image/webp';
  // %PDF-
  if (buf.length >= 5 && at(0, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
  return null;
}
