import { useEffect, useState } from 'react';

/**
 * Runs `task` in a task of its own once the next frame has been painted; returns a function that cancels
 * it. Work that the frame showing a change does not need (the URL, storage, a heavy pane) goes here, so
 * that the frame is not held back by it.
 */
export function afterNextPaint(task: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(task, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}

/**
 * `value` as it was until the frame showing its change has been painted; then `value`. A component that
 * renders from it is drawn one frame after the rest of the page. While values change faster than that
 * (a held key, playback), the ones in between are skipped: only the latest is rendered.
 */
export function useValueAfterPaint<T>(value: T): T {
  const [shown, setShown] = useState(value);
  useEffect(() => {
    if (Object.is(value, shown)) return;
    return afterNextPaint(() => setShown(() => value));
  }, [value, shown]);
  return shown;
}
