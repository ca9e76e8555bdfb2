import type { ReactNode } from 'react';
import { CUSTOMER_KINDS, CUSTOMER_STATUSES } from '../../../../shared/domain/constants';
import { CUSTOMER_FIELD_LABELS } from '../../../../shared/domain/labels';
import { ContactsEditor } from './ContactsEditor';
import { FormItem, Section, SelectInput, TagPicker, type ControlProps } from './formParts';
import { identityFields, inputId, phoneRequired, type CustomerDraft, type FieldErrors, type TextField } from './formModel';
import { withCurrent, type CustomerOptions } from './useCustomerOptions';

/** Fields checked as soon as the user leaves them (format, then likely duplicates). */
export type CheckedField = 'idNumber' | 'creditCode' | 'mobile' | 'phone';

interface Props {
  draft: CustomerDraft;
  onChange: (patch: Partial<CustomerDraft>) => void;
  editing: boolean;
  errors: FieldErrors;
  options: CustomerOptions;
  /** The code the core will assign when 客户编码 is left blank. */
  nextCode: string;
  /** A 客户经理 cannot hand a customer to someone else (that is a transfer by 负责人). */
  managerLocked: boolean;
  /** Display name of the stored manager, for read-only mode and retired users. */
  managerDisplayName: string;
  onFieldBlur: (field: CheckedField) => void;
}

const SECTIONS: Record<string, readonly string[]> = {
  basic: ['code', 'name', 'kind', 'idNumber', 'creditCode', 'licenceNo'],
  contact: ['mobile', 'phone', 'address', 'region'],
  business: ['industry', 'economicNature', 'scale', 'mainBusiness', 'creditRating', 'paymentHabit', 'products', 'monthlyVolume', 'background'],
  manage: ['tier', 'status', 'manager', 'keyCustomer', 'tags', 'needs', 'notes'],
};

/** Common answers offered as suggestions; any other text is still accepted. */
const SUGGESTIONS: Partial<Record<TextField, string[]>> = {
  economicNature: ['国有', '集体', '私营', '个体', '股份制', '外资', '港澳台资'],
  scale: ['大型', '中型', '小型', '微型'],
  creditRating: ['AAA', 'AA', 'A', 'BBB', 'BB', 'B', '未评级'],
  paymentHabit: ['按时付款', '偶有拖欠', '经常拖欠', '预付款'],
};

const names = (list: string[]) => list.map((n) => ({ value: n, label: n }));

export function CustomerForm({ draft, onChange, editing, errors, options, nextCode, managerLocked, managerDisplayName, onFieldBlur }: Props) {
  const sectionHasError = (key: string) => SECTIONS[key].some((f) => errors[f]);
  const label = (f: string) => CUSTOMER_FIELD_LABELS[f] ?? f;

  /** A single-line text field; most of the form is these. */
  const text = (
    field: TextField,
    opts: { required?: boolean; span?: 1 | 2 | 3; placeholder?: string; hint?: string; mono?: boolean; maxLength?: number; blur?: CheckedField } = {},
  ): ReactNode => (
    <FormItem
      key={field}
      path={field}
      label={label(field)}
      required={opts.required}
      span={opts.span}
      editing={editing}
      error={errors[field]}
      hint={opts.hint}
      display={opts.mono && draft[field] ? <span className="cx-mono">{draft[field]}</span> : draft[field]}
      control={(a11y: ControlProps) => (
        <>
          <input
            {...a11y}
            className={opts.mono ? 'cx-mono' : undefined}
            value={draft[field]}
            placeholder={opts.placeholder}
            maxLength={opts.maxLength}
            list={SUGGESTIONS[field] ? `${a11y.id}-list` : undefined}
            autoComplete="off"
            onChange={(e) => onChange({ [field]: e.target.value })}
            onBlur={opts.blur ? () => onFieldBlur(opts.blur!) : undefined}
          />
          {SUGGESTIONS[field] && (
            <datalist id={`${a11y.id}-list`}>
              {SUGGESTIONS[field]!.map((s) => (
                <option key={s} value={s} />
              ))}
            </datalist>
          )}
        </>
      )}
    />
  );

  const area = (field: TextField, rows = 2, span: 1 | 2 | 3 = 3, maxLength?: number) => (
    <FormItem
      key={field}
      path={field}
      label={label(field)}
      span={span}
      editing={editing}
      error={errors[field]}
      display={draft[field] ? <span className="cx-pre">{draft[field]}</span> : ''}
      control={(a11y) => <textarea {...a11y} rows={rows} maxLength={maxLength} value={draft[field]} onChange={(e) => onChange({ [field]: e.target.value })} />}
    />
  );

  const select = (field: 'region' | 'industry' | 'tier', list: string[]) => (
    <FormItem
      key={field}
      path={field}
      label={label(field)}
      editing={editing}
      error={errors[field]}
      display={draft[field]}
      control={(a11y) => (
        <SelectInput {...a11y} value={draft[field]} empty="（未设置）" options={names(withCurrent(list, draft[field]))} onChange={(v) => onChange({ [field]: v })} />
      )}
    />
  );

  const identity = identityFields(draft.kind);
  // A value stored under another kind stays visible, so changing the kind never hides data silently.
  const extraIdentity = (['idNumber', 'creditCode', 'licenceNo'] as const).filter((f) => draft[f] && !identity.some((i) => i.field === f));
  const managerOptions = options.managers.map((m) => ({ value: m.name, label: m.disabled ? `${m.displayName}（已停用）` : m.displayName }));
  if (draft.manager && !managerOptions.some((o) => o.value === draft.manager)) {
    managerOptions.push({ value: draft.manager, label: managerDisplayName || draft.manager });
  }
  const managerLabel = managerOptions.find((o) => o.value === draft.manager)?.label ?? '';
  const mustHavePhone = phoneRequired(draft.kind);

  return (
    <div className={editing ? 'cx-form editing' : 'cx-form'}>
      <Section title="基本信息" hasError={sectionHasError('basic')}>
        <div className="cx-grid">
          {text('name', { required: true, span: 2, maxLength: 100 })}
          <FormItem
            path="kind"
            label={label('kind')}
            required
            editing={editing}
            error={errors.kind}
            display={draft.kind}
            control={(a11y) => (
              <SelectInput {...a11y} value={draft.kind} options={names([...CUSTOMER_KINDS])} onChange={(v) => onChange({ kind: v as CustomerDraft['kind'] })} />
            )}
          />
          {text('code', { placeholder: nextCode ? `留空自动生成：${nextCode}` : '留空自动生成', mono: true, maxLength: 40 })}
          {identity.map((i) =>
            text(i.field, {
              required: i.required,
              mono: true,
              maxLength: i.field === 'licenceNo' ? 40 : 30,
              placeholder: i.field === 'idNumber' ? '18位，末位可为X' : i.field === 'creditCode' ? '18位统一社会信用代码' : undefined,
              blur: i.field === 'licenceNo' ? undefined : i.field,
            }),
          )}
          {extraIdentity.map((f) => text(f, { mono: true, blur: f === 'licenceNo' ? undefined : f }))}
        </div>
      </Section>

      <Section title="联系方式" hasError={sectionHasError('contact')}>
        <div className="cx-grid">
          {text('mobile', {
            required: mustHavePhone,
            mono: true,
            placeholder: '11位手机号',
            hint: mustHavePhone ? '手机号或固定电话至少填一项' : undefined,
            blur: 'mobile',
          })}
          {text('phone', { mono: true, placeholder: '区号-号码，如 0571-88886666', blur: 'phone' })}
          {select('region', options.regions)}
          {text('address', { span: 3, maxLength: 200 })}
        </div>
      </Section>

      <Section title="经营情况" hasError={sectionHasError('business')}>
        <div className="cx-grid">
          {select('industry', options.industries)}
          {text('economicNature')}
          {text('scale')}
          {text('creditRating')}
          {text('paymentHabit')}
          <FormItem
            path="monthlyVolume"
            label={label('monthlyVolume')}
            editing={editing}
            error={errors.monthlyVolume}
            display={draft.monthlyVolume ? Number(draft.monthlyVolume).toLocaleString('zh-CN') : ''}
            control={(a11y) => (
              <input
                {...a11y}
                className="cx-num"
                inputMode="decimal"
                value={draft.monthlyVolume}
                placeholder="元 / 条 / 笔"
                onChange={(e) => onChange({ monthlyVolume: e.target.value })}
              />
            )}
          />
          {area('mainBusiness', 2, 3, 500)}
          {area('products', 2, 3, 500)}
          {area('background', 2, 3, 1000)}
        </div>
      </Section>

      <Section title="管理信息" hasError={sectionHasError('manage')}>
        <div className="cx-grid">
          {select('tier', options.tiers)}
          <FormItem
            path="status"
            label={label('status')}
            editing={editing}
            error={errors.status}
            display={draft.status}
            control={(a11y) => (
              <SelectInput {...a11y} value={draft.status} options={names([...CUSTOMER_STATUSES])} onChange={(v) => onChange({ status: v as CustomerDraft['status'] })} />
            )}
          />
          <FormItem
            path="manager"
            label={label('manager')}
            editing={editing}
            error={errors.manager}
            hint={managerLocked ? '如需更换客户经理，请联系负责人移交' : undefined}
            display={managerLabel || managerDisplayName || '未分配'}
            control={(a11y) => (
              <SelectInput
                {...a11y}
                value={draft.manager}
                disabled={managerLocked}
                empty="（未分配）"
                options={managerOptions}
                onChange={(v) => onChange({ manager: v })}
              />
            )}
          />
          <FormItem
            path="keyCustomer"
            label={label('keyCustomer')}
            editing={editing}
            error={errors.keyCustomer}
            display={draft.keyCustomer ? <span className="cx-key">★ 是</span> : '否'}
            control={(a11y) => (
              <label className="cx-inline-check">
                <input {...a11y} type="checkbox" checked={draft.keyCustomer} onChange={(e) => onChange({ keyCustomer: e.target.checked })} />
                设为重点客户
              </label>
            )}
          />
          {text('needs', { span: 2, maxLength: 200 })}
          <FormItem
            path="tags"
            label={label('tags')}
            span={3}
            editing={editing}
            error={errors.tags}
            display={
              draft.tags.length ? (
                <span className="cx-tags">
                  {draft.tags.map((t) => (
                    <span key={t} className="cx-chip on static">
                      {t}
                    </span>
                  ))}
                </span>
              ) : (
                ''
              )
            }
            control={(a11y) => (
              <TagPicker id={a11y.id} labelledBy={`${a11y.id}-label`} invalid={a11y['aria-invalid']} value={draft.tags} options={options.tags} onChange={(tags) => onChange({ tags })} />
            )}
          />
          {area('notes', 2, 3, 2000)}
        </div>
      </Section>

      <Section
        title={`联系人${draft.contacts.length ? `（${draft.contacts.length}）` : ''}`}
        hasError={Object.keys(errors).some((k) => k.startsWith('contacts'))}
      >
        <ContactsEditor
          contacts={draft.contacts}
          editing={editing}
          errors={errors}
          onChange={(contacts) => onChange({ contacts })}
          onMobileBlur={() => onFieldBlur('mobile')}
        />
      </Section>
    </div>
  );
}

/** Used by the page to focus a field after it has made sure the section is open. */
export function focusField(path: string): boolean {
  const el = document.getElementById(inputId(path));
  if (!el) return false;
  el.focus();
  el.scrollIntoView({ block: 'center' });
  return true;
}
