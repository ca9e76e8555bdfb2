import { z } from 'zod';
import { id, text } from './common';

/** Scans and photos of signed sheets: images and PDF only. */
export const ATTACHMENT_MIMES = ['image/png', 'image/jpeg', 'image/webp', 'application/pdf'] as const;

export type AttachmentMime = (typeof ATTACHMENT_MIMES)[number];

export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

export const attachmentAddSchema = z
  .object({
    visitId: id.optional(),
    complaintId: id.optional(),
    name: text(200, '文件名').min(1, { message: '文件名不能为空' }),
    /** What the browser says; the stored type comes from the file's own bytes. */
    mime: z.string().trim().max(100).optional(),
    /** ≤ 10 MB once decoded (base64 is a third larger). */
    dataBase64: z.string().max(Math.ceil((ATTACHMENT_MAX_BYTES * 4) / 3) + 16, { message: '附件不能超过10MB' }),
  })
  .strict();


export interface AttachmentInfo {
  id: number;
  name: string;
  mime: AttachmentMime;
  size: number;
  sha256: string;
  createdAt: string;
}

export interface AttachmentData extends AttachmentInfo {
  dataBase64: string;
}