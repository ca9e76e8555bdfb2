import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';
import { errorMessage } from '../api/client';

export interface ListPage<T> {
  rows: T[];
  total: number;
}

export interface PagedList<T> {
  /** null until the first answer. */
  page: ListPage<T> | null;
  /** The last load's error; a successful load clears it. */
  error: string | null;
  /** Back to the first page: call it with every change of the filter. */
  toFirstPage: () => void;
  /** Loads the current page again (after a dialog changed a row). */
  reload: () => Promise<void>;
  /** What <Pager> needs; null until the first answer. */
  pager: { offset: number; pageSize: number; total: number; onOffset: (offset: number) => void } | null;
}

/**
 * One page of a list the core pages by offset: `fetch` asks for `limit` rows from `offset`,
 * `deps` are the filter values it reads. Loads again when they or the page change.
 */
export function usePagedList<T>(
  fetch: (range: { offset: number; limit: number }) => Promise<ListPage<T>>,
  deps: DependencyList,
  pageSize = 50,
): PagedList<T> {
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<ListPage<T> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(fetch);
  latest.current = fetch;

  const reload = useCallback(async () => {
    try {
      setPage(await latest.current({ offset, limit: pageSize }));
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [...deps, offset, pageSize]);
  useEffect(() => {
    void reload();
  }, [reload]);

  const toFirstPage = useCallback(() => setOffset(0), []);
  const pager = page ? { offset, pageSize, total: page.total, onOffset: setOffset } : null;
  return { page, error, toFirstPage, reload, pager };
}
