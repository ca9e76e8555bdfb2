import { useEffect, useRef, useState } from 'react';
import { RETURN_SIGNATURES, type Sheet, type SheetSummary } from '../../../../shared/domain/sheets';
import { ApiFailure, errorMessage, invoke } from '../../api/client';
import { FormError, FormNotice } from '../../components/FormError';
import { blobToBase64 } from '../../api/files';
import { fileProblem } from '../../components/Attachments';
import { CustomerPicker } from '../../components/CustomerPicker';
import type { PickedCustomer } from '../../components/customerSearch';
import { hasRole, useSession } from '../../session';
import { OutstandingDays } from './OutstandingDays';
import '../../components/pages.css';

interface RowEntry {
  /** Picked on a blank row; a pre-filled row keeps its printed customer. */
  customer: PickedCustomer | null;
  signIn: string;
  signOut: string;
  signature: string;
  reason: string;
}

const emptyEntry = (): RowEntry => ({ customer: null, signIn: '', signOut: '', signature: '', reason: '' });

/**
 * 回收登记: type or scan the sheet number (a USB scanner types it and presses Enter),
 * then one pass over the rows with the keyboard (Tab from field to field); rows left
 * without a sign-in time are not registered. All rows are stored, or none. A blank row
 * takes its customer from the picker; a scan of the paper, chosen before or after
 * saving, goes on the visits the rows became.
 */
export function SheetReturnPage() {
  const [no, setNo] = useState('');
  const [sheet, setSheet] = useState<Sheet | null>(null);
  const [entries, setEntries] = useState<Record<number, RowEntry>>({});
  const [rowErrors, setRowErrors] = useState<Record<number, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [outstanding, setOutstanding] = useState<{ rows: SheetSummary[]; days: number } | null>(null);
  const [scanFile, setScanFile] = useState<File | null>(null);
  const scanInput = useRef<HTMLInputElement>(null);
  const { session } = useSession();

  useEffect(() => {
    invoke('sheets.list', { outstanding: true })
      .then((r) => setOutstanding({ rows: r.rows, days: r.outstandingDays }))
      .catch(() => setOutstanding(null));
  }, [notice]);

  const open = async (value = no) => {
    setError(null);
    setNotice(null);
    setRowErrors({});
    try {
      const s = await invoke('sheets.show', { sheetNo: value });
      setSheet(s);
      setEntries(Object.fromEntries(s.rowsDetail.map((r) => [r.row, emptyEntry()])));
    } catch (e) {
      setSheet(null);
      setError(errorMessage(e));
    }
  };

  const hasOpenRows = !!sheet?.rowsDetail.some((r) => r.visitId === null);
  const set = <K extends keyof RowEntry>(row: number, k: K, v: RowEntry[K]) => setEntries((m) => ({ ...m, [row]: { ...m[row], [k]: v } }));

  /** Sends the chosen scan to the sheet's visits; answers what to tell the user. */
  const attachScan = async (sheetNo: string, file: File): Promise<string> => {
    const r = await invoke('sheets.attachScan', { sheetNo, name: file.name, mime: file.type, dataBase64: await blobToBase64(file) });
    setScanFile(null);
    return `扫描件「${r.scan.name}」已附到 ${r.visits} 条走访`;
  };

  const chooseScan = (file: File | null) => {
    setError(null);
    if (file && fileProblem(file)) return setError(`扫描件：${fileProblem(file)}`);
    setScanFile(file);
  };

  const saveScanOnly = async () => {
    if (!sheet || !scanFile) return;
    setBusy(true);
    setError(null);
    try {
      const msg = await attachScan(sheet.sheetNo, scanFile);
      await open(sheet.sheetNo);
      setNotice(msg);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const save = async () => {
    if (!sheet) return;
    const rows = sheet.rowsDetail
      .filter((r) => r.visitId === null && entries[r.row]?.signIn.trim())
      .map((r) => {
        const e = entries[r.row];
        return {
          row: r.row,
          ...(e.customer ? { customer: e.customer.id } : {}),
          signIn: e.signIn.trim(),
          signOut: e.signOut.trim() || null,
          signature: (e.signature || '已签') as '已签',
          ...(e.reason.trim() ? { reason: e.reason.trim() } : {}),
        };
      });
    if (!rows.length) return setError('请至少填写一行的签到时间');
    setBusy(true);
    setError(null);
    setRowErrors({});
    try {
      const r = await invoke('sheets.return', { sheetNo: sheet.sheetNo, rows });
      let msg = `签到簿 ${r.sheetNo} 已登记 ${r.saved} 条走访`;
      // The visits are stored whatever happens to the scan; a refused scan says why and can be sent again.
      let scanError: string | null = null;
      if (scanFile) {
        try {
          msg += `；${await attachScan(r.sheetNo, scanFile)}`;
        } catch (e) {
          scanError = `扫描件未附上：${errorMessage(e)}`;
        }
      }
      await open(sheet.sheetNo);
      setNotice(msg);
      setError(scanError);
    } catch (e) {
      setError(errorMessage(e));
      if (e instanceof ApiFailure && e.error.fields) {
        setRowErrors(Object.fromEntries(e.error.fields.map((f) => [Number(f.field.split('.')[1]), f.message])));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="vx-page">
      <div className="vx-head">
        <h1>签到簿回收登记</h1>
      </div>
      <form
        className="vx-filters"
        onSubmit={(e) => {
          e.preventDefault();
          void open();
        }}
      >
        <label className="vx-filter">
          <span>签到簿编号</span>
          <input className="input" value={no} onChange={(e) => setNo(e.target.value)} placeholder="输入或扫描编号，如 QD-20261207-0007" aria-label="签到簿编号" autoFocus />
        </label>
        <button type="submit" className="btn primary">
          查找
        </button>
      </form>
      <FormNotice kind="success">{notice}</FormNotice>
      <FormError message={error} />
      {sheet && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <p data-testid="sheet-info">
            {sheet.sheetNo} · {sheet.managerDisplayName} · {sheet.week ? `${sheet.week} 周` : '空白签到页'} · 打印于 {sheet.printedAt.slice(0, 16)}
            {sheet.returnedAt ? ` · 已于 ${sheet.returnedAt.slice(0, 16)} 登记` : ''}
          </p>
          <table className="vx-table" data-testid="sheet-rows">
            <thead>
              <tr>
                <th style={{ width: 40 }}>行</th>
                <th style={{ width: 100 }}>日期</th>
                <th style={{ width: 260 }}>客户</th>
                <th style={{ width: 150 }}>签到时间</th>
                <th style={{ width: 150 }}>签退时间</th>
                <th style={{ width: 110 }}>客户签字</th>
                <th>原因</th>
                <th style={{ width: 150 }}>状态</th>
              </tr>
            </thead>
            <tbody>
              {sheet.rowsDetail.map((r) => {
                const e = entries[r.row] ?? emptyEntry();
                const done = r.visitId !== null;
                const label = `第${r.row}行`;
                return (
                  <tr key={r.row} className={rowErrors[r.row] ? 'vx-row-error' : undefined}>
                    <td>{r.row}</td>
                    <td style={{ whiteSpace: 'nowrap' }}>{r.date ?? ''}</td>
                    <td>
                      {r.customer ? (
                        `${r.customerName}（${r.customer}）`
                      ) : (
                        <CustomerPicker value={e.customer} disabled={done} onChange={(c) => set(r.row, 'customer', c)} aria-label={`${label}客户`} placeholder="名称/拼音/编码" />
                      )}
                    </td>
                    {r.visit ? (
                      <>
                        {/* The time alone on the row's printed day; a blank row's visit shows its day too. */}
                        <td>{r.date && r.visit.signIn.startsWith(r.date) ? r.visit.signIn.slice(11) : r.visit.signIn}</td>
                        <td>{r.visit.signOut ? (r.visit.signOut.startsWith(r.visit.signIn.slice(0, 10)) ? r.visit.signOut.slice(11) : r.visit.signOut) : ''}</td>
                        <td>{r.visit.signature}</td>
                        <td>{r.visit.signatureNote}</td>
                      </>
                    ) : (
                      <>
                        <td>
                          <input className="input" value={e.signIn} disabled={done} onChange={(x) => set(r.row, 'signIn', x.target.value)} aria-label={`${label}签到时间`} placeholder={r.date ? '09:30' : 'YYYY-MM-DD 09:30'} />
                        </td>
                        <td>
                          <input className="input" value={e.signOut} disabled={done} onChange={(x) => set(r.row, 'signOut', x.target.value)} aria-label={`${label}签退时间`} />
                        </td>
                        <td>
                          <select className="input" value={e.signature} disabled={done} onChange={(x) => set(r.row, 'signature', x.target.value)} aria-label={`${label}客户签字`}>
                            <option value="">已签</option>
                            {RETURN_SIGNATURES.filter((s) => s !== '已签').map((s) => (
                              <option key={s} value={s}>
                                {s}
                              </option>
                            ))}
                          </select>
                        </td>
                        <td>
                          <input className="input" value={e.reason} disabled={done} onChange={(x) => set(r.row, 'reason', x.target.value)} aria-label={`${label}原因`} />
                        </td>
                      </>
                    )}
                    <td>{done ? <a href={`#/visits/${r.visitId}`}>已登记（走访 {r.visitId}）</a> : (rowErrors[r.row] ?? '')}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <div className="vx-actions" style={{ alignItems: 'center' }}>
            {/* The browser's own file button speaks the system's language; this one always says 选择. */}
            <input
              ref={scanInput}
              type="file"
              hidden
              accept="image/png,image/jpeg,image/webp,application/pdf"
              aria-label="纸面扫描件"
              onChange={(x) => {
                chooseScan(x.target.files?.[0] ?? null);
                x.target.value = '';
              }}
            />
            <button type="button" className="btn" onClick={() => scanInput.current?.click()}>
              {scanFile ? '更换扫描件…' : '选择纸面扫描件…'}
            </button>
            <span className="muted">{scanFile ? `已选：${scanFile.name}` : '可选：图片或 PDF，保存时附到各条走访'}</span>
            <span className="spacer" />
            {hasOpenRows && (
              <button type="submit" className="btn primary" disabled={busy}>
                {busy ? '正在保存…' : '保存登记'}
              </button>
            )}
            {scanFile && sheet.visits > 0 && (
              <button type="button" className="btn primary" disabled={busy} onClick={() => void saveScanOnly()}>
                {hasOpenRows ? '只附扫描件' : '附上扫描件'}
              </button>
            )}
          </div>
          {sheet.scans.length > 0 && (
            <p className="muted" data-testid="sheet-scans">
              已附扫描件：{sheet.scans.map((x) => x.name).join('、')}（在各条走访的附件中查看）
            </p>
          )}
        </form>
      )}
      {hasRole(session, 'admin') && outstanding && <OutstandingDays days={outstanding.days} onSaved={(days) => setNotice(`未回收提醒天数已设为 ${days} 天`)} />}
      {outstanding && outstanding.rows.length > 0 && (
        <section data-testid="outstanding">
          <h2>超过 {outstanding.days} 天未回收的签到簿</h2>
          <ul>
            {outstanding.rows.map((s) => (
              <li key={s.sheetNo}>
                <button
                  type="button"
                  className="link"
                  onClick={() => {
                    setNo(s.sheetNo);
                    void open(s.sheetNo);
                  }}
                >
                  {s.sheetNo}
                </button>{' '}
                {s.managerDisplayName} · 打印于 {s.printedAt.slice(0, 10)}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
