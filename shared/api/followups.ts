import type { Page } from '../domain/common';
import { followUpCreateSchema, followUpDoneSchema, followUpListSchema, type FollowUp } from '../domain/followups';
import { method, type MethodDef } from './define';

export const followupsApi = {
  'followups.list': method<Page<FollowUp>>()(followUpListSchema, 'user'),
  'followups.create': method<FollowUp>()(followUpCreateSchema, 'user'),
  'followups.done': method<FollowUp>()(followUpDoneSchema, 'user'),
} satisfies Record<string, MethodDef>;
