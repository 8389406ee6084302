import { useEffect, useState } from 'react';

/** How long a task waits for a frame that does not come (a hidden tab draws none). */
export const NO_FRAME_MS = 100;

/**
 * Runs `task` in a task of its own once the next frame has been painted; returns a function that cancels
 * it. Work that the frame showing a change does not need (the URL, a heavy pane, Monaco's download) goes
 * here, so that the frame is not held back by it. A hidden tab paints no frames: after NO_FRAME_MS the
 * task runs anyway.
 */
export function afterNextPaint(task: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = () => {
    cancelAnimationFrame(frame);
    clearTimeout(fallback);
    timer = setTimeout(task, 0);
  };
  const frame = requestAnimationFrame(run);
  const fallback = setTimeout(run, NO_FRAME_MS);
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(fallback);
    clearTimeout(timer);
  };
}

/**
 * `value` as it was until the frame showing its change has been painted; then `value`. A component that
 * renders from it is drawn one frame after the rest of the page. Values that change again before that
 * (a slider drag) are skipped: only the latest is rendered.
 */
export function useValueAfterPaint<T>(value: T): T {
  const [shown, setShown] = useState(value);
  useEffect(() => {
    if (Object.is(value, shown)) return;
    return afterNextPaint(() => setShown(() => value));
  }, [value, shown]);
  return shown;
}

/** A slice of idle time where the browser has no idle callbacks (Safari): this long after the task starts. */
const FALLBACK_IDLE_MS = 8;

/**
 * Runs `task` when the page is idle, at the latest after `timeout` ms; returns a function that cancels it.
 * Where the browser has no idle callbacks, the task runs after the next paint with a short slice of time.
 */
export function whenIdle(task: (deadline: IdleDeadline) => void, timeout?: number): () => void {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(task, timeout === undefined ? undefined : { timeout });
    return () => cancelIdleCallback(handle);
  }
  return afterNextPaint(() => {
    const start = performance.now();
    task({ didTimeout: false, timeRemaining: () => Math.max(0, start + FALLBACK_IDLE_MS - performance.now()) });
  });
}
