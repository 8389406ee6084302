import { adjacentChange, clampPosition } from '../model/playback';
import { getNode } from '../steps/tree';
import { builtinScenario, type LoadedScenario } from './scenario';
import { lastPosition, type Slice, type StepwiseState } from './store';

/** Which document is shown, at which position, and what in it is selected. */
export interface NavigationSlice {
  scenario: LoadedScenario;
  /** 0..last: how many steps have been applied. */
  position: number;
  /** The file or directory the user is looking at; may not exist at every position. */
  selectedPath: string | null;
  /** When set, the file view shows the diff from this position to the current one. */
  compareFrom: number | null;
  /** Folders of the tree that are closed. */
  collapsed: ReadonlySet<string>;

  /** Moves to a position (clamped); a step that touches a file selects it (see followChange). */
  goTo(position: number): void;
  /** Moves to the previous or next change of the selected file, if there is one. */
  jumpToChange(direction: -1 | 1): void;
  /** Selects a path (opening the folders above it) and drops any diff. */
  select(path: string | null): void;
  setCompareFrom(position: number | null): void;
  /** Closes or opens a folder of the tree; without `collapsed`, toggles it. */
  toggleCollapsed(path: string, collapsed?: boolean): void;
  /** Shows a scenario already parsed and replayed (see documentLoader.ts); it must have no replay error. */
  openScenario(scenario: LoadedScenario): void;
  openBuiltin(): void;
}

/** Where the view goes when the position changes: a step that touches a file selects it. */
export function followChange(state: StepwiseState, position: number): Partial<StepwiseState> {
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

/** A newly opened scenario starts at step 0 with nothing selected, not playing. */
function startOf(scenario: LoadedScenario): Partial<StepwiseState> {
  return { scenario, position: 0, selectedPath: null, compareFrom: null, playing: false, collapsed: new Set() };
}

export const createNavigationSlice =
  (scenario: LoadedScenario): Slice<NavigationSlice> =>
  (set, get) => ({
    scenario,
    position: 0,
    selectedPath: null,
    compareFrom: null,
    collapsed: new Set<string>(),

    goTo(requested) {
      const state = get();
      const position = clampPosition(requested, lastPosition(state));
      if (position === state.position) return;
      set(followChange(state, position));
    },
    jumpToChange(direction) {
      const { selectedPath, scenario, position, goTo } = get();
      if (!selectedPath) return;
      const target = adjacentChange(scenario.replay.fileChanges.get(selectedPath) ?? [], position, direction);
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
    toggleCollapsed(path, collapse) {
      const collapsed = new Set(get().collapsed);
      const shouldCollapse = collapse ?? !collapsed.has(path);
      if (shouldCollapse === collapsed.has(path)) return;
      if (shouldCollapse) collapsed.add(path);
      else collapsed.delete(path);
      set({ collapsed });
    },
    openScenario(next) {
      set(startOf(next));
    },
    openBuiltin() {
      set(startOf(builtinScenario()));
    },
  });
