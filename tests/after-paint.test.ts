import { describe, expect, it, vi } from 'vitest';
import { afterNextPaint, NO_FRAME_MS, whenIdle } from '../src/state/afterPaint';
import { handPaintedFrames } from './helpers';

// A frame is painted by hand: the callbacks requested for it run, then (as in a browser) the frame is
// painted, and only then do timers queued from inside it run.
const paintFrame = handPaintedFrames();

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

describe('whenIdle', () => {
  it('uses the browser idle callbacks, with the timeout, and cancels them', () => {
    const requested: Array<[IdleRequestCallback, IdleRequestOptions | undefined]> = [];
    const cancelled: number[] = [];
    vi.stubGlobal('requestIdleCallback', (callback: IdleRequestCallback, options?: IdleRequestOptions) => {
      requested.push([callback, options]);
      return requested.length;
    });
    vi.stubGlobal('cancelIdleCallback', (handle: number) => cancelled.push(handle));
    const task = vi.fn();
    const cancel = whenIdle(task, 2000);
    expect(requested).toEqual([[task, { timeout: 2000 }]]);
    cancel();
    expect(cancelled).toEqual([1]);
  });

  it('without idle callbacks (Safari), runs after the next paint with a slice of time', () => {
    vi.stubGlobal('requestIdleCallback', undefined);
    const remaining: number[] = [];
    whenIdle((deadline) => remaining.push(deadline.timeRemaining()));
    paintFrame();
    expect(remaining).toEqual([]);
    vi.advanceTimersByTime(0);
    expect(remaining).toHaveLength(1);
    expect(remaining[0]).toBeGreaterThan(0);
    expect(remaining[0]).toBeLessThanOrEqual(8);
  });
});
