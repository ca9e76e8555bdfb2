import type { VisitsMethodName } from '../../../shared/api/visits';
import { attachmentHandlers } from '../attachments/handlers';
import { complaintHandlers } from '../complaints/handlers';
import type { HandlerMap } from '../context';
import { followUpHandlers } from '../followups/handlers';
import { homeHandlers } from '../home/handlers';
import { planHandlers } from '../plans/handlers';
import { receiptHandlers } from '../receipts/handlers';
import { timelineHandlers } from '../timeline/handlers';
import { visitRecordHandlers } from './handlers';

/** Every handler of issue 3 (visits, plans, follow-ups, complaints, receipts, attachments, home, timeline): app.ts spreads this one map. */
export const visitHandlers: HandlerMap<VisitsMethodName> = {
  ...visitRecordHandlers,
  ...planHandlers,
  ...followUpHandlers,
  ...complaintHandlers,
  ...receiptHandlers,
  ...attachmentHandlers,
  ...homeHandlers,
  ...timelineHandlers,
};
