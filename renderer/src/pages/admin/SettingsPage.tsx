import { useEffect, useState, type FormEvent } from 'react';
import type { Settings } from '../../../../shared/api/settings';
import { BRANCH_TYPE_LABELS, MAX_FAILED_LOGINS } from '../../../../shared/domain/constants';
import { errorMessage, invoke } from '../../api/client';
import { Field, TextField } from '../../components/Field';
import { FormError, FormNotice, splitError } from '../../components/FormError';
import { useSession } from '../../session';

type FieldName = 'branchName' | 'idleMinutes' | 'lockoutMinutes';
const FIELDS: readonly FieldName[] = ['branchName', 'idleMinutes', 'lockoutMinutes'];

/** A whole number of minutes within [min, max], or the message to show under the field. */
function checkMinutes(text: string, min: number, max: number): string | null {
  const n = Number(text.trim());
  if (text.trim() === '' || !Number.isInteger(n)) return '请输入整数分钟数';
  if (n < min || n > max) return `须在 ${min}–${max} 分钟之间`;
  return null;
}

function SettingsForm({ initial, onSaved }: { initial: Settings; onSaved: (s: Settings) => void }) {
  const [branchName, setBranchName] = useState(initial.branchName);
  const [idle, setIdle] = useState(String(initial.idleMinutes));
  const [lockout, setLockout] = useState(String(initial.lockoutMinutes));
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    setMessage(null);
    setSaved(false);
    const local: Partial<Record<FieldName, string>> = {};
    const idleError = checkMinutes(idle, 1, 240);
    const lockoutError = checkMinutes(lockout, 1, 1440);
    if (idleError) local.idleMinutes = idleError;
    if (lockoutError) local.lockoutMinutes = lockoutError;
    setErrors(local);
    if (Object.keys(local).length) return;
    setBusy(true);
    try {
      const next = await invoke('settings.update', {
        branchName: branchName.trim(),
        idleMinutes: Number(idle),
        lockoutMinutes: Number(lockout),
      });
      setErrors({});
      setSaved(true);
      onSaved(next);
    } catch (err) {
      const split = splitError(err, FIELDS);
      setErrors(split.fields);
      setMessage(split.message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form-horizontal wide-labels" onSubmit={submit} noValidate>
      {saved ? <FormNotice kind="success">设置已保存</FormNotice> : null}
      <FormError message={message} />
      <div className="form-section">网点</div>
      <TextField label="网点名称" value={branchName} onChange={setBranchName} error={errors.branchName} maxLength={50} autoFocus />
      <Field label="网点类型" hint="初始设置时选定；分级和走访内容可在「字典管理」中调整">
        <input className="input" value={BRANCH_TYPE_LABELS[initial.branchType]} readOnly />
      </Field>
      <div className="form-section">安全</div>
      <TextField
        label="自动锁定时间（分钟）"
        type="number"
        min={1}
        max={240}
        className="narrow"
        value={idle}
        onChange={setIdle}
        error={errors.idleMinutes}
        hint="无键盘鼠标操作超过该时间后锁屏，需输入密码解锁（1–240）"
      />
      <TextField
        label="密码错误锁定时长（分钟）"
        type="number"
        min={1}
        max={1440}
        className="narrow"
        value={lockout}
        onChange={setLockout}
        error={errors.lockoutMinutes}
        hint={`连续输错${MAX_FAILED_LOGINS}次密码后账号锁定的时长，管理员可随时解锁（1–1440）`}
      />
      <div className="form-actions">
        <button type="submit" className="btn primary" disabled={busy}>
          {busy ? '正在保存…' : '保存设置'}
        </button>
      </div>
    </form>
  );
}

export function SettingsPage() {
  const { refresh } = useSession();
  const [settings, setSettings] = useState<Settings | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    invoke('settings.get', {})
      .then(setSettings)
      .catch((e) => setError(errorMessage(e)));
  }, []);

  return (
    <div>
      <div className="page-header">
        <h1>系统设置</h1>
      </div>
      <FormError message={error} />
      <div className="panel padded settings-panel">
        {settings ? (
          <SettingsForm
            initial={settings}
            // The top bar shows the branch name and the idle timer uses the minutes: read the session again.
            onSaved={() => void refresh().catch(() => undefined)}
          />
        ) : !error ? (
          <div className="muted">正在加载…</div>
        ) : null}
      </div>
    </div>
  );
}
