import { useEffect, useState } from 'react';
import type { DictItem } from '../../../../shared/api/dicts';
import type { ManagerOption } from '../../../../shared/api/users';
import { invoke } from '../../api/client';

export interface CustomerOptions {
  loaded: boolean;
  tiers: string[];
  regions: string[];
  industries: string[];
  tags: string[];
  /** Everyone who may hold customers (managers and supervisors), disabled ones included for display. */
  managers: ManagerOption[];
}

const EMPTY: CustomerOptions = { loaded: false, tiers: [], regions: [], industries: [], tags: [], managers: [] };

const activeNames = (items: DictItem[], kind: DictItem['kind']) => items.filter((i) => i.kind === kind && i.active).map((i) => i.name);

/**
 * Dictionaries and manager names for selects and filters. Loaded on every mount
 * (two small calls) so an edit in 字典管理 shows up without restarting the app.
 */
export function useCustomerOptions(): CustomerOptions {
  const [options, setOptions] = useState<CustomerOptions>(EMPTY);
  useEffect(() => {
    let alive = true;
    Promise.all([invoke('dicts.list', {}), invoke('users.options', {})])
      .then(([dicts, users]) => {
        if (!alive) return;
        setOptions({
          loaded: true,
          tiers: activeNames(dicts, 'tier'),
          regions: activeNames(dicts, 'region'),
          industries: activeNames(dicts, 'industry'),
          tags: activeNames(dicts, 'tag'),
          // 客户经理 only: a 负责人 sees every customer already and is no one's 客户经理 (a stored one still shows in the form).
          managers: users.filter((u) => u.role === 'manager'),
        });
      })
      .catch(() => {
        // Selects stay empty; the form still shows stored values and the server still validates.
        if (alive) setOptions({ ...EMPTY, loaded: true });
      });
    return () => {
      alive = false;
    };
  }, []);
  return options;
}

/** A select's options with the stored value kept in, even when its dictionary item was retired since. */
export function withCurrent(options: readonly string[], current: string): string[] {
  return current && !options.includes(current) ? [...options, current] : [...options];
}
