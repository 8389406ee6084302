import type { LoadedRun } from '../model/runView';
import type { RunReport, StepReport } from '../steps/runs/report';
import type { Slice } from './store';

/**
 * The runs slice of the store: the runs opened for the scenario shown, graded against it, and which
 * one is looked at step by step. A run's trees are not kept here: the Runs views derive them from
 * the parsed run when they need them (src/state/runGrades.ts), so the slice holds plain data only.
 * Reading, grading and remembering runs happen in runLoader.ts, loaded when first needed.
 */

export interface RunsSlice {
  /** The runs of the scenario shown, in the order they were opened. */
  runs: readonly LoadedRun[];
  /** The run shown step by step, or null (the grid, when several are open). */
  openRunId: string | null;
  /** The operation picked on the operations track (1-based), or null. */
  runOperation: number | null;

  /** Adds graded runs (a run with the same id is replaced in its place). */
  addRuns(runs: readonly LoadedRun[]): void;
  removeRun(id: string): void;
  /** Shows a run step by step (null: none), at `step` when given. */
  openRun(id: string | null, step?: number): void;
  selectRunOperation(op: number | null): void;
  /** Goes to the next (1) or previous (-1) step of the open run that is not done in its place. */
  jumpToProblem(direction: -1 | 1): void;
}

export const EMPTY_RUNS: Pick<RunsSlice, 'runs' | 'openRunId' | 'runOperation'> = {
  runs: [],
  openRunId: null,
  runOperation: null,
};

/**
 * The runs slice. Runs belong to the scenario they were graded against: when another scenario is shown, its
 * runs (if any are kept) are brought back by runLoader.ts, and the previous one's are let go here.
 */
export const createRunsSlice: Slice<RunsSlice> = (set, get, store) => {
  store.subscribe((state, previous) => {
    if (state.scenario !== previous.scenario && (state.runs.length > 0 || state.openRunId !== null)) set(EMPTY_RUNS);
  });
  return {
    ...EMPTY_RUNS,
    addRuns(added) {
      const ids = new Map(added.map((run) => [run.id, run]));
      const kept = get().runs.map((run) => ids.get(run.id) ?? run);
      const known = new Set(kept.map((run) => run.id));
      set({ runs: [...kept, ...added.filter((run) => !known.has(run.id))] });
    },
    removeRun(id) {
      const state = get();
      set({
        runs: state.runs.filter((run) => run.id !== id),
        ...(state.openRunId === id && { openRunId: null, runOperation: null }),
      });
    },
    openRun(id, step) {
      const state = get();
      if (id !== state.openRunId) set({ openRunId: id, runOperation: null });
      if (step !== undefined) state.goTo(step);
    },
    selectRunOperation(op) {
      set({ runOperation: op });
    },
    jumpToProblem(direction) {
      const state = get();
      const steps = openRunReport(state)?.steps;
      if (!steps) return;
      const target = adjacentProblemStep(steps, state.position, direction);
      if (target !== null) state.goTo(target);
    },
  };
};

/** The open run, or null. */
export function openRunOf(state: Pick<RunsSlice, 'runs' | 'openRunId'>): LoadedRun | null {
  return state.openRunId === null ? null : (state.runs.find((run) => run.id === state.openRunId) ?? null);
}

export function openRunReport(state: Pick<RunsSlice, 'runs' | 'openRunId'>): RunReport | null {
  return openRunOf(state)?.graded.report ?? null;
}

/** The open run's grade of step `step` (a stored object: safe to select), or undefined. */
export function openRunStep(state: Pick<RunsSlice, 'runs' | 'openRunId'>, step: number): StepReport | undefined {
  return openRunReport(state)?.steps[step - 1];
}

/** The next (previous) step after (before) `position` that is not done in its place, or null. */
export function adjacentProblemStep(
  steps: readonly Pick<StepReport, 'step' | 'status'>[],
  position: number,
  direction: -1 | 1,
): number | null {
  const problem = (s: Pick<StepReport, 'status'>) => s.status !== 'done';
  if (direction > 0) return steps.find((s) => s.step > position && problem(s))?.step ?? null;
  return steps.findLast((s) => s.step < position && problem(s))?.step ?? null;
}
