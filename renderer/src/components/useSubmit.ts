import { useCallback, useRef, useState } from 'react';
import { errorMessage } from '../api/client';
import { splitError } from './FormError';

/** Spreads a failure over a form: messages for the named controls, the rest for the alert line. */
export type ErrorSplitter = (e: unknown, known: readonly string[]) => { fields: Partial<Record<string, string>>; message: string | null };

export interface SubmitOptions<F extends string> {
  /**
   * The controls that show their own error. Without them every failure is one alert line
   * (the core's message as is).
   */
  fields?: readonly F[];
  /**
   * How field problems lose their «标签：» prefix. splitError knows the archive's labels;
   * the visit-family forms pass splitProblems (format.ts), which knows theirs.
   */
  split?: ErrorSplitter;
}

export interface Submit<F extends string> {
  /** True while an action runs: the dialog disables its buttons and ignores Esc. */
  busy: boolean;
  /** The alert line; null when there is nothing to say. */
  error: string | null;
  fieldErrors: Partial<Record<F, string>>;
  /** For checks made before anything is sent (请选择…) and for clearing an error as the user types. */
  setError: (message: string | null) => void;
  setFieldErrors: (errors: Partial<Record<F, string>>) => void;
  /**
   * Runs `action` with the form busy; a failure goes to `error`/`fieldErrors`. A second call
   * while one runs does nothing (Enter pressed twice, Ctrl+Enter in a text area). Resolves
   * true when the action succeeded.
   */
  run: (action: () => Promise<unknown>) => Promise<boolean>;
}

/** The busy flag and error handling every form dialog had written out by hand. */
export function useSubmit<F extends string = never>({ fields, split = splitError }: SubmitOptions<F> = {}): Submit<F> {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<F, string>>>({});
  // State is a render behind: a ref stops a second run started before the busy render.
  const running = useRef(false);
  const options = useRef({ fields, split });
  options.current = { fields, split };

  const run = useCallback(async (action: () => Promise<unknown>) => {
    if (running.current) return false;
    running.current = true;
    setBusy(true);
    setError(null);
    try {
      await action();
      setFieldErrors({});
      return true;
    } catch (e) {
      const { fields: known, split: spread } = options.current;
      if (known) {
        const s = spread(e, known);
        setFieldErrors(s.fields as Partial<Record<F, string>>);
        setError(s.message);
      } else {
        setError(errorMessage(e));
      }
      return false;
    } finally {
      running.current = false;
      setBusy(false);
    }
  }, []);

  return { busy, error, fieldErrors, setError, setFieldErrors, run };
}
