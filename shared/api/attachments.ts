import { attachmentAddSchema, type AttachmentData, type AttachmentInfo } from '../domain/attachments';
import { byId } from './common';
import { method, type MethodDef } from './define';

export const attachmentsApi = {
  'attachments.add': method<AttachmentInfo>()(attachmentAddSchema, 'user'),
  'attachments.get': method<AttachmentData>()(byId, 'user'),
  'attachments.remove': method<null>()(byId, 'user'),
} satisfies Record<string, MethodDef>;
