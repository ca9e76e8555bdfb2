import { z } from 'zod';
import type { FileChunk } from '../domain/jobs';
import { printSignInSchema, type PrintResult } from '../domain/sheets';
import { method, type MethodDef } from './define';

const fileId = z.string().regex(/^[0-9a-f-]{36}$/, { message: '文件编号无效' });

/** Printed forms: the document for the preview, or a PDF made on the host and fetched in pieces. */
export const printApi = {
  'print.signIn': method<PrintResult>()(printSignInSchema, 'user'),
  /** A piece (≤ 8 MB, base64) of a PDF made by a print method; read on from `nextOffset` until it is null. */
  'print.download': method<FileChunk>()(z.object({ fileId, offset: z.number().int().min(0).default(0) }).strict(), 'user'),
} satisfies Record<string, MethodDef>;
