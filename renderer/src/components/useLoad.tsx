import { useEffect, useState, type DependencyList } from 'react';
import { errorMessage } from '../api/client';

/**
 * Loads once per `deps` change for a panel that shows a loading line, an alert or the
 * data: `data` is null until the first answer, `error` the Chinese message when it failed.
 * `deps` are what `load` depends on; an answer that arrives after they changed or the panel
 * closed is dropped.
 */
export function useLoad<T>(load: () => Promise<T>, deps: DependencyList): { data: T | null; error: string } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    let alive = true;
    load()
      .then((d) => alive && setData(d))
      .catch((e: unknown) => alive && setError(errorMessage(e)));
    return () => {
      alive = false;
    };
  }, deps);
  return { data, error };
}

/** What a panel shows instead of its data: the load's error as an alert, else the loading line. */
export function LoadStatus({ error }: { error: string }) {
  if (error) {
    return (
      <div className="cx-alert" role="alert">
        {error}
      </div>
    );
  }
  return <p className="muted">正在加载…</p>;
}
