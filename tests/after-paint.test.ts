import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { afterNextPaint, NO_FRAME_MS } from '../src/state/afterPaint';

// A frame is modelled by hand: the callbacks requested for it run, then (as in a browser) the frame is
// painted, and only then do timers queued from inside it run.
let frameCallbacks: Array<FrameRequestCallback | null> = [];

function paintFrame(): void {
  const due = frameCallbacks;
  frameCallbacks = [];
  for (const callback of due) callback?.(performance.now());
}

beforeEach(() => {
  vi.useFakeTimers();
  frameCallbacks = [];
  vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => frameCallbacks.push(callback));
  vi.stubGlobal('cancelAnimationFrame', (handle: number) => {
    frameCallbacks[handle - 1] = null;
  });
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('afterNextPaint', () => {
  it('runs the task in a task of its own after the next frame, not before', () => {
    const task = vi.fn();
    afterNextPaint(task);
    vi.advanceTimersByTime(NO_FRAME_MS - 1);
    expect(task).not.toHaveBeenCalled();
    paintFrame();
    expect(task).not.toHaveBeenCalled();
    vi.advanceTimersByTime(0);
    expect(task).toHaveBeenCalledTimes(1);
    vi.runAllTimers();
    expect(task).toHaveBeenCalledTimes(1);
  });

  it('runs the task without a frame when none comes (a hidden tab), once', () => {
    const task = vi.fn();
    afterNextPaint(task);
    vi.advanceTimersByTime(NO_FRAME_MS);
    vi.runAllTimers();
    expect(task).toHaveBeenCalledTimes(1);
    paintFrame();
    vi.runAllTimers();
    expect(task).toHaveBeenCalledTimes(1);
  });

  it('can be cancelled before the frame and after it', () => {
    const beforeFrame = vi.fn();
    const afterFrame = vi.fn();
    const cancelBefore = afterNextPaint(beforeFrame);
    const cancelAfter = afterNextPaint(afterFrame);
    cancelBefore();
    paintFrame();
    cancelAfter();
    vi.runAllTimers();
    expect(beforeFrame).not.toHaveBeenCalled();
    expect(afterFrame).not.toHaveBeenCalled();
  });
});
