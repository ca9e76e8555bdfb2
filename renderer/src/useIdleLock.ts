import { useEffect, useRef } from 'react';

/**
 * Locks the screen after `minutes` without keyboard or mouse activity. The core
 * enforces the same limit on its side, so a page left open elsewhere is locked too.
 */
export function useIdleLock(minutes: number, active: boolean, onIdle: () => void): void {
  const cb = useRef(onIdle);
  cb.current = onIdle;
  useEffect(() => {
    if (!active || minutes <= 0) return;
    let timer = window.setTimeout(() => cb.current(), minutes * 60_000);
    const reset = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => cb.current(), minutes * 60_000);
    };
    const events = ['keydown', 'mousedown', 'wheel', 'touchstart'] as const;
    events.forEach((e) => window.addEventListener(e, reset, { passive: true }));
    return () => {
      window.clearTimeout(timer);
      events.forEach((e) => window.removeEventListener(e, reset));
    };
  }, [minutes, active]);
}
