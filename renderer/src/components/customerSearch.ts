import { useEffect, useState } from 'react';
import type { CustomerRow } from '../../../shared/domain/customers';
import { invoke } from '../api/client';

/** What a picker keeps of a chosen customer. */
export interface PickedCustomer {
  id: number;
  code: string;
  name: string;
  tier?: string;
  /** User name of the customer's manager (groups bulk rows per manager for the overlap check). */
  manager?: string;
}

export const SUGGESTION_LIMIT = 8;
const DEBOUNCE_MS = 150;

export function toPicked(r: CustomerRow): PickedCustomer {
  return { id: r.id, code: r.code, name: r.name, tier: r.tier, manager: r.manager };
}

export function pickedLabel(c: PickedCustomer): string {
  return `${c.name}（${c.code}）`;
}

/**
 * Customers matching what was typed (name, pinyin initials, code, phone: the same
 * search as the customer list), debounced; the core limits it to the caller's customers.
 */
export function useCustomerSearch(q: string, enabled = true): { hits: CustomerRow[]; loading: boolean } {
  const [state, setState] = useState<{ q: string; hits: CustomerRow[] }>({ q: '', hits: [] });
  const text = q.trim();
  useEffect(() => {
    if (!enabled || !text) return;
    let alive = true;
    const t = window.setTimeout(() => {
      invoke('customers.list', { q: text, limit: SUGGESTION_LIMIT, sort: 'name' })
        .then((page) => alive && setState({ q: text, hits: page.rows }))
        .catch(() => alive && setState({ q: text, hits: [] }));
    }, DEBOUNCE_MS);
    return () => {
      alive = false;
      window.clearTimeout(t);
    };
  }, [text, enabled]);
  if (!enabled || !text) return { hits: [], loading: false };
  return { hits: state.q === text ? state.hits : [], loading: state.q !== text };
}
