import type { ImportField } from '../../../../shared/domain/importFields';
import type { InspectedColumn } from '../../../../shared/domain/imports';
import { columnLetter, type Mapping, type MappingProblems } from './mappingModel';

interface Props {
  columns: readonly InspectedColumn[];
  fields: readonly ImportField[];
  preview: readonly { row: number; cells: string[] }[];
  mapping: Mapping;
  problems: MappingProblems;
  onMapping(next: Mapping): void;
  /** Distinguishes the main sheet's table from the contacts sheet's one (ids, test ids). */
  name: string;
}

const SAMPLES = 3;

/**
 * One line per column of the file: its letter and header as written, a few sample
 * values, and the archive field it goes to. Tab walks the dropdowns top to bottom.
 */
export function MappingTable({ columns, fields, preview, mapping, problems, onMapping, name }: Props) {
  const doubledKeys = new Set(problems.doubled.keys());
  return (
    <div className="table-wrap">
      <table className="data-table im-mapping" data-testid={`mapping-${name}`}>
        <thead>
          <tr>
            <th style={{ width: 44 }}>列</th>
            <th style={{ width: '22%' }}>文件中的表头</th>
            <th>示例数据</th>
            <th style={{ width: 230 }}>导入为</th>
          </tr>
        </thead>
        <tbody>
          {columns.map((c) => {
            const value = mapping[c.index] ?? '';
            const samples = preview
              .map((r) => r.cells[c.index] ?? '')
              .filter((v) => v !== '')
              .slice(0, SAMPLES);
            const doubled = value !== '' && doubledKeys.has(value);
            return (
              <tr key={c.index} className={value ? '' : 'im-skipped'}>
                <td className="mono muted">{columnLetter(c.index)}</td>
                <td>{c.header || <span className="muted">（无表头）</span>}</td>
                <td className="im-samples" title={samples.join('\n')}>
                  {samples.length ? samples.join('；') : <span className="muted">（前几行为空）</span>}
                </td>
                <td>
                  <select
                    className="input"
                    aria-label={`「${c.header || columnLetter(c.index) + '列'}」导入为`}
                    aria-invalid={doubled}
                    value={value}
                    onChange={(e) => {
                      const next = mapping.slice();
                      next[c.index] = e.target.value || null;
                      onMapping(next);
                    }}
                  >
                    <option value="">（不导入）</option>
                    {fields.map((f) => (
                      <option key={f.key} value={f.key}>
                        {f.label}
                        {f.required ? ' *' : ''}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
