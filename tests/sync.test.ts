import { describe, expect, it, vi } from 'vitest';
import { viewQuery } from '../src/model/location';
import { createStepwiseStore } from '../src/state/store';
import { startSync } from '../src/state/sync';
import { handPaintedFrames } from './helpers';

// startSync keeps the address and the browser's history in step with the store. Here the page is a fake one: an
// address, a history of entries with back(), localStorage and event listeners; frames are painted by hand
// (stubAnimationFrames). Each test makes its own store.

interface FakePage {
  /** The entries of the tab's history, as addresses (search + hash), and the one shown. */
  entries: string[];
  index: number;
  /** replaceState and pushState calls, in order. */
  writes: Array<['replace' | 'push', string]>;
  storage: Map<string, string>;
  back(): void;
}

const paint = handPaintedFrames();

/** The next frame is painted, then the tasks queued from it run (as afterNextPaint expects). */
function paintFrame(): void {
  paint();
  vi.advanceTimersByTime(0);
}

function openPage(address: string): FakePage {
  const listeners = new Map<string, Array<() => void>>();
  const page: FakePage = {
    entries: [address],
    index: 0,
    writes: [],
    storage: new Map(),
    back() {
      page.index -= 1;
      for (const listener of listeners.get('popstate') ?? []) listener();
    },
  };
  const current = () => new URL(page.entries[page.index], 'http://stepwise.test/');
  vi.stubGlobal('window', {
    location: {
      get search() {
        return current().search;
      },
      get hash() {
        return current().hash;
      },
    },
    history: {
      replaceState(_state: unknown, _title: string, url: string) {
        page.writes.push(['replace', url]);
        page.entries[page.index] = url;
      },
      pushState(_state: unknown, _title: string, url: string) {
        page.writes.push(['push', url]);
        page.entries.splice(page.index + 1, Infinity, url);
        page.index += 1;
      },
    },
    localStorage: {
      getItem: (key: string) => page.storage.get(key) ?? null,
      setItem: (key: string, value: string) => void page.storage.set(key, value),
      removeItem: (key: string) => void page.storage.delete(key),
    },
    addEventListener(type: string, listener: () => void) {
      listeners.set(type, [...(listeners.get(type) ?? []), listener]);
    },
  });
  return page;
}

/** A store of its own, made as the app makes its store, and startSync bound to it. */
function freshApp() {
  const store = createStepwiseStore();
  /** The address that names what the store shows now (a step selects the file it changed). */
  const shownQuery = () => {
    const { position, selectedPath } = store.getState();
    return viewQuery(position, selectedPath);
  };
  return { store, startSync: () => startSync(store), shownQuery };
}

describe('startSync: the address the page was opened with', () => {
  it('is corrected after the first frame, not during start-up, and only when it does not name the view', async () => {
    const page = openPage('/?step=007');
    const { store, startSync, shownQuery } = freshApp();
    startSync();
    expect(store.getState().position).toBe(7);
    expect(page.writes).toEqual([]);
    paintFrame();
    const canonical = shownQuery();
    expect(canonical).toMatch(/^\?step=7(&|$)/);
    expect(page.writes).toEqual([['replace', canonical]]);

    const named = openPage(`/${canonical}`);
    const again = freshApp();
    again.startSync();
    paintFrame();
    expect(again.store.getState().position).toBe(7);
    expect(named.writes).toEqual([]);
  });

  it('a step taken before the first frame is pushed after the start-up entry is corrected, so Back returns to the restored position', async () => {
    const page = openPage('/');
    const { store, startSync, shownQuery } = freshApp();
    const scenario = store.getState().scenario.id;
    page.storage.set('stepwise:view', JSON.stringify({ version: 1, scenario, position: 40, file: null }));
    startSync();
    expect(store.getState().position).toBe(40);
    const restored = shownQuery();

    // A key pressed at once: the store moves before the frame that would correct the address.
    store.getState().goTo(41);
    const next = shownQuery();
    paintFrame();
    expect(page.writes).toEqual([
      ['replace', restored],
      ['push', next],
    ]);

    page.back();
    expect(page.entries[page.index]).toBe(restored);
    expect(store.getState().position).toBe(40);
  });

  it('Back before a pending address was written cancels it: the position Back shows is not overwritten', async () => {
    const page = openPage('/?step=3');
    const { store, startSync, shownQuery } = freshApp();
    startSync();
    paintFrame();
    const start = page.entries[0];
    store.getState().goTo(4);
    const four = shownQuery();
    paintFrame();
    expect(page.entries).toEqual([start, four]);

    store.getState().goTo(5);
    page.back();
    paintFrame();
    expect(page.entries).toEqual([start, four]);
    expect(page.entries[page.index]).toBe(start);
    expect(store.getState().position).toBe(3);
  });
});
