import { useEffect, useId, useRef, useState } from 'react';
import { COMPLAINT_CATEGORIES, CUSTOMER_CONFIRMATIONS, type Complaint, type CustomerConfirmation } from '../../../../shared/domain/complaints';
import type { AttachmentInfo } from '../../../../shared/domain/attachments';
import { localMinute } from '../../../../shared/domain/visitRules';
import { errorMessage, invoke } from '../../api/client';
import { Field, SelectField, TextField } from '../../components/Field';
import { FormError, FormNotice } from '../../components/FormError';
import { PrintButton } from '../../components/PrintButton';
import { navigate } from '../../router';
import { useSession } from '../../session';
import { Attachments, uploadFile } from '../../components/Attachments';
import { CustomerPicker } from '../../components/CustomerPicker';
import type { PickedCustomer } from '../../components/customerSearch';
import { setFlash, splitProblems, takeFlash } from '../../components/format';
import { ComplaintStatus } from './ComplaintsPage';
import '../../components/forms.css';
import '../../components/pages.css';
import { DateField, DateTimeField } from '../../components/DateField';

/** Statuses in which the manager still works on the handling (the core's rule, mirrored to lock the fields). */
const EDITABLE = new Set(['待处理', '处理中', '已退回']);
const FIELDS = ['customerId', 'openedAt', 'category', 'content', 'handlingSteps', 'result', 'customerConfirmation', 'confirmationNote', 'nextFollowUp.due', 'nextFollowUp.content', 'comment'];

interface FormState {
  customer: PickedCustomer | null;
  openedAt: string;
  category: string;
  content: string;
  handlingSteps: string;
  result: string;
  customerConfirmation: CustomerConfirmation;
  confirmationNote: string;
  followDue: string;
  followContent: string;
}

function formOf(k: Complaint | null): FormState {
  return {
    customer: k ? { id: k.customerId, code: k.customer, name: k.customerName } : null,
    openedAt: k ? k.openedAt.replace(' ', 'T') : localMinute(new Date()).replace(' ', 'T'),
    category: k?.category ?? '',
    content: k?.content ?? '',
    handlingSteps: k?.handlingSteps ?? '',
    result: k?.result ?? '',
    customerConfirmation: k?.customerConfirmation ?? '待确认',
    confirmationNote: k?.confirmationNote ?? '',
    followDue: '',
    followContent: '',
  };
}

/** #/complaints/new and #/complaints/<id>. */
export function ComplaintPage({ id }: { id: number | null }) {
  const [state, setState] = useState<{ kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; complaint: Complaint | null }>(
    id === null ? { kind: 'ready', complaint: null } : { kind: 'loading' },
  );
  useEffect(() => {
    if (id === null) return;
    let alive = true;
    invoke('complaints.get', { id })
      .then((complaint) => alive && setState({ kind: 'ready', complaint }))
      .catch((e: unknown) => alive && setState({ kind: 'failed', message: errorMessage(e) }));
    return () => {
      alive = false;
    };
  }, [id]);
  if (state.kind === 'loading') return <div className="vx-page muted">正在加载…</div>;
  if (state.kind === 'failed') {
    return (
      <div className="vx-page">
        <div className="vx-refusal" role="alert">
          <h1>无法打开投诉反馈</h1>
          <p>{state.message}</p>
          <a href="#/complaints">返回投诉反馈</a>
        </div>
      </div>
    );
  }
  return <ComplaintEditor initial={state.complaint} />;
}

function ComplaintEditor({ initial }: { initial: Complaint | null }) {
  const { session } = useSession();
  const supervisor = session.user.role !== 'manager';
  const listId = useId();
  const [complaint, setComplaint] = useState(initial);
  const [form, setForm] = useState(() => formOf(initial));
  const [attachments, setAttachments] = useState<AttachmentInfo[]>(initial?.attachments ?? []);
  const [pending, setPending] = useState<File[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [notice, setNotice] = useState(takeFlash);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const head = useRef<HTMLDivElement>(null);

  const editable = !complaint || EDITABLE.has(complaint.status);
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setErrors({});
  };

  const fail = (e: unknown) => {
    const s = splitProblems(e, FIELDS);
    setErrors(s.fields);
    setFormError(s.message ?? (Object.keys(s.fields).length ? '请修改标红的项目' : null));
    // A problem no field shows is in the alert line at the top.
    if (s.message) head.current?.scrollIntoView({ block: 'nearest' });
  };

  const nextFollowUp = () => (form.followDue || form.followContent.trim() ? { due: form.followDue, content: form.followContent.trim() } : undefined);

  /** Creates or updates; answers the stored complaint. */
  const save = async (): Promise<Complaint> => {
    if (!complaint) {
      if (!form.customer) throw new Error('请选择客户');
      const created = await invoke('complaints.create', {
        customerId: form.customer.id,
        openedAt: form.openedAt,
        category: form.category,
        content: form.content,
        handlingSteps: form.handlingSteps,
        result: form.result,
        nextFollowUp: nextFollowUp() ?? null,
      });
      for (const f of pending) await uploadFile({ complaintId: created.id }, f);
      setPending([]);
      // The customer's confirmation is not part of create: a second call records it if it is already known.
      if (form.customerConfirmation !== '待确认' || form.confirmationNote.trim()) {
        return invoke('complaints.update', { id: created.id, customerConfirmation: form.customerConfirmation, confirmationNote: form.confirmationNote });
      }
      return created;
    }
    return invoke('complaints.update', {
      id: complaint.id,
      ...(editable
        ? {
            openedAt: form.openedAt,
            category: form.category,
            content: form.content,
            handlingSteps: form.handlingSteps,
            result: form.result,
            ...(nextFollowUp() ? { nextFollowUp: nextFollowUp() } : {}),
          }
        : {}),
      customerConfirmation: form.customerConfirmation,
      confirmationNote: form.confirmationNote,
    });
  };

  const act = async (what: 'save' | 'submit' | 'approve' | 'return') => {
    if (busy) return;
    if (what !== 'approve' && what !== 'return' && !complaint && !form.customer) {
      setErrors({ customerId: '请从候选列表中选择客户' });
      return;
    }
    if (what === 'submit' && (!form.handlingSteps.trim() || !form.result.trim())) {
      // The core's rule for submitting, checked first so a new complaint is not half-stored by a refused submit.
      setErrors({
        ...(form.handlingSteps.trim() ? {} : { handlingSteps: '提交审批前请填写处理过程' }),
        ...(form.result.trim() ? {} : { result: '提交审批前请填写处理结果' }),
      });
      return;
    }
    setBusy(true);
    setFormError(null);
    setNotice('');
    try {
      let k: Complaint;
      if (what === 'approve' || what === 'return') {
        k = await invoke('complaints.review', { id: complaint!.id, decision: what, comment });
        setComment('');
      } else {
        k = await save();
        if (what === 'submit') {
          setComplaint(k);
          k = await invoke('complaints.submit', { id: k.id });
        }
      }
      setErrors({});
      const message = { save: '已保存', submit: '已提交审批', approve: '已批准', return: '已退回给客户经理' }[what];
      if (!complaint) {
        setFlash(message);
        navigate(`complaints/${k.id}`);
        return;
      }
      setComplaint(k);
      setForm({ ...formOf(k), followDue: '', followContent: '' });
      setAttachments(k.attachments);
      setNotice(message);
      // The buttons sit at the bottom of a long form: bring the result (notice, new status) into view.
      head.current?.scrollIntoView({ block: 'nearest' });
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  const canReview = supervisor && complaint?.status === '待审批';

  return (
    <div className="vx-page vx-visit">
      <div className="vx-head" ref={head}>
        <a className="vx-back" href="#/complaints">
          ← 投诉反馈
        </a>
        <h1>{complaint ? '投诉反馈' : '登记投诉反馈'}</h1>
        {complaint && (
          <span className="vx-head-sub">
            {complaint.customerName}（{complaint.customer}）· {complaint.managerDisplayName}
            <ComplaintStatus status={complaint.status} />
            <span className={complaint.closedAt === null && complaint.ageDays > 7 ? 'vx-bad' : 'muted'}>
              {complaint.closedAt ? `用时 ${complaint.ageDays} 天` : `已过 ${complaint.ageDays} 天`}
            </span>
          </span>
        )}
      </div>
      <FormNotice kind="success">{notice}</FormNotice>
      <FormError message={formError} />
      {complaint?.approvalComment && (
        <div className={complaint.status === '已退回' ? 'vx-callout warn' : 'vx-callout'}>
          <b>{complaint.status === '已退回' ? '退回意见' : '审批意见'}：</b>
          {complaint.approvalComment}
          {complaint.approvedBy && complaint.approvedAt && (
            <span className="muted">
              {' '}
              —— {complaint.approvedBy}，{complaint.approvedAt.slice(0, 16)}
            </span>
          )}
        </div>
      )}
      {complaint?.status === '已批准' && !complaint.approvalComment && (
        <div className="vx-callout">
          已于 {complaint.approvedAt?.slice(0, 16)} 由 {complaint.approvedBy} 批准
        </div>
      )}
      <form
        className="vx-form form-horizontal"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void act('save');
        }}
      >
        <section className="vx-section">
          <h2>反馈内容</h2>
          <div className="vx-grid">
            <Field label="客户" error={errors.customerId}>
              <CustomerPicker value={form.customer} onChange={(c) => set('customer', c)} disabled={!!complaint} autoFocus={!complaint} />
            </Field>
            <DateTimeField label="反馈时间" value={form.openedAt} onChange={(v) => set('openedAt', v)} error={errors.openedAt} disabled={!editable} />
            <Field label="问题类别" error={errors.category}>
              <input className="input" list={listId} value={form.category} onChange={(e) => set('category', e.target.value)} maxLength={20} disabled={!editable} placeholder="如：商品质量" />
            </Field>
            <datalist id={listId}>
              {COMPLAINT_CATEGORIES.map((c) => (
                <option key={c} value={c} />
              ))}
            </datalist>
          </div>
          <div className="vx-grid one">
            <Field label="反馈内容" error={errors.content}>
              <textarea className="input" rows={3} value={form.content} onChange={(e) => set('content', e.target.value)} maxLength={2000} disabled={!editable} />
            </Field>
          </div>
        </section>
        <section className="vx-section">
          <h2>处理情况</h2>
          <div className="vx-grid one">
            <Field label="处理过程" error={errors.handlingSteps}>
              <textarea className="input" rows={3} value={form.handlingSteps} onChange={(e) => set('handlingSteps', e.target.value)} maxLength={2000} disabled={!editable} />
            </Field>
            <Field label="处理结果" error={errors.result}>
              <textarea className="input" rows={2} value={form.result} onChange={(e) => set('result', e.target.value)} maxLength={1000} disabled={!editable} />
            </Field>
          </div>
          <div className="vx-grid">
            <SelectField
              label="客户确认"
              value={form.customerConfirmation}
              onChange={(v) => set('customerConfirmation', v)}
              options={CUSTOMER_CONFIRMATIONS.map((c) => ({ value: c, label: c }))}
              error={errors.customerConfirmation}
            />
            <TextField label="确认说明" value={form.confirmationNote} onChange={(v) => set('confirmationNote', v)} error={errors.confirmationNote} maxLength={200} />
            {editable && (
              <>
                <DateField label="下次跟进日期" value={form.followDue} onChange={(v) => set('followDue', v)} error={errors['nextFollowUp.due']} hint="填写后生成待跟进任务" />
                <TextField label="下次跟进内容" value={form.followContent} onChange={(v) => set('followContent', v)} error={errors['nextFollowUp.content']} maxLength={500} />
              </>
            )}
          </div>
          <div className="vx-grid one">
            <Field label="附件">
              <Attachments owner={complaint ? { complaintId: complaint.id } : null} items={attachments} onChange={setAttachments} pending={pending} onPendingChange={setPending} />
            </Field>
          </div>
        </section>
        {canReview && (
          <section className="vx-section review">
            <h2>负责人审批</h2>
            <div className="vx-grid one">
              <Field label="审批意见" error={errors.comment} hint="退回时必填">
                <textarea className="input" rows={2} value={comment} onChange={(e) => setComment(e.target.value)} maxLength={500} />
              </Field>
            </div>
            <div className="vx-actions">
              <button type="button" className="btn primary" disabled={busy} onClick={() => void act('approve')}>
                批准
              </button>
              <button type="button" className="btn vx-danger-outline" disabled={busy} onClick={() => void act('return')}>
                退回
              </button>
            </div>
          </section>
        )}
        <div className="vx-actions">
          <button type="submit" className="btn" disabled={busy}>
            保存
          </button>
          {editable && (
            <button type="button" className="btn primary" disabled={busy} onClick={() => void act('submit')} title="处理过程和处理结果填写后提交负责人审批">
              提交审批
            </button>
          )}
          {complaint && (
            <PrintButton
              label="打印反馈单"
              title="商品及服务质量信息反馈单"
              hint="预览商品及服务质量信息反馈单（含客户确认签字栏），打印或另存为 PDF；打印的是已保存的内容"
              load={(output) => invoke('print.complaint', { id: complaint.id, output })}
              onError={setFormError}
            />
          )}
          <button type="button" className="btn" onClick={() => window.history.back()}>
            返回
          </button>
        </div>
      </form>
    </div>
  );
}
