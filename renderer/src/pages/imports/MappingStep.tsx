import { useState } from 'react';
import { IMPORT_MODES, IMPORT_MODE_LABELS, type ImportInspection, type ImportMode } from '../../../../shared/domain/imports';
import { missingContactFields } from '../../../../shared/domain/headerMatch';
import { FormError } from '../../components/FormError';
import { MappingTable } from './MappingTable';
import { mappingProblems, problemText, type Mapping } from './mappingModel';

export interface ReinspectAt {
  sheet?: string;
  headerRow?: number;
  /** '' = no contacts sheet; absent = let the core look for one. */
  contactsSheet?: string;
  contactsHeaderRow?: number;
}

export interface ImportOptions {
  mode: ImportMode;
  allOrNothing: boolean;
}

interface Props {
  inspection: ImportInspection;
  mapping: Mapping;
  onMapping(next: Mapping): void;
  /** The contacts sheet's mapping (customers with a separate contacts sheet). */
  contactsMapping: Mapping;
  onContactsMapping(next: Mapping): void;
  options: ImportOptions;
  onOptions(next: ImportOptions): void;
  /** Read the file again from another sheet or header row. */
  onReinspect(at: ReinspectAt): void;
  onBack(): void;
  onPreview(): void;
  busy: boolean;
  error: string | null;
}

/** Step 2: which column is which field (suggested or remembered, corrected here), and how to import. */
export function MappingStep({ inspection, mapping, onMapping, contactsMapping, onContactsMapping, options, onOptions, onReinspect, onBack, onPreview, busy, error }: Props) {
  const problems = mappingProblems(mapping, inspection.columns, inspection.fields);
  const contacts = inspection.contacts;
  const contactProblems = contacts ? mappingProblems(contactsMapping, contacts.columns, contacts.fields, missingContactFields) : null;
  const messages = [
    ...problemText(problems, inspection.fields),
    ...(contacts && contactProblems ? problemText(contactProblems, contacts.fields, `联系人工作表「${contacts.sheet}」：`) : []),
  ];
  const otherSheets = inspection.sheets.filter((s) => s !== inspection.sheet);
  const contactsHere = { sheet: inspection.sheet, headerRow: inspection.headerRow };
  const mapped = inspection.columns.filter((c) => mapping[c.index]).length;

  return (
    <div className="im-step">
      <div className="im-fileinfo">
        <span>
          文件：<strong>{inspection.fileName}</strong>
          {inspection.format === 'csv' ? `（CSV，${inspection.encoding === 'gb18030' ? 'GBK/GB18030' : 'UTF-8'} 编码）` : ''}
        </span>
        {inspection.sheets.length > 1 ? (
          <label className="im-inline">
            工作表
            <select className="input" value={inspection.sheet} onChange={(e) => onReinspect({ sheet: e.target.value })} disabled={busy}>
              {inspection.sheets.map((s) => (
                <option key={s}>{s}</option>
              ))}
            </select>
          </label>
        ) : null}
        <HeaderRowForm
          label="表头所在行"
          at={inspection.headerRow}
          busy={busy}
          onApply={(n) => onReinspect({ sheet: inspection.sheet, headerRow: n, contactsSheet: contacts?.sheet ?? '' })}
        />
      </div>
      <div className={`form-notice ${inspection.mappingSource === 'remembered' ? 'success' : 'info'}`} role="status">
        {inspection.mappingSource === 'remembered'
          ? '这个表头格式以前导入过，已沿用上次确认的对应关系。'
          : `已按表头自动识别 ${mapped} / ${inspection.columns.length} 列；请核对“导入为”一栏，不需要的列选“不导入”。`}
        {inspection.headerRow > 1 ? ` 表头在第 ${inspection.headerRow} 行，上方的标题行已跳过。` : ''}
      </div>
      <MappingTable
        name="main"
        columns={inspection.columns}
        fields={inspection.fields}
        preview={inspection.preview}
        mapping={mapping}
        problems={problems}
        onMapping={onMapping}
      />
      {inspection.kind === 'customers' && otherSheets.length ? (
        <section className="im-contacts" aria-label="联系人（另列工作表）">
          <div className="im-fileinfo">
            <label className="im-inline">
              联系人另列在工作表
              <select
                className="input"
                aria-label="联系人工作表"
                value={contacts?.sheet ?? ''}
                disabled={busy}
                onChange={(e) => onReinspect({ ...contactsHere, contactsSheet: e.target.value })}
              >
                <option value="">（不导入联系人工作表）</option>
                {otherSheets.map((s) => (
                  <option key={s}>{s}</option>
                ))}
              </select>
            </label>
            {contacts ? (
              <HeaderRowForm
                key={`${contacts.sheet}#${contacts.headerRow}`}
                label="联系人工作表表头所在行"
                at={contacts.headerRow}
                busy={busy}
                onApply={(n) => onReinspect({ ...contactsHere, contactsSheet: contacts.sheet, contactsHeaderRow: n })}
              />
            ) : null}
          </div>
          {contacts ? (
            <>
              <div className="form-notice info" role="status">
                {contacts.detectedBy === 'request' ? '' : `已识别出联系人工作表「${contacts.sheet}」（${contacts.detectedBy === 'name' ? '按工作表名称' : '按表头'}）。`}
                每行一位联系人，按客户编码、身份证号、统一社会信用代码或客户名称找到所属客户（本文件中的客户或系统中已有的客户）。
                {contacts.mappingSource === 'remembered' ? '已沿用上次确认的对应关系。' : ''}
              </div>
              <MappingTable
                name="contacts"
                columns={contacts.columns}
                fields={contacts.fields}
                preview={contacts.preview}
                mapping={contactsMapping}
                problems={contactProblems!}
                onMapping={onContactsMapping}
              />
            </>
          ) : null}
        </section>
      ) : null}
      {messages.length ? (
        <div role="alert" className="form-error" data-testid="mapping-problems">
          {messages.join('；')}
        </div>
      ) : null}

      <div className="im-options">
        <fieldset>
          <legend>遇到系统中已有的记录（按客户编码、身份证号或统一社会信用代码匹配）</legend>
          {IMPORT_MODES.map((m) => (
            <label key={m} className="check">
              <input type="radio" name="import-mode" checked={options.mode === m} onChange={() => onOptions({ ...options, mode: m })} />
              {IMPORT_MODE_LABELS[m]}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>文件中有错误行时</legend>
          <label className="check">
            <input type="radio" name="import-all" checked={!options.allOrNothing} onChange={() => onOptions({ ...options, allOrNothing: false })} />
            只导入正确的行（错误行可下载修改后再导入）
          </label>
          <label className="check">
            <input type="radio" name="import-all" checked={options.allOrNothing} onChange={() => onOptions({ ...options, allOrNothing: true })} />
            全部正确才导入（有一行错误就一行都不导入）
          </label>
        </fieldset>
      </div>
      <FormError message={error} />
      <div className="form-actions">
        <button type="button" className="btn" onClick={onBack} disabled={busy}>
          重新选择文件
        </button>
        <button type="button" className="btn primary" onClick={onPreview} disabled={busy || messages.length > 0}>
          预检（不写入数据）
        </button>
      </div>
    </div>
  );
}

/** A sheet's header row, typed and applied with its own button (Enter applies too). */
function HeaderRowForm({ label, at, busy, onApply }: { label: string; at: number; busy: boolean; onApply(row: number): void }) {
  const [value, setValue] = useState(String(at));
  const valid = /^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= 1000;
  return (
    <form
      className="im-inline"
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) onApply(Number(value));
      }}
    >
      <label className="im-inline">
        表头在第
        <input className="input narrow" inputMode="numeric" aria-label={label} aria-invalid={!valid} value={value} onChange={(e) => setValue(e.target.value.trim())} />
        行
      </label>
      <button type="submit" className="btn small" disabled={busy || !valid || Number(value) === at}>
        按此行重新识别
      </button>
    </form>
  );
}
