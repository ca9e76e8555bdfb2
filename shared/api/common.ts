import { z } from 'zod';

export const empty = z.object({}).strict();

export const id = z.number().int().positive();

export const byId = z.object({ id: z.number().int().positive() }).strict();

export const supervisors = ['admin', 'supervisor'] as const;