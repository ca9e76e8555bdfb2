import { AUDIT_HOSTS, type AuditHost } from '../../../shared/api/audit';

/**
 * Where the host of an entry (桌面 / 网页 / 命令行) is kept. `audit_log` has no column for it
 * yet (a column needs a migration: see the README's audit section), so it rides in the
 * detail JSON under a reserved key no detail of the core uses. A detail that is text is
 * kept under another reserved key in that case. Rows written without a host keep the old
 * form (text or JSON as written), so older rows and readers stay valid.
 */
const HOST_KEY = '@host';
const TEXT_KEY = '@text';

export function encodeAuditDetail(detail: unknown, host: AuditHost | undefined): string | null {
  if (host === undefined) {
    if (detail === undefined || detail === null) return null;
    return typeof detail === 'string' ? detail : JSON.stringify(detail);
  }
  if (detail === undefined || detail === null) return JSON.stringify({ [HOST_KEY]: host });
  if (typeof detail === 'string') return JSON.stringify({ [TEXT_KEY]: detail, [HOST_KEY]: host });
  if (typeof detail === 'object' && !Array.isArray(detail)) return JSON.stringify({ ...detail, [HOST_KEY]: host });
  return JSON.stringify({ [TEXT_KEY]: JSON.stringify(detail), [HOST_KEY]: host });
}

export interface StoredDetail {
  host: AuditHost | null;
  /** Text, an object of fields, or null: as the core wrote it. */
  detail: unknown;
}

export function decodeAuditDetail(stored: string | null): StoredDetail {
  if (stored === null || stored === '') return { host: null, detail: null };
  if (!stored.startsWith('{')) return { host: null, detail: stored };
  let parsed: unknown;
  try {
    parsed = JSON.parse(stored);
  } catch {
    return { host: null, detail: stored };
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return { host: null, detail: stored };
  const { [HOST_KEY]: rawHost, [TEXT_KEY]: text, ...fields } = parsed as Record<string, unknown>;
  const host = (AUDIT_HOSTS as readonly unknown[]).includes(rawHost) ? (rawHost as AuditHost) : null;
  if (typeof text === 'string') return { host, detail: text };
  return { host, detail: Object.keys(fields).length ? fields : null };
}
