import type { ApiError } from '../api/result';
import { ExportReport } from './exports';
import { ImportReport, UndoReport } from './imports';

/** The supervisor's summary workbook (考核汇总): one sheet per part, with its row count. */
export interface SummaryReport {
  kind: 'summary';
  fileName: string;
  from: string;
  to: string;
  sheets: { name: string; rows: number }[];
  summary: string;
}

/** One upload/download call carries at most this many bytes (base64 grows it by a third). */
export const TRANSFER_CHUNK_BYTES = 8 * 1024 * 1024;

/** A file (or a piece of one) handed to the UI: base64 bytes and where the next piece starts. */
export interface FileChunk {
  fileName: string;
  size: number;
  offset: number;
  data: string;
  /** null when this is the last piece. */
  nextOffset: number | null;
}

export type JobKind = 'import' | 'importUndo' | 'export' | 'summary';

export type JobState = 'running' | 'done' | 'failed' | 'cancelled';

export type JobPhase = 'queued' | 'read' | 'validate' | 'write' | 'finish';

/**
 * Progress of a long job. The Electron host pushes it on 'bd:progress'; the web
 * host's page polls jobs.status. `done`/`total` drive the bar, the counts the labels.
 */
export interface JobProgress {
  jobId: string;
  kind: JobKind;
  phase: JobPhase;
  done: number;
  total: number;
  message: string;
  rowsRead: number;
  rowsValidated: number;
  rowsWritten: number;
}

export interface JobStatus {
  jobId: string;
  kind: JobKind;
  label: string;
  state: JobState;
  progress: JobProgress;
  startedAt: string;
  finishedAt: string | null;
  result: ImportReport | UndoReport | ExportReport | SummaryReport | null;
  error: ApiError | null;
  /** Files the job left for download. */
  files: { file: 'output' | 'errors'; fileName: string; size: number }[];
}