import { useEffect, useRef, useState, type DragEvent } from 'react';
import { IMPORT_KINDS, IMPORT_KIND_LABELS, type ImportKind } from '../../../../shared/domain/imports';
import { errorMessage, invoke } from '../../api/client';
import { downloadPieces } from '../../api/files';
import { FormError } from '../../components/FormError';
import { hasRole, useSession } from '../../session';

const KIND_HINTS: Record<ImportKind, string> = {
  customers: '客户名称、类型、证件号、电话、地址、分级、客户经理……每行一户，可带最多3个联系人，或在“联系人”工作表中另列',
  visits: '历史走访：客户编码或名称、走访日期、方式、内容、结果……',
  volume: '每行一户一个月：客户编码、月份，以及销量/存款/AUM/消费等金额',
};

interface Props {
  kind: ImportKind;
  onKind(kind: ImportKind): void;
  /** Upload progress while a chosen file is sent, null otherwise. */
  uploading: { sent: number; total: number } | null;
  /** The file is up and its head is being read (sheets, header, mapping). */
  inspecting: boolean;
  onFile(file: File): void;
  error: string | null;
}

/** Step 1: what is imported and from which file; the template is one click away. */
export function FileStep({ kind, onKind, uploading, inspecting, onFile, error }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const [templateError, setTemplateError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const template = async () => {
    setBusy(true);
    setTemplateError(null);
    try {
      await downloadPieces(() => invoke('imports.template', { kind }));
    } catch (e) {
      setTemplateError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const drop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const f = e.dataTransfer.files[0];
    if (f) onFile(f);
  };

  return (
    <div className="im-step">
      <fieldset className="choice-group im-kinds" aria-label="导入内容">
        {IMPORT_KINDS.map((k) => (
          <label key={k} className={`choice ${kind === k ? 'selected' : ''}`}>
            <input type="radio" name="import-kind" value={k} checked={kind === k} onChange={() => onKind(k)} />
            {IMPORT_KIND_LABELS[k]}
          </label>
        ))}
      </fieldset>
      <p className="muted im-hint">{KIND_HINTS[kind]}</p>
      {kind === 'volume' ? <VolumeMetrics /> : null}
      <div
        className={`im-drop ${dragging ? 'dragging' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={drop}
      >
        {inspecting ? (
          <div className="im-uploading" role="status">
            正在识别工作表和表头…
          </div>
        ) : uploading ? (
          <div className="im-uploading" role="status">
            正在上传 {Math.round((uploading.sent / Math.max(1, uploading.total)) * 100)}%…
            <div className="job-bar">
              <div className="job-bar-fill" style={{ width: `${(uploading.sent / Math.max(1, uploading.total)) * 100}%` }} />
            </div>
          </div>
        ) : (
          <>
            <div className="im-drop-title">把 Excel（.xlsx）或 CSV 文件拖到这里</div>
            <div className="muted">支持 Excel、WPS、LibreOffice 保存的 .xlsx；CSV 可为 UTF-8 或 GBK 编码；表头不必在第一行</div>
            <button type="button" className="btn primary" onClick={() => input.current?.click()} autoFocus>
              选择文件…
            </button>
            <input
              ref={input}
              type="file"
              accept=".xlsx,.csv,.xls"
              aria-label="选择要导入的文件"
              hidden
              onChange={(e) => {
                const f = e.target.files?.[0];
                e.target.value = '';
                if (f) onFile(f);
              }}
            />
          </>
        )}
      </div>
      <FormError message={error} />
      <div className="im-template">
        <span className="muted">没有现成的表格？先下载模板，按模板填写（含填写说明和下拉选项）。</span>
        <button type="button" className="btn" disabled={busy} onClick={() => void template()}>
          下载「{IMPORT_KIND_LABELS[kind]}」导入模板
        </button>
      </div>
      <FormError message={templateError} />
    </div>
  );
}

/** The names of the monthly amounts a volume file may carry; the administrator can rename them. */
function VolumeMetrics() {
  const { session } = useSession();
  const admin = hasRole(session, 'admin');
  const [metrics, setMetrics] = useState<string[]>([]);
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    invoke('imports.volumeMetrics', {})
      .then(setMetrics)
      .catch((e: unknown) => setError(errorMessage(e)));
  }, []);
  const save = async () => {
    if (editing === null) return;
    try {
      setMetrics(await invoke('imports.setVolumeMetrics', { metrics: editing.split(/[,，、\s]+/).filter(Boolean) }));
      setEditing(null);
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <div className="im-metrics">
      <span>业务量指标：</span>
      {editing === null ? (
        <>
          <strong data-testid="volume-metrics">{metrics.join('、')}</strong>
          {admin ? (
            <button type="button" className="btn-text" onClick={() => setEditing(metrics.join('、'))}>
              修改指标名称
            </button>
          ) : null}
        </>
      ) : (
        <form
          className="im-metrics-form"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <input className="input" aria-label="指标名称（用顿号分隔）" value={editing} onChange={(e) => setEditing(e.target.value)} autoFocus />
          <button type="submit" className="btn small primary">
            保存
          </button>
          <button type="button" className="btn small" onClick={() => setEditing(null)}>
            取消
          </button>
        </form>
      )}
      <FormError message={error} className="inline" />
    </div>
  );
}
