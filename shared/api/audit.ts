import { z } from 'zod';
import { method, type MethodDef } from './define';

import type { Page } from '../domain/common';

/** Where an entry was made: the desktop app, the web host or the command line. */
export const AUDIT_HOSTS = ['desktop', 'web', 'cli'] as const;
export type AuditHost = (typeof AUDIT_HOSTS)[number];

export interface AuditRow {
  id: number;
  at: string;
  userName: string;
  action: string;
  actionLabel: string;
  target: string;
  /** The details in words for a reader (字段：值；…), never the stored keys. */
  detail: string;
  ok: boolean;
  /** null for entries made before hosts were recorded (or by a core opened without one). */
  host: AuditHost | null;
  /** 桌面 / 网页 / 命令行, '' when unknown. */
  hostLabel: string;
}

export const AUDIT_ACTIONS = [
  'login',
  'login_failed',
  'lockout',
  'logout',
  'unlock',
  'password_change',
  'user_create',
  'user_update',
  'user_reset_password',
  'user_unlock',
  'settings_update',
  'dict_change',
  'customer_create',
  'customer_update',
  'customer_delete',
  'customer_restore',
  'customer_transfer',
  'setup',
  // visits (issue 3)
  'visit_create',
  'visit_update',
  'visit_delete',
  'plan_generate',
  'plan_change',
  'followup_change',
  'complaint_change',
  'receipt_change',
  'attachment_add',
  // Excel (issue 4)
  'import',
  'import_undo',
  'export',
  // printing (issue 16)
  'sheet_print',
  'sheet_return',
  'form_print',
  // the supervisor's desk (issue 17)
  'score_setup',
  'report_change',
  'warning_change',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const auditApi = {
  'audit.list': method<Page<AuditRow>>()(
    z
      .object({
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(500).default(100),
        action: z.enum(AUDIT_ACTIONS).optional(),
        userName: z.string().trim().max(30).optional(),
        from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
        to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
        q: z.string().trim().max(50).optional(),
      })
      .strict(),
    ['admin'],
  ),
} satisfies Record<string, MethodDef>;
