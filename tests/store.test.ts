import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PLAY_SPEEDS } from '../src/model/playback';
import { runPlayback } from '../src/state/playbackSlice';
import { loadScenario } from '../src/state/scenario';
import { createStepwiseStore, currentSnapshot, lastPosition } from '../src/state/store';
import { doc } from './helpers';

const saved = vi.hoisted(() => [] as Array<{ data: string | Uint8Array; fileName: string; type: string }>);
vi.mock('../src/io/download', async (original) => ({
  ...(await original<typeof import('../src/io/download')>()),
  saveBlob: (data: string | Uint8Array, fileName: string, type: string) => saved.push({ data, fileName, type }),
}));

/**
 * 1 app/ · 2 app/a.json · 3 app/lib/ · 4 a.json updated · 5 app/lib/b.txt · 6 a.json updated · 7 notes/
 */
const SOURCE = [
  'Store rules',
  '',
  doc(
    'Create a directory named "app"',
    'Create a file named "a.json" in app with content: {"x": 1}',
    'Create a directory named "lib" inside app',
    'Update a.json: add y: 2',
    'Create a file named "b.txt" in lib with content: "hello"',
    'Update a.json: add z: 3',
    'Create a directory named "notes"',
  ),
].join('\n');

const scenario = () => loadScenario(SOURCE, 'Store rules', 'store-rules');
const fresh = () => createStepwiseStore(scenario());

describe('a store made by createStepwiseStore', () => {
  it('shows its scenario at step 0 with nothing selected, not playing', () => {
    const store = fresh();
    const state = store.getState();
    expect(state.scenario.id).toBe('store-rules');
    expect(lastPosition(state)).toBe(7);
    expect(state).toMatchObject({ position: 0, selectedPath: null, compareFrom: null, playing: false, notice: null });
    expect(currentSnapshot(state)).toBe(state.scenario.replay.snapshots[0]);
    // Without an argument it shows the built-in scenario.
    expect(createStepwiseStore().getState().scenario.id).toBe('builtin');
  });

  it('each store is its own: a change to one leaves another as it was', () => {
    const one = fresh();
    const other = fresh();
    one.getState().goTo(3);
    expect(other.getState().position).toBe(0);
  });
});

describe('moving through the steps', () => {
  it('following a change selects the file it touches: a new file without a diff, an update with one', () => {
    const store = fresh();
    store.getState().goTo(2);
    expect(store.getState()).toMatchObject({ position: 2, selectedPath: 'app/a.json', compareFrom: null });
    store.getState().goTo(4);
    expect(store.getState()).toMatchObject({ position: 4, selectedPath: 'app/a.json', compareFrom: 3 });
    store.getState().goTo(5);
    expect(store.getState()).toMatchObject({ selectedPath: 'app/lib/b.txt', compareFrom: null });
  });

  it('a step that touches a folder leaves the selection alone', () => {
    const store = fresh();
    store.getState().goTo(2);
    store.getState().goTo(3);
    expect(store.getState()).toMatchObject({ position: 3, selectedPath: 'app/a.json' });
  });

  it('a diff is kept while it compares two moments of a file that exists, and dropped otherwise', () => {
    const store = fresh();
    const compareFrom = () => store.getState().compareFrom;
    store.getState().goTo(2);
    store.getState().setCompareFrom(2);
    // Folder steps: the diff from step 2 stays.
    store.getState().goTo(3);
    expect(compareFrom()).toBe(2);
    store.getState().goTo(7);
    expect(compareFrom()).toBe(2);
    // Back at the position it compares with: nothing to compare.
    store.getState().setCompareFrom(3);
    store.getState().goTo(3);
    expect(compareFrom()).toBeNull();
    // Before the file exists: nothing to compare.
    store.getState().goTo(7);
    store.getState().setCompareFrom(3);
    store.getState().goTo(1);
    expect(store.getState()).toMatchObject({ selectedPath: 'app/a.json', compareFrom: null });
    // A step that updates the file diffs it with the step before, whatever was compared.
    store.getState().goTo(7);
    store.getState().setCompareFrom(3);
    store.getState().goTo(6);
    expect(store.getState()).toMatchObject({ position: 6, compareFrom: 5 });
  });

  it('a diff with nothing selected, or with a folder selected, is dropped on the next move', () => {
    const store = fresh();
    store.getState().setCompareFrom(0);
    store.getState().goTo(1);
    expect(store.getState().compareFrom).toBeNull();
    store.getState().goTo(3);
    store.getState().select('app/lib');
    store.getState().setCompareFrom(2);
    store.getState().goTo(7);
    expect(store.getState().compareFrom).toBeNull();
  });

  it('a position out of range is clamped, and moving to the position shown changes nothing', () => {
    const store = fresh();
    store.getState().goTo(99);
    expect(store.getState().position).toBe(7);
    store.getState().goTo(-5);
    expect(store.getState().position).toBe(0);
    store.getState().goTo(Number.NaN);
    const listener = vi.fn();
    store.subscribe(listener);
    store.getState().goTo(0);
    expect(listener).not.toHaveBeenCalled();
  });

  it('jumps to the previous and next change of the selected file, and nowhere without one', () => {
    const store = fresh();
    store.getState().jumpToChange(1);
    expect(store.getState().position).toBe(0);
    store.getState().goTo(2);
    store.getState().jumpToChange(1);
    expect(store.getState().position).toBe(4);
    store.getState().jumpToChange(1);
    expect(store.getState().position).toBe(6);
    store.getState().jumpToChange(1);
    expect(store.getState().position).toBe(6);
    store.getState().jumpToChange(-1);
    expect(store.getState().position).toBe(4);
    store.getState().select('notes');
    store.getState().jumpToChange(-1);
    expect(store.getState().position).toBe(4);
  });
});

describe('selecting and folding', () => {
  it('selecting a path drops the diff and opens the folders above it', () => {
    const store = fresh();
    store.getState().goTo(6);
    store.getState().toggleCollapsed('app');
    store.getState().toggleCollapsed('app/lib');
    expect([...store.getState().collapsed]).toEqual(['app', 'app/lib']);
    store.getState().select('app/lib/b.txt');
    expect(store.getState()).toMatchObject({ selectedPath: 'app/lib/b.txt', compareFrom: null });
    expect([...store.getState().collapsed]).toEqual([]);
    store.getState().select(null);
    expect(store.getState().selectedPath).toBeNull();
  });

  it('selecting what is selected changes nothing; a change opens the folders above its file', () => {
    const store = fresh();
    store.getState().goTo(4);
    const before = store.getState();
    store.getState().select('app/a.json');
    expect(store.getState()).toBe(before);
    store.getState().toggleCollapsed('app', true);
    store.getState().goTo(5);
    expect(store.getState().collapsed.has('app')).toBe(false);
  });

  it('folds and unfolds a folder; asking for the state it is in changes nothing', () => {
    const store = fresh();
    store.getState().toggleCollapsed('app', false);
    const collapsed = store.getState().collapsed;
    expect(collapsed.size).toBe(0);
    store.getState().toggleCollapsed('app', true);
    store.getState().toggleCollapsed('app', true);
    expect([...store.getState().collapsed]).toEqual(['app']);
    store.getState().toggleCollapsed('app');
    expect(store.getState().collapsed.size).toBe(0);
    expect(store.getState().collapsed).not.toBe(collapsed);
  });
});

describe('playing', () => {
  it('stepping while playing stops at the last step', () => {
    const store = fresh();
    store.getState().goTo(5);
    store.getState().togglePlay();
    store.getState().step(1);
    expect(store.getState()).toMatchObject({ position: 6, playing: true });
    store.getState().step(1);
    expect(store.getState()).toMatchObject({ position: 7, playing: false });
  });

  it('play at the last step starts again from step 0; play again pauses', () => {
    const store = fresh();
    store.getState().goTo(7);
    store.getState().togglePlay();
    expect(store.getState()).toMatchObject({ position: 0, playing: true });
    store.getState().togglePlay();
    expect(store.getState().playing).toBe(false);
    store.getState().setPlaying(true);
    expect(store.getState().playing).toBe(true);
  });

  it('the speed stays one of PLAY_SPEEDS', () => {
    const store = fresh();
    store.getState().setSpeedIndex(99);
    expect(store.getState().speedIndex).toBe(PLAY_SPEEDS.length - 1);
    store.getState().setSpeedIndex(-1);
    expect(store.getState().speedIndex).toBe(0);
  });

  describe('runPlayback', () => {
    beforeEach(() => vi.useFakeTimers());
    afterEach(() => vi.useRealTimers());

    it('advances one step per interval of the speed while playing, and stops by itself at the end', () => {
      const store = fresh();
      const stop = runPlayback(store);
      vi.advanceTimersByTime(5_000);
      expect(store.getState().position).toBe(0);
      store.getState().goTo(4);
      store.getState().togglePlay();
      const interval = PLAY_SPEEDS[store.getState().speedIndex].interval;
      vi.advanceTimersByTime(interval - 1);
      expect(store.getState().position).toBe(4);
      vi.advanceTimersByTime(1);
      expect(store.getState().position).toBe(5);
      vi.advanceTimersByTime(10 * interval);
      expect(store.getState()).toMatchObject({ position: 7, playing: false });
      expect(vi.getTimerCount()).toBe(0);
      stop();
    });

    it('a new speed takes effect at once; stopping it ends the timer', () => {
      const store = fresh();
      const stop = runPlayback(store);
      store.getState().setSpeedIndex(0);
      store.getState().togglePlay();
      vi.advanceTimersByTime(PLAY_SPEEDS[0].interval / 2);
      store.getState().setSpeedIndex(PLAY_SPEEDS.length - 1);
      vi.advanceTimersByTime(PLAY_SPEEDS[PLAY_SPEEDS.length - 1].interval);
      expect(store.getState().position).toBe(1);
      stop();
      expect(vi.getTimerCount()).toBe(0);
      vi.advanceTimersByTime(10_000);
      expect(store.getState().position).toBe(1);
    });
  });
});

describe('opening a scenario', () => {
  it('a loaded scenario opens at step 0 with nothing selected, nothing folded, not playing', () => {
    const store = createStepwiseStore();
    store.getState().goTo(33);
    store.getState().toggleCollapsed('microservices_ecosystem');
    store.getState().togglePlay();
    const next = scenario();
    store.getState().openScenario(next);
    expect(store.getState()).toMatchObject({
      scenario: next,
      position: 0,
      selectedPath: null,
      compareFrom: null,
      playing: false,
    });
    expect(store.getState().collapsed.size).toBe(0);
    store.getState().goTo(3);
    store.getState().openBuiltin();
    expect(store.getState()).toMatchObject({ position: 0, selectedPath: null });
    expect(store.getState().scenario.id).toBe('builtin');
  });
});

describe('display and notices', () => {
  it('keeps the filter, the toggles and one notice', () => {
    const store = fresh();
    store.getState().setFilter('json');
    store.getState().toggleFuture();
    store.getState().toggleDiffFormatted();
    store.getState().showNotice('Hello');
    expect(store.getState()).toMatchObject({
      filter: 'json',
      showFuture: true,
      diffFormatted: false,
      notice: 'Hello',
    });
    store.getState().showNotice(null);
    store.getState().toggleFuture();
    store.getState().toggleDiffFormatted();
    expect(store.getState()).toMatchObject({ showFuture: false, diffFormatted: true, notice: null });
  });
});

describe('downloads', () => {
  beforeEach(() => saved.splice(0));

  it('a file under its own name, a patch and a zip named after the scenario and the steps', async () => {
    const store = fresh();
    store.getState().downloadFile('app/a.json', '{"x": 1}');
    store.getState().downloadPatch('--- a\n+++ b\n', 2, 4);
    store.getState().goTo(5);
    await store.getState().downloadZip();
    expect(saved.map(({ fileName, type }) => [fileName, type])).toEqual([
      ['a.json', 'application/octet-stream'],
      ['store-rules-step-2-to-4.patch', 'text/x-diff;charset=utf-8'],
      ['store-rules-step-5.zip', 'application/zip'],
    ]);
    expect(saved[0].data).toBe('{"x": 1}');
    // A zip starts with a local file header.
    expect([...(saved[2].data as Uint8Array).subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
    expect(store.getState().notice).toBeNull();
  });

  it('a zip that cannot be made becomes a notice, and nothing is saved', async () => {
    const store = fresh();
    const failing = { ...store.getState().scenario, replay: { ...store.getState().scenario.replay, created: null } };
    store.setState({ scenario: failing as never, position: 2 });
    await store.getState().downloadZip();
    expect(saved).toEqual([]);
    expect(store.getState().notice).toMatch(/^The zip could not be made: /);
  });
});
