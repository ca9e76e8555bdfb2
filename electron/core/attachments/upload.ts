import { ATTACHMENT_MAX_BYTES, type AttachmentMime } from '../../../shared/domain/attachments';
import { badInput } from '../errors';
import { sniffMime } from './sniff';

const MB = 1024 * 1024;

/** A strict base64 decode: Buffer.from silently skips junk, which would store a corrupt file. */
function decodeBase64(data: string): Buffer | null {
  const clean = data.replace(/^data:[^,]*;base64,/, '').replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 === 1) return null;
  return Buffer.from(clean, 'base64');
}

/** File names end up in headers and downloads: keep the name people gave it, without paths or control characters. */
export function cleanName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 200);
  // `.` and `..` are folder names: saved under them a download would fail or land elsewhere.
  return /^\.*$/.test(clean) ? '附件' : clean;
}

export interface CheckedUpload {
  buf: Buffer;
  mime: AttachmentMime;
  name: string;
}

/**
 * An uploaded file as every attachment takes it (a visit's, a complaint's, a returned
 * sheet's scan): decoded, not empty, within the size limit, and an image or PDF by its
 * own bytes; otherwise the Chinese reason, on the field `dataBase64`.
 */
export function checkUpload(name: string, dataBase64: string): CheckedUpload {
  const buf = decodeBase64(dataBase64);
  if (!buf) throw badInput('附件：文件内容不是有效的 base64 编码', 'dataBase64');
  if (buf.length === 0) throw badInput('附件：文件是空的', 'dataBase64');
  if (buf.length > ATTACHMENT_MAX_BYTES) {
    throw badInput(`附件：文件大小 ${(buf.length / MB).toFixed(1)}MB，超过 ${ATTACHMENT_MAX_BYTES / MB}MB 上限，请压缩或缩小后再上传`, 'dataBase64');
  }
  const mime = sniffMime(buf);
  if (!mime) throw badInput(`附件：「${cleanName(name)}」不是图片（PNG/JPEG/WEBP）或 PDF 文件，只能上传签到表的扫描件或照片`, 'dataBase64');
  return { buf, mime, name: cleanName(name) };
}
