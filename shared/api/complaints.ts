import type { Page } from '../domain/common';
import { complaintCreateSchema, complaintListSchema, complaintReviewSchema, complaintUpdateSchema, type Complaint, type ComplaintRow } from '../domain/complaints';
import { byId, supervisors } from './common';
import { method, type MethodDef } from './define';

export const complaintsApi = {
  'complaints.create': method<Complaint>()(complaintCreateSchema, 'user'),
  'complaints.update': method<Complaint>()(complaintUpdateSchema, 'user'),
  'complaints.submit': method<Complaint>()(byId, 'user'),
  'complaints.review': method<Complaint>()(complaintReviewSchema, supervisors),
  'complaints.get': method<Complaint>()(byId, 'user'),
  'complaints.list': method<Page<ComplaintRow>>()(complaintListSchema, 'user'),
} satisfies Record<string, MethodDef>;
