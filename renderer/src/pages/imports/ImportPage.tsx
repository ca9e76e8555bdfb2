import { useRef, useState } from 'react';
import type { ImportInspection, ImportKind, ImportReport } from '../../../../shared/domain/imports';
import type { JobStatus } from '../../../../shared/domain/jobs';
import { errorMessage, invoke } from '../../api/client';
import { downloadJobFile, importFileProblem, uploadFile } from '../../api/files';
import { FormError, FormNotice } from '../../components/FormError';
import { JobProgressBar, useJob, type JobHandle } from '../../components/JobProgress';
import { navigate } from '../../router';
import { BatchList } from './BatchList';
import { FileStep } from './FileStep';
import { MappingStep, type ImportOptions, type ReinspectAt } from './MappingStep';
import { mappingOf, type Mapping } from './mappingModel';
import { ReportView } from './ReportView';
import '../../components/forms.css';
import './imports.css';

type Step = 'file' | 'mapping' | 'preview' | 'import';

const STEPS: { step: Step; label: string }[] = [
  { step: 'file', label: '选择文件' },
  { step: 'mapping', label: '核对列' },
  { step: 'preview', label: '预检' },
  { step: 'import', label: '导入' },
];

function reportOf(job: JobStatus | null): ImportReport | null {
  return job?.state === 'done' && job.result?.kind === 'import' ? job.result : null;
}

/** The job's end as one line: why nothing happened when it was cancelled or failed. */
function JobEnd({ handle, what }: { handle: JobHandle; what: string }) {
  const job = handle.job;
  if (!job) return null;
  if (job.state === 'cancelled') return <FormNotice>已取消{what}，没有写入任何数据。</FormNotice>;
  if (job.state === 'failed') return <FormError message={`${what}失败：${job.error?.message ?? '未知错误'}。数据库未作任何改动。`} />;
  return <FormError message={handle.error || null} />;
}

/** 数据导入: a four-step wizard (file → columns → dry run → import) and the list of past batches. */
export function ImportPage({ tab }: { tab: 'new' | 'batches' }) {
  const [kind, setKind] = useState<ImportKind>('customers');
  const [step, setStep] = useState<Step>('file');
  const [uploading, setUploading] = useState<{ sent: number; total: number } | null>(null);
  const [inspection, setInspection] = useState<ImportInspection | null>(null);
  const [mapping, setMapping] = useState<Mapping>([]);
  const [contactsMapping, setContactsMapping] = useState<Mapping>([]);
  const [options, setOptions] = useState<ImportOptions>({ mode: 'add', allOrNothing: false });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const dry = useJob();
  const real = useJob();
  // The core removes an upload once an import of it has ended (done, failed or cancelled): a retry
  // after 返回修改 sends the chosen file again. Dry runs leave it in place.
  const chosenFile = useRef<File | null>(null);
  const spentUploads = useRef(new Set<string>());

  /** The upload to use now: the inspected one, or the same file sent again if an import used it up. */
  const liveUpload = async (current: ImportInspection): Promise<string> => {
    const file = chosenFile.current;
    if (!spentUploads.current.has(current.uploadId) || !file) return current.uploadId;
    setUploading({ sent: 0, total: file.size });
    try {
      const receipt = await uploadFile(file, (sent, total) => setUploading({ sent, total }));
      setInspection({ ...current, uploadId: receipt.uploadId });
      return receipt.uploadId;
    } finally {
      setUploading(null);
    }
  };

  const inspect = async (uploadId: string, at: ReinspectAt = {}) => {
    setBusy(true);
    setError(null);
    try {
      const ins = await invoke('imports.inspect', { uploadId, kind, ...at });
      setInspection(ins);
      setMapping(mappingOf(ins.columns));
      setContactsMapping(ins.contacts ? mappingOf(ins.contacts.columns) : []);
      setStep('mapping');
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const chooseFile = async (file: File) => {
    const problem = importFileProblem(file);
    setError(problem);
    if (problem) return;
    setUploading({ sent: 0, total: file.size });
    chosenFile.current = file;
    try {
      const receipt = await uploadFile(file, (sent, total) => setUploading({ sent, total }));
      setUploading(null);
      await inspect(receipt.uploadId);
    } catch (e) {
      setUploading(null);
      setError(errorMessage(e));
    }
  };

  const start = async (dryRun: boolean) => {
    if (!inspection) return;
    setError(null);
    const handle = dryRun ? dry : real;
    handle.reset();
    try {
      const uploadId = await liveUpload(inspection);
      const status = await invoke('imports.start', {
        uploadId,
        kind,
        sheet: inspection.sheet,
        headerRow: inspection.headerRow,
        mapping,
        ...(inspection.contacts ? { contacts: { sheet: inspection.contacts.sheet, headerRow: inspection.contacts.headerRow, mapping: contactsMapping } } : {}),
        mode: options.mode,
        allOrNothing: options.allOrNothing,
        dryRun,
      });
      if (!dryRun) spentUploads.current.add(uploadId);
      handle.follow(status);
      setStep(dryRun ? 'preview' : 'import');
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const restart = () => {
    setStep('file');
    setInspection(null);
    setError(null);
    dry.reset();
    real.reset();
  };

  const downloadErrors = async (job: JobStatus) => {
    try {
      await downloadJobFile(job.jobId, 'errors');
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const preview = reportOf(dry.job);
  const result = reportOf(real.job);
  const stepIndex = STEPS.findIndex((s) => s.step === step);
  // Contacts of customers already in the archive can be all a file brings.
  const toWrite = preview ? preview.inserted + preview.updated + (preview.contacts ? preview.contacts.inserted + preview.contacts.updated : 0) : 0;
  const refused = !!preview && preview.allOrNothing && preview.invalid > 0;

  return (
    <div className="vx-page im-page">
      <div className="page-header">
        <h1>数据导入</h1>
      </div>
      <div className="tabs im-tabs" role="tablist">
        <button type="button" role="tab" className="tab" aria-selected={tab === 'new'} onClick={() => navigate('imports')}>
          导入文件
        </button>
        <button type="button" role="tab" className="tab" aria-selected={tab === 'batches'} onClick={() => navigate('imports/batches')}>
          导入记录
        </button>
      </div>
      {tab === 'batches' ? (
        <div className="panel padded">
          <BatchList />
        </div>
      ) : (
        <div className="panel padded">
          <ol className="im-steps" aria-label="导入步骤">
            {STEPS.map((s, i) => (
              <li key={s.step} className={i < stepIndex ? 'done' : i === stepIndex ? 'current' : ''} aria-current={i === stepIndex ? 'step' : undefined}>
                <span className="im-step-no">{i + 1}</span>
                {s.label}
              </li>
            ))}
          </ol>

          {step === 'file' ? (
            <FileStep
              kind={kind}
              onKind={(k) => {
                setKind(k);
                setError(null);
              }}
              uploading={uploading}
              inspecting={busy}
              onFile={(f) => void chooseFile(f)}
              error={error}
            />
          ) : null}

          {step === 'mapping' && inspection ? (
            <MappingStep
              key={`${inspection.sheet}#${inspection.headerRow}`}
              inspection={inspection}
              mapping={mapping}
              onMapping={setMapping}
              contactsMapping={contactsMapping}
              onContactsMapping={setContactsMapping}
              options={options}
              onOptions={setOptions}
              onReinspect={(at) =>
                void liveUpload(inspection)
                  .then((uploadId) => inspect(uploadId, at))
                  .catch((e: unknown) => setError(errorMessage(e)))
              }
              onBack={restart}
              onPreview={() => void start(true)}
              busy={busy}
              error={error}
            />
          ) : null}

          {step === 'preview' ? (
            <div className="im-step">
              {dry.job?.state === 'running' ? <JobProgressBar job={dry.job} title="预检：逐行检查，不写入数据" onCancel={() => void dry.cancel()} /> : null}
              <JobEnd handle={dry} what="预检" />
              {preview ? (
                <>
                  <div className={`form-notice ${preview.invalid ? 'info' : 'success'}`} role="status" data-testid="preview-summary">
                    {preview.summary}
                  </div>
                  <ReportView report={preview} />
                  {refused ? (
                    <FormError message={`有 ${preview.invalid} 行错误，而您选择了“全部正确才导入”：请下载错误行修改后重新导入，或返回改为“只导入正确的行”。`} />
                  ) : null}
                </>
              ) : null}
              <FormError message={error} />
              <div className="form-actions">
                <button type="button" className="btn" onClick={() => setStep('mapping')} disabled={dry.running}>
                  返回修改
                </button>
                {preview?.errorFile && dry.job ? (
                  <button type="button" className="btn" onClick={() => void downloadErrors(dry.job as JobStatus)}>
                    下载错误行（.xlsx）
                  </button>
                ) : null}
                <button type="button" className="btn primary" disabled={!preview || refused || toWrite === 0} onClick={() => void start(false)}>
                  {preview ? `开始导入（${toWrite.toLocaleString('zh-CN')} 条）` : '开始导入'}
                </button>
              </div>
            </div>
          ) : null}

          {step === 'import' ? (
            <div className="im-step">
              {real.job?.state === 'running' ? <JobProgressBar job={real.job} title="正在导入" onCancel={() => void real.cancel()} /> : null}
              <JobEnd handle={real} what="导入" />
              {result ? (
                <>
                  <div className={`form-notice ${result.committed ? 'success' : 'info'}`} role="status" data-testid="import-summary">
                    {result.summary}
                    {result.batchId ? `（批次 #${result.batchId}，可在“导入记录”中撤销）` : ''}
                  </div>
                  <ReportView report={result} />
                </>
              ) : null}
              <FormError message={error} />
              <div className="form-actions">
                {result?.errorFile && real.job ? (
                  <button type="button" className="btn" onClick={() => void downloadErrors(real.job as JobStatus)}>
                    下载错误行（.xlsx）
                  </button>
                ) : null}
                {real.job?.state === 'cancelled' || real.job?.state === 'failed' ? (
                  <button type="button" className="btn" onClick={() => setStep('mapping')}>
                    返回修改
                  </button>
                ) : null}
                <button type="button" className="btn" disabled={real.running} onClick={() => navigate('imports/batches')}>
                  查看导入记录
                </button>
                <button type="button" className="btn primary" disabled={real.running} onClick={restart}>
                  导入其他文件
                </button>
              </div>
            </div>
          ) : null}
        </div>
      )}
    </div>
  );
}
