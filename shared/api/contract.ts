import './zodLocale';
import type { z } from 'zod';
import type { MethodDef } from './define';
import { setupApi } from './setup';
import { authApi } from './auth';
import { usersApi } from './users';
import { settingsApi } from './settings';
import { prefsApi } from './prefs';
import { dictsApi } from './dicts';
import { auditApi } from './audit';
import { customersApi } from './customers';
import { visitsApi } from './visits';
import { plansApi } from './plans';
import { followupsApi } from './followups';
import { complaintsApi } from './complaints';
import { receiptsApi } from './receipts';
import { attachmentsApi } from './attachments';
import { homeApi } from './home';
import { timelineApi } from './timeline';
import { importsApi } from './imports';
import { volumesApi } from './volumes';
import { exportsApi } from './exports';
import { jobsApi } from './jobs';
import { sheetsApi } from './sheets';
import { printApi } from './print';
import { kpiApi } from './kpi';
import { scoreApi } from './score';
import { warningsApi } from './warnings';
import { reportsApi } from './reports';

/**
 * The whole API: each domain declares its methods once in `shared/api/<domain>.ts`
 * (zod input schema, output type, roles); this file only combines them. Both hosts
 * (Electron IPC, local HTTP) route through the same core router, which validates
 * `input` with these schemas (unknown keys are rejected) and checks `access` before a
 * handler runs. The core's handler registry (electron/core/handlers.ts) mirrors it.
 */
export const api = {
  ...setupApi,
  ...authApi,
  ...usersApi,
  ...settingsApi,
  ...prefsApi,
  ...dictsApi,
  ...auditApi,
  ...customersApi,
  ...visitsApi,
  ...plansApi,
  ...followupsApi,
  ...complaintsApi,
  ...receiptsApi,
  ...attachmentsApi,
  ...homeApi,
  ...timelineApi,
  ...importsApi,
  ...volumesApi,
  ...exportsApi,
  ...jobsApi,
  ...sheetsApi,
  ...printApi,
  ...kpiApi,
  ...scoreApi,
  ...warningsApi,
  ...reportsApi,
} satisfies Record<string, MethodDef>;

export type Api = typeof api;
export type MethodName = keyof Api;
export type InputOf<K extends MethodName> = z.input<Api[K]['input']>;
export type ParsedInputOf<K extends MethodName> = z.output<Api[K]['input']>;
export type OutputOf<K extends MethodName> = Exclude<Api[K]['output'], undefined>;

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(api, name);
}
