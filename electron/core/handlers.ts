import type { HandlerMap } from './context';
import { setupHandlers } from './setup/handlers';
import { authHandlers } from './auth/handlers';
import { userHandlers } from './users/handlers';
import { settingsHandlers } from './settings/handlers';
import { prefsHandlers } from './prefs/handlers';
import { dictHandlers } from './dicts/handlers';
import { auditHandlers } from './audit/handlers';
import { customerHandlers } from './customers/handlers';
import { visitHandlers } from './visits/handlers';
import { planHandlers } from './plans/handlers';
import { followUpHandlers } from './followups/handlers';
import { complaintHandlers } from './complaints/handlers';
import { receiptHandlers } from './receipts/handlers';
import { attachmentHandlers } from './attachments/handlers';
import { homeHandlers } from './home/handlers';
import { timelineHandlers } from './timeline/handlers';
import { importHandlers } from './imports/handlers';
import { volumeHandlers } from './volumes/handlers';
import { exportHandlers } from './exports/handlers';
import { jobHandlers } from './jobs/handlers';
import { sheetHandlers } from './sheets/handlers';
import { printHandlers } from './forms/handlers';
import { kpiHandlers } from './kpi/handlers';
import { scoreHandlers } from './score/handlers';
import { warningHandlers } from './warnings/handlers';
import { reportHandlers } from './reports/handlers';

/**
 * The one place where the domains' handler maps are combined (as Actual Budget's server
 * combines its per-domain `app.ts` maps). Each domain folder exports the map of the
 * methods its `shared/api/<domain>.ts` declares; the type makes a method without a
 * handler, or a handler without a method, a build error.
 */
export const handlers: HandlerMap = {
  ...setupHandlers,
  ...authHandlers,
  ...userHandlers,
  ...settingsHandlers,
  ...prefsHandlers,
  ...dictHandlers,
  ...auditHandlers,
  ...customerHandlers,
  ...visitHandlers,
  ...planHandlers,
  ...followUpHandlers,
  ...complaintHandlers,
  ...receiptHandlers,
  ...attachmentHandlers,
  ...homeHandlers,
  ...timelineHandlers,
  ...importHandlers,
  ...volumeHandlers,
  ...exportHandlers,
  ...jobHandlers,
  ...sheetHandlers,
  ...printHandlers,
  ...kpiHandlers,
  ...scoreHandlers,
  ...warningHandlers,
  ...reportHandlers,
};
