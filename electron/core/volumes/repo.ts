import type { CustomerVolume } from '../../../shared/domain/volumes';
import type { Db } from '../db/connection';

/** A customer's imported monthly business volumes, newest month first, optionally within [from, to] (YYYY-MM). */
export function listCustomerVolumes(db: Db, customerId: number, from?: string, to?: string): CustomerVolume[] {
  const where = ['customer_id = ?'];
  const params: unknown[] = [customerId];
  if (from) {
    where.push('month >= ?');
    params.push(from);
  }
  if (to) {
    where.push('month <= ?');
    params.push(to);
  }
  return db
    .prepare(`SELECT month, metric, value FROM customer_volumes WHERE ${where.join(' AND ')} ORDER BY month DESC, metric`)
    .all(...params) as CustomerVolume[];
}
