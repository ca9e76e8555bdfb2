import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ErrorCode } from '../../../../shared/api/result';
import { SIGNATURE_STATUSES, VISIT_TYPES, type SignatureStatus, type Visit, type VisitType } from '../../../../shared/domain/visits';
import type { AttachmentInfo } from '../../../../shared/domain/attachments';
import { checkVisitTimes, formatDuration, localMinute, parseTimeOfDay } from '../../../../shared/domain/visitRules';
import { ApiFailure, errorMessage, invoke } from '../../api/client';
import { Field, SelectField, TextField } from '../../components/Field';
import { FormError, FormNotice } from '../../components/FormError';
import { useConfirm } from '../../components/ConfirmDialog';
import { navigate } from '../../router';
import { Attachments, uploadFile } from '../../components/Attachments';
import { CustomerPicker } from '../../components/CustomerPicker';
import type { PickedCustomer } from '../../components/customerSearch';
import { isOnlyLongVisit, longVisitMessage, setFlash, splitProblems, takeFlash, timeOf, today } from '../../components/format';
import '../../components/forms.css';
import '../../components/pages.css';
import './visits.css';
import { DateField } from '../../components/DateField';

type Mode = 'new' | 'open' | 'edit';

interface FormState {
  customer: PickedCustomer | null;
  type: VisitType;
  date: string;
  signIn: string;
  signOut: string;
  location: string;
  checklist: string[];
  content: string;
  opinions: string;
  problems: string;
  followDue: string;
  followContent: string;
  signature: SignatureStatus;
  signatureNote: string;
}

const FIELDS = [
  'customer',
  'customerId',
  'type',
  'date',
  'signIn',
  'signOut',
  'location',
  'checklist',
  'content',
  'opinions',
  'problems',
  'nextFollowUp',
  'nextFollowUp.due',
  'nextFollowUp.content',
  'signature',
  'signatureNote',
] as const;

function emptyForm(customer: PickedCustomer | null): FormState {
  return {
    customer,
    type: '常规走访',
    date: today(),
    signIn: '',
    signOut: '',
    location: '',
    checklist: [],
    content: '',
    opinions: '',
    problems: '',
    followDue: '',
    followContent: '',
    signature: '待签',
    signatureNote: '',
  };
}

function formOf(v: Visit): FormState {
  return {
    customer: { id: v.customerId, code: v.customer, name: v.customerName, tier: v.customerTier },
    type: v.type,
    date: v.signIn.slice(0, 10),
    signIn: timeOf(v.signIn),
    signOut: v.signOut ? (v.signOut.slice(0, 10) === v.signIn.slice(0, 10) ? timeOf(v.signOut) : v.signOut.replace('T', ' ')) : '',
    location: v.location,
    checklist: v.checklist,
    content: v.content,
    opinions: v.opinions,
    problems: v.problems,
    followDue: v.nextFollowUp?.due ?? '',
    followContent: v.nextFollowUp?.content ?? '',
    signature: v.signature,
    signatureNote: v.signatureNote,
  };
}

/** #/visits/new, #/visits/new/<customerId>, #/visits/<id>. */
export function VisitPage({ id, customerId }: { id: number | null; customerId?: number }) {
  const [state, setState] = useState<
    { kind: 'loading' } | { kind: 'failed'; code: ErrorCode | 'INTERNAL'; message: string } | { kind: 'ready'; visit: Visit | null; customer: PickedCustomer | null }
  >({ kind: 'loading' });
  useEffect(() => {
    let alive = true;
    const fail = (e: unknown) =>
      alive && setState({ kind: 'failed', code: e instanceof ApiFailure ? e.code : 'INTERNAL', message: errorMessage(e) });
    if (id !== null) {
      invoke('visits.get', { id })
        .then((visit) => alive && setState({ kind: 'ready', visit, customer: null }))
        .catch(fail);
    } else if (customerId) {
      invoke('customers.get', { id: customerId })
        .then((c) => alive && setState({ kind: 'ready', visit: null, customer: { id: c.id, code: c.code, name: c.name, tier: c.tier } }))
        .catch(fail);
    } else {
      setState({ kind: 'ready', visit: null, customer: null });
    }
    return () => {
      alive = false;
    };
  }, [id, customerId]);

  if (state.kind === 'loading') return <div className="vx-page muted">正在加载…</div>;
  if (state.kind === 'failed') {
    return (
      <div className="vx-page">
        <div className="vx-refusal" role="alert">
          <h1>{state.code === 'FORBIDDEN' ? '无权查看该走访记录' : state.code === 'NOT_FOUND' ? '找不到该走访记录' : '无法打开走访记录'}</h1>
          <p>{state.message}</p>
          <a href="#/visits">返回走访记录</a>
        </div>
      </div>
    );
  }
  return <VisitEditor visit={state.visit} customer={state.customer} />;
}

function VisitEditor({ visit: initial, customer }: { visit: Visit | null; customer: PickedCustomer | null }) {
  const [visit, setVisit] = useState(initial);
  const mode: Mode = !visit ? 'new' : visit.signOut === null ? 'open' : 'edit';
  const [form, setForm] = useState<FormState>(() => (initial ? formOf(initial) : emptyForm(customer)));
  const [branchChecklist, setBranchChecklist] = useState<string[]>([]);
  const [attachments, setAttachments] = useState<AttachmentInfo[]>(initial?.attachments ?? []);
  const [pending, setPending] = useState<File[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [notice, setNotice] = useState(takeFlash);
  const [busy, setBusy] = useState(false);
  const [dialog, confirm] = useConfirm();

  useEffect(() => {
    invoke('checklist.get', {})
      .then((r) => setBranchChecklist(r.items))
      .catch(() => setBranchChecklist([]));
  }, []);

  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setErrors((e) => {
      const rest = { ...e };
      delete rest[key];
      if (key === 'customer') delete rest.customerId;
      if (key === 'followDue') delete rest['nextFollowUp.due'];
      if (key === 'followContent') delete rest['nextFollowUp.content'];
      return rest;
    });
  };

  // Items the branch retired since stay visible on the visits that have them.
  const checklistItems = useMemo(() => [...branchChecklist, ...form.checklist.filter((c) => !branchChecklist.includes(c))], [branchChecklist, form.checklist]);

  // Live check of the typed times with the same rules the core applies on save.
  const times = useMemo(() => {
    if (mode === 'open') {
      const out = form.signOut.trim();
      if (!out) return null;
      return checkVisitTimes({ signIn: visit!.signIn, signOut: out, now: localMinute(new Date()), confirmLong: true });
    }
    if (!form.signIn.trim() || !form.signOut.trim()) return null;
    return checkVisitTimes({ signIn: form.signIn, signOut: form.signOut, date: form.date, now: localMinute(new Date()), confirmLong: true });
  }, [mode, visit, form.signIn, form.signOut, form.date]);
  const timeProblem = (field: 'signIn' | 'signOut' | 'date') => {
    const p = times?.problems.find((x) => x.field === field);
    return p ? p.message.replace(/^[^：]+：/, '') : null;
  };

  const payload = useCallback(() => {
    const next = form.followDue.trim() || form.followContent.trim() ? { due: form.followDue.trim(), content: form.followContent.trim() } : null;
    return {
      type: form.type,
      location: form.location,
      checklist: form.checklist,
      content: form.content,
      opinions: form.opinions,
      problems: form.problems,
      nextFollowUp: next,
      signature: form.signature,
      signatureNote: form.signatureNote,
    };
  }, [form]);

  const send = async (action: 'save' | 'signOut', confirmLong?: boolean): Promise<Visit> => {
    const common = { ...payload(), ...(confirmLong ? { confirmLong: true } : {}) };
    if (mode === 'new') {
      if (!form.customer) throw new ApiFailure({ code: 'BAD_INPUT', message: '客户：请选择客户', field: 'customer' });
      return invoke('visits.create', { customerId: form.customer.id, date: form.date, signIn: form.signIn, signOut: form.signOut || null, ...common });
    }
    if (mode === 'open' && action === 'signOut') {
      return invoke('visits.signOut', { visitId: visit!.id, ...(form.signOut.trim() ? { signOut: form.signOut.trim() } : {}), ...common });
    }
    if (mode === 'open') return invoke('visits.update', { id: visit!.id, ...common });
    return invoke('visits.update', {
      id: visit!.id,
      ...(form.customer && form.customer.id !== visit!.customerId ? { customerId: form.customer.id } : {}),
      date: form.date,
      signIn: form.signIn,
      signOut: form.signOut,
      ...common,
    });
  };

  const submit = async (action: 'save' | 'signOut') => {
    if (busy) return;
    setBusy(true);
    setFormError(null);
    setNotice('');
    try {
      let saved: Visit;
      try {
        saved = await send(action);
      } catch (e) {
        if (!isOnlyLongVisit(e)) throw e;
        const ok = await confirm({
          title: '在户时间超过8小时',
          message: `${longVisitMessage(e)}。确实在客户处停留了这么久吗？`,
          confirmLabel: '确认并保存',
        });
        if (!ok) {
          setErrors({ signOut: '在户时间超过8小时，请核对签退时间' });
          return;
        }
        saved = await send(action, true);
      }
      setErrors({});
      let uploadNote = '';
      if (pending.length) {
        const failed: string[] = [];
        for (const f of pending) {
          try {
            await uploadFile({ visitId: saved.id }, f);
          } catch (e) {
            failed.push(`${f.name}：${errorMessage(e)}`);
          }
        }
        setPending([]);
        if (failed.length) uploadNote = `；有附件未能上传：${failed.join('；')}`;
      }
      if (mode === 'open' && action === 'signOut') {
        setFlash(`已签退：${saved.customerName}，在户${formatDuration(saved.durationMinutes ?? 0)}${uploadNote}`);
        navigate('home');
      } else if (mode === 'new') {
        setFlash(`走访记录已保存${uploadNote}`);
        navigate(`visits/${saved.id}`);
      } else {
        setVisit(saved);
        setForm(formOf(saved));
        setAttachments(saved.attachments);
        setNotice(`已保存${uploadNote}`);
      }
    } catch (e) {
      const split = splitProblems(e, FIELDS);
      const fields = { ...split.fields };
      if (fields.customerId && !fields.customer) fields.customer = fields.customerId;
      setErrors(fields);
      setFormError(split.message ?? (Object.keys(fields).length ? '请修改标红的项目后再保存' : null));
    } finally {
      setBusy(false);
    }
  };

  const submitRef = useRef(submit);
  submitRef.current = submit;

  // Ctrl+S saves (签退 for an open visit needs its own button: it stamps the time).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey && e.key.toLowerCase() === 's') {
        e.preventDefault();
        void submitRef.current('save');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  const normaliseTime = (key: 'signIn' | 'signOut') => {
    const t = parseTimeOfDay(form[key]);
    if (t && t !== form[key]) set(key, t);
  };

  const title = mode === 'new' ? '登记走访' : mode === 'open' ? '走访中 · 签退' : '走访记录';
  const duration = mode === 'edit' && visit?.durationMinutes && !times ? visit.durationMinutes : times?.durationMinutes;

  return (
    <div className="vx-page vx-visit">
      <div className="vx-head">
        <a className="vx-back" href="#/visits">
          ← 走访记录
        </a>
        <h1>{title}</h1>
        {visit && (
          <span className="vx-head-sub">
            {visit.customerName}（{visit.customer}）· {visit.managerDisplayName}
            {visit.planned && <span className="vx-badge plan">计划内</span>}
            {mode === 'open' && <span className="vx-badge open">{timeOf(visit.signIn)} 已签到</span>}
          </span>
        )}
      </div>
      <FormNotice kind="success">{notice}</FormNotice>
      <FormError message={formError} />
      <form
        className="vx-form form-horizontal"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit(mode === 'open' ? 'signOut' : 'save');
        }}
      >
        <section className="vx-section">
          <h2>基本信息</h2>
          <div className="vx-grid">
            <Field label="客户" error={errors.customer}>
              <CustomerPicker value={form.customer} onChange={(c) => set('customer', c)} autoFocus={mode === 'new' && !form.customer} disabled={mode === 'open'} />
            </Field>
            <SelectField label="走访类型" value={form.type} onChange={(v) => set('type', v)} options={VISIT_TYPES.map((t) => ({ value: t, label: t }))} error={errors.type} />
            {mode === 'open' ? (
              <>
                <TextField label="签到时间" value={visit!.signIn.replace('T', ' ')} onChange={() => undefined} readOnly />
                <TextField
                  label="签退时间"
                  value={form.signOut}
                  onChange={(v) => set('signOut', v)}
                  onBlur={() => normaliseTime('signOut')}
                  placeholder="留空为当前时间；补签写 1015"
                  error={errors.signOut ?? timeProblem('signOut')}
                  hint={duration ? `在户时间 ${formatDuration(duration)}` : '点“签退”时记录当前时间'}
                />
              </>
            ) : (
              <>
                <DateField label="走访日期" value={form.date} onChange={(v) => set('date', v)} error={errors.date ?? timeProblem('date')} max={today()} />
                <div className="vx-pair">
                  <TextField
                    label="签到"
                    value={form.signIn}
                    onChange={(v) => set('signIn', v)}
                    onBlur={() => normaliseTime('signIn')}
                    placeholder="0930"
                    className="mono"
                    error={errors.signIn ?? (form.signOut ? timeProblem('signIn') : null)}
                  />
                  <TextField
                    label="签退"
                    value={form.signOut}
                    onChange={(v) => set('signOut', v)}
                    onBlur={() => normaliseTime('signOut')}
                    placeholder="1015"
                    className="mono"
                    error={errors.signOut ?? timeProblem('signOut')}
                    hint={duration ? `在户时间 ${formatDuration(duration)}` : '直接输入 0930 即 09:30'}
                  />
                </div>
              </>
            )}
            <TextField label="走访地点" value={form.location} onChange={(v) => set('location', v)} error={errors.location} maxLength={200} placeholder="如：客户店内 / 办公室" />
          </div>
        </section>

        <section className="vx-section">
          <h2>工作内容</h2>
          <div className="vx-grid one">
            <Field label="工作清单" error={errors.checklist}>
              <div className="vx-checklist" role="group" aria-label="工作清单">
                {checklistItems.map((item) => (
                  <label key={item} className="check">
                    <input
                      type="checkbox"
                      checked={form.checklist.includes(item)}
                      onChange={(e) => set('checklist', e.target.checked ? [...form.checklist, item] : form.checklist.filter((c) => c !== item))}
                    />
                    <span>{item}</span>
                  </label>
                ))}
                {!checklistItems.length && <span className="muted">管理员尚未设置走访清单</span>}
              </div>
            </Field>
            <Field label="工作内容" error={errors.content}>
              <textarea className="input" rows={2} value={form.content} onChange={(e) => set('content', e.target.value)} maxLength={2000} />
            </Field>
          </div>
          <div className="vx-grid">
            <Field label="客户意见" error={errors.opinions}>
              <textarea className="input" rows={2} value={form.opinions} onChange={(e) => set('opinions', e.target.value)} maxLength={1000} />
            </Field>
            <Field label="发现的问题" error={errors.problems}>
              <textarea className="input" rows={2} value={form.problems} onChange={(e) => set('problems', e.target.value)} maxLength={1000} />
            </Field>
          </div>
        </section>

        <section className="vx-section">
          <h2>下次跟进与客户签字</h2>
          <div className="vx-grid">
            <DateField
              label="下次跟进日期"
              value={form.followDue}
              onChange={(v) => set('followDue', v)}
              error={errors['nextFollowUp.due'] ?? errors.nextFollowUp}
              hint="填写后自动生成待跟进任务"
            />
            <TextField label="下次跟进内容" value={form.followContent} onChange={(v) => set('followContent', v)} error={errors['nextFollowUp.content']} maxLength={500} />
            <SelectField
              label="客户签字"
              value={form.signature}
              onChange={(v) => set('signature', v)}
              options={SIGNATURE_STATUSES.map((s) => ({ value: s, label: s }))}
              error={errors.signature}
            />
            <TextField
              label={form.signature === '无法签字' ? '无法签字原因' : '签字说明'}
              value={form.signatureNote}
              onChange={(v) => set('signatureNote', v)}
              error={errors.signatureNote}
              maxLength={200}
              placeholder={form.signature === '无法签字' ? '必填，如：店主外出，店员不能代签' : ''}
            />
          </div>
          <div className="vx-grid one">
            <Field label="附件">
              <Attachments
                owner={visit ? { visitId: visit.id } : null}
                items={attachments}
                onChange={setAttachments}
                pending={pending}
                onPendingChange={setPending}
              />
            </Field>
          </div>
        </section>

        <div className="vx-actions">
          {mode === 'open' ? (
            <>
              <button type="submit" className="btn primary" disabled={busy}>
                签退
              </button>
              <button type="button" className="btn" disabled={busy} title="Ctrl+S" onClick={() => void submit('save')}>
                保存（暂不签退）
              </button>
            </>
          ) : (
            <button type="submit" className="btn primary" disabled={busy} title="Ctrl+S">
              {busy ? '正在保存…' : '保存'}
            </button>
          )}
          <button type="button" className="btn" onClick={() => window.history.back()}>
            返回
          </button>
          <span className="muted vx-small">Ctrl+S 保存</span>
        </div>
      </form>
      {dialog}
    </div>
  );
}
