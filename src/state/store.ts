import { create } from 'zustand';
import type { Snapshot } from '../steps/engine';
import { getNode } from '../steps/tree';
import { adjacentChange, clampPosition, PLAY_SPEEDS } from '../model/playback';
import { createRunsSlice, EMPTY_RUNS, type RunsSlice } from './runsSlice';
import { builtinScenario, errorMessage, loadScenario, type LoadedScenario } from './scenario';

export interface StepwiseState extends RunsSlice {
  scenario: LoadedScenario;
  /** 0..last: how many steps have been applied. */
  position: number;
  /** The file or directory the user is looking at; may not exist at every position. */
  selectedPath: string | null;
  /** When set, the file view shows the diff from this position to the current one. */
  compareFrom: number | null;
  playing: boolean;
  speedIndex: number;
  filter: string;
  showFuture: boolean;
  /** Diff JSON files as formatted JSON (on by default) rather than as their raw text. */
  diffFormatted: boolean;
  collapsed: ReadonlySet<string>;
  /** A dismissible message: a clamped deep link, a dropped stored state, … */
  notice: string | null;
  loadError: string | null;
  /** The tab of the detail area shown (an id of DETAIL_TABS). */
  detailTab: string;

  goTo(position: number): void;
  step(delta: number): void;
  jumpToChange(direction: -1 | 1): void;
  select(path: string | null): void;
  setCompareFrom(position: number | null): void;
  togglePlay(): void;
  setPlaying(playing: boolean): void;
  setSpeedIndex(index: number): void;
  setFilter(filter: string): void;
  toggleFuture(): void;
  toggleDiffFormatted(): void;
  toggleCollapsed(path: string, collapsed?: boolean): void;
  showNotice(notice: string | null): void;
  setDetailTab(tab: string): void;
  /** Replaces the scenario; on failure keeps the current one and records the error. */
  loadDocument(source: string, name: string, id: string): boolean;
  /** Switches to a scenario already parsed and replayed (see documentLoader.ts); it must have no replay error. */
  loadReplay(scenario: LoadedScenario): void;
  loadBuiltin(): void;
}

export function lastPosition(state: Pick<StepwiseState, 'scenario'>): number {
  return state.scenario.replay.snapshots.length - 1;
}

export function currentSnapshot(state: Pick<StepwiseState, 'scenario' | 'position'>): Snapshot {
  return state.scenario.replay.snapshots[state.position];
}

/** Where the view goes when the position changes: a step that touches a file selects it. */
function followChange(state: StepwiseState, position: number): Partial<StepwiseState> {
  const change = state.scenario.replay.snapshots[position].change;
  if (!change || change.entryKind !== 'file') {
    return { position, compareFrom: keepsDiff(state, position) ? state.compareFrom : null };
  }
  return {
    position,
    selectedPath: change.path,
    compareFrom: change.type === 'modified' ? position - 1 : null,
    collapsed: withoutAncestors(state.collapsed, change.path),
  };
}

/** An explicit diff stays while it still compares two different moments of an existing file. */
function keepsDiff(state: StepwiseState, position: number): boolean {
  if (state.compareFrom === null || state.selectedPath === null) return false;
  const root = state.scenario.replay.snapshots[position].root;
  return state.compareFrom !== position && getNode(root, state.selectedPath)?.kind === 'file';
}

function withoutAncestors(collapsed: ReadonlySet<string>, path: string): ReadonlySet<string> {
  const segments = path.split('/');
  let changed = false;
  const next = new Set(collapsed);
  for (let i = 1; i < segments.length; i++) changed = next.delete(segments.slice(0, i).join('/')) || changed;
  return changed ? next : collapsed;
}

/** A newly loaded scenario opens at step 0 with nothing selected, and none of the previous one's runs. */
function startOf(scenario: LoadedScenario): Partial<StepwiseState> {
  return {
    ...EMPTY_RUNS,
    scenario,
    position: 0,
    selectedPath: null,
    compareFrom: null,
    playing: false,
    collapsed: new Set(),
    loadError: null,
  };
}

export const useStepwise = create<StepwiseState>()((set, get) => ({
  ...createRunsSlice(set, get),
  scenario: builtinScenario(),
  position: 0,
  selectedPath: null,
  compareFrom: null,
  playing: false,
  speedIndex: 1,
  filter: '',
  showFuture: false,
  diffFormatted: true,
  collapsed: new Set<string>(),
  notice: null,
  loadError: null,
  detailTab: 'file',

  goTo(requested) {
    const state = get();
    const position = clampPosition(requested, lastPosition(state));
    if (position === state.position) return;
    set(followChange(state, position));
  },
  step(delta) {
    const state = get();
    const last = lastPosition(state);
    if (state.playing && state.position + delta >= last) set({ playing: false });
    state.goTo(state.position + delta);
  },
  jumpToChange(direction) {
    const { selectedPath, scenario, position, goTo } = get();
    if (!selectedPath) return;
    const changes = scenario.replay.fileChanges.get(selectedPath) ?? [];
    const target = adjacentChange(changes, position, direction);
    if (target !== null) goTo(target);
  },
  select(path) {
    const state = get();
    if (path === state.selectedPath) return;
    set({
      selectedPath: path,
      compareFrom: null,
      collapsed: path ? withoutAncestors(state.collapsed, path) : state.collapsed,
    });
  },
  setCompareFrom(compareFrom) {
    set({ compareFrom });
  },
  togglePlay() {
    const state = get();
    if (!state.playing && state.position === lastPosition(state)) {
      set({ ...followChange(state, 0), playing: true });
      return;
    }
    set({ playing: !state.playing });
  },
  setPlaying(playing) {
    set({ playing });
  },
  setSpeedIndex(index) {
    set({ speedIndex: clampPosition(index, PLAY_SPEEDS.length - 1) });
  },
  setFilter(filter) {
    set({ filter });
  },
  toggleFuture() {
    set({ showFuture: !get().showFuture });
  },
  toggleDiffFormatted() {
    set({ diffFormatted: !get().diffFormatted });
  },
  toggleCollapsed(path, collapse) {
    const collapsed = new Set(get().collapsed);
    const shouldCollapse = collapse ?? !collapsed.has(path);
    if (shouldCollapse === collapsed.has(path)) return;
    if (shouldCollapse) collapsed.add(path);
    else collapsed.delete(path);
    set({ collapsed });
  },
  showNotice(notice) {
    set({ notice });
  },
  setDetailTab(detailTab) {
    set({ detailTab });
  },
  loadDocument(source, name, id) {
    try {
      set(startOf(loadScenario(source, name, id)));
      return true;
    } catch (e) {
      set({ loadError: errorMessage(e) });
      return false;
    }
  },
  loadReplay(scenario) {
    set(startOf(scenario));
  },
  loadBuiltin() {
    set(startOf(builtinScenario()));
  },
}));
