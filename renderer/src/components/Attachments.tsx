import { useEffect, useRef, useState } from 'react';
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_MIMES, type AttachmentInfo } from '../../../shared/domain/attachments';
import { errorMessage, invoke } from '../api/client';
import { base64ToBlob, blobToBase64 } from '../api/files';
import { fileSize } from './format';
import './attachments.css';

export type AttachmentOwner = { visitId: number } | { complaintId: number };

const ACCEPT = ATTACHMENT_MIMES.join(',');

/** Checked before reading the file, so a 50 MB photo is refused at once instead of after a long upload. */
export function fileProblem(file: File): string | null {
  if (!(ATTACHMENT_MIMES as readonly string[]).includes(file.type)) return `「${file.name}」不是图片（PNG/JPEG/WEBP）或 PDF 文件`;
  if (file.size > ATTACHMENT_MAX_BYTES) return `「${file.name}」${fileSize(file.size)}，超过 ${ATTACHMENT_MAX_BYTES / 1024 / 1024}MB 上限`;
  return null;
}

export async function uploadFile(owner: AttachmentOwner, file: File): Promise<AttachmentInfo> {
  return invoke('attachments.add', { ...owner, name: file.name, mime: file.type, dataBase64: await blobToBase64(file) });
}

/** One attachment: images as a thumbnail (blob: is allowed for img by the CSP), PDFs as a download link (no <object> under the CSP). */
function AttachmentItem({ info, onRemove }: { info: AttachmentInfo; onRemove?: () => void }) {
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    let alive = true;
    let made: string | null = null;
    invoke('attachments.get', { id: info.id })
      .then((d) => {
        if (!alive) return;
        made = URL.createObjectURL(base64ToBlob(d.dataBase64, d.mime));
        setUrl(made);
      })
      .catch((e: unknown) => alive && setError(errorMessage(e)));
    return () => {
      alive = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [info.id, info.mime]);
  const isImage = info.mime.startsWith('image/');
  return (
    <li className="vx-attach">
      {isImage ? (
        url ? (
          <a href={url} target="_blank" rel="noreferrer" title="在新窗口查看原图">
            <img src={url} alt={info.name} />
          </a>
        ) : (
          <div className="vx-attach-ph">{error ? '无法预览' : '加载中…'}</div>
        )
      ) : (
        <div className="vx-attach-ph pdf">PDF</div>
      )}
      <div className="vx-attach-name" title={info.name}>
        {url ? (
          <a href={url} download={info.name}>
            {info.name}
          </a>
        ) : (
          info.name
        )}
      </div>
      <div className="vx-attach-meta">
        {fileSize(info.size)}
        {onRemove && (
          <button type="button" className="btn-text danger" onClick={onRemove}>
            删除
          </button>
        )}
      </div>
      {error && <div className="field-error">{error}</div>}
    </li>
  );
}

interface Props {
  /** Null while the record is not saved yet: files wait in `pending` and go up after the save. */
  owner: AttachmentOwner | null;
  items: AttachmentInfo[];
  onChange: (items: AttachmentInfo[]) => void;
  pending?: File[];
  onPendingChange?: (files: File[]) => void;
  readOnly?: boolean;
}

/** 附件: scans or photos of the signed sheet. */
export function Attachments({ owner, items, onChange, pending = [], onPendingChange, readOnly }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  const add = async (files: File[]) => {
    setError('');
    const bad = files.map(fileProblem).filter((p): p is string => !!p);
    const good = files.filter((f) => !fileProblem(f));
    if (bad.length) setError(bad.join('；'));
    if (!good.length) return;
    if (!owner) {
      onPendingChange?.([...pending, ...good]);
      return;
    }
    setBusy(true);
    const added: AttachmentInfo[] = [];
    try {
      for (const f of good) added.push(await uploadFile(owner, f));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
      const known = new Set(items.map((i) => i.id));
      onChange([...items, ...added.filter((a) => !known.has(a.id))]);
    }
  };

  const remove = async (info: AttachmentInfo) => {
    try {
      await invoke('attachments.remove', { id: info.id });
      onChange(items.filter((i) => i.id !== info.id));
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <div className="vx-attachments">
      {(items.length > 0 || pending.length > 0) && (
        <ul className="vx-attach-list">
          {items.map((a) => (
            <AttachmentItem key={a.id} info={a} onRemove={readOnly ? undefined : () => void remove(a)} />
          ))}
          {pending.map((f, i) => (
            <li key={`p${i}`} className="vx-attach pending">
              <div className="vx-attach-ph">待上传</div>
              <div className="vx-attach-name" title={f.name}>
                {f.name}
              </div>
              <div className="vx-attach-meta">
                {fileSize(f.size)}
                <button type="button" className="btn-text danger" onClick={() => onPendingChange?.(pending.filter((_, j) => j !== i))}>
                  移除
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {!readOnly && (
        <div className="vx-attach-add">
          <input
            ref={input}
            type="file"
            accept={ACCEPT}
            multiple
            hidden
            aria-label="选择附件文件"
            onChange={(e) => {
              const files = Array.from(e.target.files ?? []);
              e.target.value = '';
              void add(files);
            }}
          />
          <button type="button" className="btn small" disabled={busy} onClick={() => input.current?.click()}>
            {busy ? '正在上传…' : '上传扫描件/照片'}
          </button>
          <span className="muted vx-small">图片或 PDF，单个不超过 {ATTACHMENT_MAX_BYTES / 1024 / 1024}MB{owner ? '' : '；保存时一并上传'}</span>
        </div>
      )}
      {error && (
        <div className="field-error" role="alert">
          {error}
        </div>
      )}
    </div>
  );
}
