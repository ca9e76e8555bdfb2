import { useEffect, useState, type FormEvent } from 'react';
import type { Settings } from '../../../../shared/api/settings';
import { calendarProblems, monthlyReportDue, parseCalendarList } from '../../../../shared/domain/calendar';
import { BRANCH_TYPE_LABELS, MAX_FAILED_LOGINS } from '../../../../shared/domain/constants';
import { errorMessage, invoke } from '../../api/client';
import { Field, TextField } from '../../components/Field';
import { FormError, FormNotice, splitError } from '../../components/FormError';
import { useSession } from '../../session';
import { today } from '../../components/format';
import { CalendarField } from './CalendarField';

type FieldName = 'branchName' | 'idleMinutes' | 'lockoutMinutes' | 'planDailyCap' | 'planTierCaps' | 'holidays' | 'workdays' | 'outstandingSheetDays';
const FIELDS: readonly FieldName[] = ['branchName', 'idleMinutes', 'lockoutMinutes', 'planDailyCap', 'planTierCaps', 'holidays', 'workdays', 'outstandingSheetDays'];

/** A whole number within [min, max] with its unit, or the message to show under the field. */
function checkWhole(text: string, min: number, max: number, unit: string): string | null {
  const n = Number(text.trim());
  if (text.trim() === '' || !Number.isInteger(n)) return `请输入整数${unit}数`;
  if (n < min || n > max) return `须在 ${min}–${max} ${unit}之间`;
  return null;
}

/** The report month before today's: the one whose report is due next. */
function previousMonth(): string {
  const [y, m] = today().split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

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
  const [dailyCap, setDailyCap] = useState(String(initial.planDailyCap));
  const [tierCaps, setTierCaps] = useState<Record<string, string>>(() => Object.fromEntries(Object.entries(initial.planTierCaps).map(([k, v]) => [k, String(v)])));
  const [tiers, setTiers] = useState<string[]>([]);
  const [holidays, setHolidays] = useState(initial.calendar.holidays.join('\n'));
  const [workdays, setWorkdays] = useState(initial.calendar.workdays.join('\n'));
  const [sheetDays, setSheetDays] = useState(String(initial.outstandingSheetDays));
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    invoke('dicts.list', { kind: 'tier' })
      .then((items) => setTiers(items.map((i) => i.name)))
      .catch(() => setTiers([]));
  }, []);

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
    const capError = checkWhole(dailyCap, 1, 200, '户');
    if (capError) local.planDailyCap = capError;
    const caps: Record<string, number> = {};
    for (const [tier, text] of Object.entries(tierCaps)) {
      if (!text.trim()) continue;
      const problem = checkWhole(text, 1, 200, '户');
      if (problem) local.planTierCaps = `${tier}：${problem}`;
      else caps[tier] = Number(text);
    }
    const sheetError = checkWhole(sheetDays, 1, 90, '天');
    if (sheetError) local.outstandingSheetDays = sheetError;
    const h = parseCalendarList(holidays);
    const w = parseCalendarList(workdays);
    if (h.problems.length) local.holidays = h.problems.map((p) => p.message).join('；');
    if (w.problems.length) local.workdays = w.problems.map((p) => p.message).join('；');
    const calendar = { holidays: h.days, workdays: w.days };
    for (const p of calendarProblems(calendar)) local[p.field] ??= p.message;
    setErrors(local);
    if (Object.keys(local).length) return;
    setBusy(true);
    try {
      const next = await invoke('settings.update', {
        branchName: branchName.trim(),
        idleMinutes: Number(idle),
        lockoutMinutes: Number(lockout),
        planDailyCap: Number(dailyCap),
        planTierCaps: caps,
        calendar,
        outstandingSheetDays: Number(sheetDays),
      });
      // Show the lists as stored: sorted, ranges spelled out, one day a line.
      setHolidays(next.calendar.holidays.join('\n'));
      setWorkdays(next.calendar.workdays.join('\n'));
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
      <div className="form-section">走访计划</div>
      <TextField
        label="每日计划上限（户）"
        type="number"
        min={1}
        max={200}
        className="narrow"
        value={dailyCap}
        onChange={setDailyCap}
        error={errors.planDailyCap}
        hint="生成计划时每位客户经理每个工作日最多安排的客户数（1–200）；高等级客户先排"
      />
      <Field label="分级每日上限（户）" error={errors.planTierCaps} hint="可选：某一分级每人每天最多安排的户数，留空表示只受总上限限制">
        <div className="tier-caps" role="group" aria-label="分级每日上限">
          {tiers.map((t) => (
            <label key={t} className="tier-cap">
              <span>{t}</span>
              <input
                className="input narrow"
                type="number"
                min={1}
                max={200}
                aria-label={`${t}每日上限`}
                value={tierCaps[t] ?? ''}
                onChange={(e) => setTierCaps({ ...tierCaps, [t]: e.target.value })}
              />
            </label>
          ))}
        </div>
      </Field>
      <div className="form-section">工作日历</div>
      <CalendarField
        label="节假日"
        value={holidays}
        onChange={setHolidays}
        error={errors.holidays}
        hint="休息的日期，每行一个日期或范围，如 2026-10-01~2026-10-08；也可从文本/CSV文件导入"
      />
      <CalendarField
        label="调休上班日"
        value={workdays}
        onChange={setWorkdays}
        error={errors.workdays}
        hint="需要上班的周六、周日，如 2026-10-10"
      />
      <Field label="月度报告截止" hint="每月5日前报送上月报告，遇节假日、周末顺延（按上面的日历，保存后生效）">
        <input className="input" readOnly value={`${previousMonth()} 月报告：${monthlyReportDue(initial.calendar, previousMonth())}`} />
      </Field>
      <div className="form-section">签到簿</div>
      <TextField
        label="待回收天数"
        type="number"
        min={1}
        max={90}
        className="narrow"
        value={sheetDays}
        onChange={setSheetDays}
        error={errors.outstandingSheetDays}
        hint="打印的签到簿超过该天数仍未交回签字，列为待回收（1–90）"
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
