import type { z } from 'zod';
import type { exportInputSchema } from '../../../shared/api/exports';

/** An export as the API received it (filter already checked by the contract's schema). */
export type ExportParams = z.output<typeof exportInputSchema>;
