import { useState, type FormEvent } from 'react';
import { invoke } from '../../api/client';
import { BRANCH_TYPES, BRANCH_TYPE_LABELS, PASSWORD_MIN_LENGTH, type BranchType } from '../../../../shared/domain/constants';
import { BRANCH_PRESETS } from '../../../../shared/domain/presets';
import { TextField } from '../../components/Field';
import { FormError, splitError } from '../../components/FormError';

type FieldName = 'branchName' | 'branchType' | 'adminName' | 'adminDisplayName' | 'password' | 'confirm';
const FIELDS: readonly FieldName[] = ['branchName', 'branchType', 'adminName', 'adminDisplayName', 'password', 'confirm'];

/** What choosing a branch type fills in, so the admin knows it is a starting point, not a lock-in. */
function PresetSummary({ type }: { type: BranchType }) {
  const preset = BRANCH_PRESETS[type];
  return (
    <div className="preset-box" data-testid="preset-summary">
      <div>选择类型将预置客户分级（含走访间隔）和走访工作内容清单，之后可在「字典管理」中修改。</div>
      <div>
        <b>客户分级</b>
        {preset.tiers.map((t) => (
          <span key={t.name} className="chip">
            {t.name} · 每{t.visitIntervalDays}天
          </span>
        ))}
      </div>
      <div>
        <b>走访内容</b>
        {preset.checklist.map((c) => (
          <span key={c} className="chip">
            {c}
          </span>
        ))}
      </div>
    </div>
  );
}

/** First run: creates the branch and its administrator (setup.init), then hands over to the login screen. */
export function SetupPage({ onDone }: { onDone: () => void }) {
  const [branchName, setBranchName] = useState('');
  const [branchType, setBranchType] = useState<BranchType>('bank');
  const [adminName, setAdminName] = useState('admin');
  const [adminDisplayName, setAdminDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // Only what the core cannot know (the repeated password) plus instant feedback on length.
  function localErrors(): Partial<Record<FieldName, string>> {
    const e: Partial<Record<FieldName, string>> = {};
    if (branchName.trim().length < 2) e.branchName = '网点名称至少2个字';
    if (adminName.trim().length < 2) e.adminName = '用户名至少2个字符';
    if (password.length < PASSWORD_MIN_LENGTH) e.password = `密码至少${PASSWORD_MIN_LENGTH}位`;
    if (confirm !== password) e.confirm = '两次输入的密码不一致';
    return e;
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    const local = localErrors();
    setErrors(local);
    setMessage(null);
    if (Object.keys(local).length) return;
    setBusy(true);
    try {
      await invoke('setup.init', {
        branchName: branchName.trim(),
        branchType,
        adminName: adminName.trim(),
        adminDisplayName: adminDisplayName.trim() || undefined,
        password,
      });
      onDone();
    } catch (err) {
      const split = splitError(err, FIELDS);
      setErrors(split.fields);
      setMessage(split.message);
      setBusy(false);
    }
  }

  return (
    <div className="auth-screen">
      <form className="auth-card wide" onSubmit={submit} noValidate aria-labelledby="setup-title">
        <div className="auth-brand">
          <div className="auth-logo" aria-hidden="true">
            BD
          </div>
          <div>
            <h1 className="auth-title" id="setup-title">
              初始设置
            </h1>
            <div className="auth-sub">BranchDesk 网点客户经理工作台 · 首次使用请创建网点和管理员账号</div>
          </div>
        </div>

        <FormError message={message} />

        <div className="form-section">网点信息</div>
        <TextField
          label="网点名称"
          value={branchName}
          onChange={setBranchName}
          error={errors.branchName}
          placeholder="如：城关支行、城东营业厅、县局营销部"
          maxLength={50}
          autoFocus
        />
        <div className="field">
          <span className="field-label" id="branch-type-label">
            网点类型
          </span>
          <div className="choice-group" role="radiogroup" aria-labelledby="branch-type-label">
            {BRANCH_TYPES.map((t) => (
              <label key={t} className={`choice${branchType === t ? ' selected' : ''}`}>
                <input type="radio" name="branchType" value={t} checked={branchType === t} onChange={() => setBranchType(t)} />
                {BRANCH_TYPE_LABELS[t]}
              </label>
            ))}
          </div>
          {errors.branchType ? <div className="field-error">{errors.branchType}</div> : null}
        </div>
        <PresetSummary type={branchType} />

        <div className="form-section">管理员账号</div>
        <div className="form-row">
          <TextField
            label="管理员用户名"
            value={adminName}
            onChange={setAdminName}
            error={errors.adminName}
            hint="登录时使用，字母、数字或中文"
            autoComplete="username"
            maxLength={30}
          />
          <TextField
            label="管理员姓名"
            value={adminDisplayName}
            onChange={setAdminDisplayName}
            error={errors.adminDisplayName}
            hint="可不填，默认同用户名"
            maxLength={30}
          />
        </div>
        <div className="form-row">
          <TextField
            label="密码"
            type="password"
            value={password}
            onChange={setPassword}
            error={errors.password}
            hint={`至少${PASSWORD_MIN_LENGTH}位`}
            autoComplete="new-password"
          />
          <TextField
            label="确认密码"
            type="password"
            value={confirm}
            onChange={setConfirm}
            error={errors.confirm}
            autoComplete="new-password"
          />
        </div>

        <button type="submit" className="btn primary block" disabled={busy}>
          {busy ? '正在创建…' : '完成设置'}
        </button>
        <div className="auth-foot">数据保存在本机数据库中，无需联网</div>
      </form>
    </div>
  );
}
