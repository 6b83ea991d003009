import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/client';
import type { SubmissionContent } from './form/form-model';
import { saveDraft, type Submission } from './submission.hooks';

export type SaveStatus =
  | { kind: 'idle' }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  | { kind: 'error'; error: unknown }
  | { kind: 'conflict' };

const DEBOUNCE_MS = 1200;

/**
 * Autosave of the draft: a debounced PUT …/draft with If-Match (the stream version last read or written).
 * A 409 stops saving and reports a conflict (another tab or a colleague saved meanwhile): the page asks to
 * reload, nothing is overwritten. Leaving the page saves what is pending at once.
 */
export function useAutosave(submission: Submission, onSaved: (s: Submission) => void) {
  const version = useRef(submission.streamVersion);
  const pending = useRef<SubmissionContent | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const inFlight = useRef<Promise<void> | null>(null);
  const conflict = useRef(false);
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' });
  const { cycleId, unitId } = submission;
  const onSavedRef = useRef(onSaved);
  onSavedRef.current = onSaved;

  const flush = useCallback(async (): Promise<void> => {
    clearTimeout(timer.current);
    if (inFlight.current) await inFlight.current;
    const content = pending.current;
    if (!content || conflict.current) return;
    pending.current = null;
    setStatus({ kind: 'saving' });
    const run = (async () => {
      try {
        const saved = await saveDraft(cycleId, unitId, version.current, content);
        version.current = saved.streamVersion;
        onSavedRef.current(saved);
        setStatus(pending.current ? { kind: 'pending' } : { kind: 'saved', at: new Date() });
      } catch (err) {
        if (err instanceof ApiError && err.status === 409) {
          conflict.current = true;
          setStatus({ kind: 'conflict' });
        } else {
          pending.current ??= content; // try again with the next change or "Lưu ngay"
          setStatus({ kind: 'error', error: err });
        }
      }
    })();
    inFlight.current = run;
    await run;
    inFlight.current = null;
  }, [cycleId, unitId]);

  const schedule = useCallback(
    (content: SubmissionContent) => {
      if (conflict.current) return;
      pending.current = content;
      setStatus({ kind: 'pending' });
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), DEBOUNCE_MS);
    },
    [flush],
  );

  /** Before submitting: no save pending or running; the version to send as If-Match. */
  const settle = useCallback(async (): Promise<number> => {
    clearTimeout(timer.current);
    pending.current = null;
    if (inFlight.current) await inFlight.current;
    return version.current;
  }, []);

  const adopt = useCallback((s: Submission) => {
    version.current = s.streamVersion;
  }, []);

  // Leaving the page (or the tab): save what is pending now.
  useEffect(() => {
    const beforeUnload = (e: BeforeUnloadEvent) => {
      if (pending.current) {
        void flush();
        e.preventDefault();
      }
    };
    window.addEventListener('beforeunload', beforeUnload);
    return () => {
      window.removeEventListener('beforeunload', beforeUnload);
      if (pending.current) void flush();
    };
  }, [flush]);

  return { status, schedule, flush, settle, adopt, isConflict: () => conflict.current };
}
