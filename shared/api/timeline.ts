import { timelineSchema, type TimelinePage } from '../domain/timeline';
import { method, type MethodDef } from './define';

export const timelineApi = {
  'timeline.customer': method<TimelinePage>()(timelineSchema, 'user'),
} satisfies Record<string, MethodDef>;
