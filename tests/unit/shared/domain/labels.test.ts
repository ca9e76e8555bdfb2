import { describe, expect, it } from 'vitest';
import { api } from '../../../../shared/api/contract';
import { labelForPath } from '../../../../shared/domain/labels';
import { fieldPaths } from '../../helpers/schemas';

/**
 * Issue 15 item 6: input errors named fields by their keys (`offset：`, `managerId：`). Every
 * field of every method has a Chinese name for the router's messages.
 */
describe('labelForPath', () => {
  it('names every field of every API method in Chinese', () => {
    const missing: string[] = [];
    for (const [method, def] of Object.entries(api)) {
      for (const path of fieldPaths(def.input)) {
        const label = labelForPath(path, method);
        if (!/[\u4e00-\u9fff]/.test(label) || /[A-Za-z]{2,}/.test(label)) missing.push(`${method} ${path.join('.')} → ${label}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('names list items and nested fields by position and name', () => {
    expect(labelForPath(['managerId', 0], 'customers.list')).toBe('客户经理第1项');
    expect(labelForPath(['items', 1, 'quantity'], 'receipts.create')).toBe('物品第2项·数量');
    expect(labelForPath(['rows', 2, 'customerId'], 'visits.bulkCreate')).toBe('走访记录第3项·客户');
    expect(labelForPath(['data', 'contacts', 1, 'mobile'], 'customers.create')).toBe('联系人第2行·手机');
    expect(labelForPath(['offset'], 'jobs.download')).toBe('下载位置');
  });
});
