import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { saveBlob, slug } from '../io/download';
import { removeKeys } from '../io/library';
import { MAX_RUN_FILE_BYTES } from '../io/runFiles';
import { deleteStoredRun, readStoredRuns, saveRuns, RUN_LIBRARY_BUDGET } from '../io/runLibrary';
import { browserStorage } from '../io/viewStorage';
import type { RunInput, RunJobMessage, RunJobRequest } from '../io/runWorker';
import { formatChars } from '../model/format';
import type { LoadedRun } from '../model/runView';
import { gradeHtml } from '../steps/runs/htmlReport';
import { documentDigest } from '../steps/runs/report';
import type { LoadedScenario } from './scenario';
import { stepwiseStore } from './appStore';

/*
 * Opening runs: the worker (runWorker.ts) reads and grades them with progress, the page adds them to
 * the store once the whole batch is graded (a cancelled batch adds nothing) and keeps them with their
 * document in this browser (runLibrary.ts). When the scenario changes, the runs kept for the new one
 * are graded again. The loader's state is transient I/O status, read only by the Runs views.
 */

export interface RunLoaderState {
  /** The batch being graded: how many inputs are done, and the one being read. */
  readonly progress: {
    readonly done: number;
    readonly total: number;
    readonly name: string;
    readonly restoring: boolean;
  } | null;
  /** Inputs of the last batch that could not be read, each with its one-sentence reason. */
  readonly failures: ReadonlyArray<{ readonly name: string; readonly message: string }>;
  /** A non-error outcome worth a sentence: a cancelled batch, runs that will not be remembered. */
  readonly note: string | null;
}

const loader = createStore<RunLoaderState>()(() => ({ progress: null, failures: [], note: null }));

/** Reads the loader's state in a component; the selector must return a stored value, not a new object. */
export function useRunLoader<T>(selector: (s: RunLoaderState) => T): T {
  return useStore(loader, selector);
}

export function dismissRunMessages(): void {
  loader.setState({ failures: [], note: null });
}

interface Job {
  readonly worker: Worker;
  /** Resolves when the job ends, however it ends. */
  readonly ended: Promise<void>;
  stop(): void;
}

let job: Job | null = null;

/**
 * Grades `inputs` against the scenario in a worker. Resolves with the graded runs and the failures,
 * or null when the job was stopped (cancelled, or replaced by a newer scenario's).
 */
function grade(
  scenario: LoadedScenario,
  inputs: readonly RunInput[],
  restoring: boolean,
): Promise<{ runs: LoadedRun[]; failures: { name: string; message: string }[] } | null> {
  job?.stop();
  loader.setState({ progress: { done: 0, total: inputs.length, name: inputs[0]?.name ?? '', restoring } });
  return new Promise((resolve) => {
    const worker = new Worker(new URL('../io/runWorker.ts', import.meta.url), { type: 'module' });
    const runs: LoadedRun[] = [];
    const failures: { name: string; message: string }[] = [];
    let endJob!: () => void;
    const ended = new Promise<void>((done) => (endJob = done));
    const end = (result: { runs: LoadedRun[]; failures: typeof failures } | null) => {
      worker.terminate();
      if (job === mine) {
        job = null;
        loader.setState({ progress: null });
      }
      endJob();
      resolve(result);
    };
    const mine: Job = { worker, ended, stop: () => end(null) };
    job = mine;
    worker.onmessage = (event: MessageEvent<RunJobMessage>) => {
      if (job !== mine) return;
      const message = event.data;
      if (message.type === 'progress') loader.setState({ progress: { ...message, restoring } });
      else if (message.type === 'graded') runs.push(message.run);
      else if (message.type === 'failed') failures.push({ name: message.name, message: message.message });
      else end({ runs, failures });
    };
    worker.onerror = (event) => {
      event.preventDefault();
      if (job !== mine) return;
      failures.push({
        name: inputs.map((i) => i.name).join(', '),
        message: `The run reader stopped unexpectedly: ${event.message || 'unknown error'}`,
      });
      end({ runs: [], failures });
    };
    const request: RunJobRequest = { document: { id: scenario.id, source: scenario.source }, inputs };
    const transfer = inputs.flatMap((input) => ('bytes' in input ? [input.bytes] : []));
    worker.postMessage(request, transfer);
  });
}

/** Stops the batch being graded; nothing of it is added. */
export function cancelRuns(): void {
  if (!job) return;
  job.stop();
  loader.setState({ note: 'Opening the runs was cancelled; no run was added.' });
}

/**
 * Opens runs given as files or text: grades them against the scenario shown, adds them, keeps them
 * in this browser and shows the Runs tab — one run step by step, several in the grid. Resolves true
 * when at least one run was added.
 */
export async function openRuns(
  inputs: readonly RunInput[],
  refused: readonly { name: string; message: string }[] = [],
): Promise<boolean> {
  loader.setState({ failures: refused, note: null });
  if (inputs.length === 0) return false;
  // The runs kept for this document come first (startRuns grades them once), then these.
  startRuns();
  await job?.ended;
  const scenario = stepwiseStore.getState().scenario;
  const result = await grade(scenario, inputs, false);
  const state = stepwiseStore.getState();
  if (!result || state.scenario !== scenario) return false;
  loader.setState({
    failures: [...refused, ...result.failures],
    note:
      result.runs.length === 0
        ? null
        : `Graded ${result.runs.length === 1 ? '1 run' : `${result.runs.length} runs`}: ${result.runs.map((r) => r.parsed.name).join(', ')}.`,
  });
  if (result.runs.length === 0) return false;
  state.addRuns(result.runs);
  state.setDetailTab('runs');
  if (result.runs.length === 1) state.openRun(result.runs[0].id);
  else if (state.openRunId !== null) state.openRun(null);
  remember(scenario, result.runs);
  return true;
}

/** Reads dropped or chosen files into inputs; a file too large to hold a run is refused unread. */
export async function fileInputs(
  files: readonly File[],
): Promise<{ inputs: RunInput[]; refused: { name: string; message: string }[] }> {
  const inputs: RunInput[] = [];
  const refused: { name: string; message: string }[] = [];
  for (const file of files) {
    if (file.size > MAX_RUN_FILE_BYTES)
      refused.push({
        name: file.name,
        message: `The file is ${formatChars(file.size)}; a run file may be at most ${formatChars(MAX_RUN_FILE_BYTES)}.`,
      });
    else inputs.push({ name: file.name, bytes: await file.arrayBuffer() });
  }
  return { inputs, refused };
}

function remember(scenario: LoadedScenario, runs: readonly LoadedRun[]): void {
  const kept = browserStorage();
  const savedAt = Date.now();
  const result = kept
    ? saveRuns(
        kept,
        runs.map((run, i) => ({ id: run.id, scenario: scenario.id, run: run.parsed, savedAt: savedAt + i })),
      )
    : {
        dropped: 0,
        notSaved: runs.map((run) => ({ name: run.parsed.name, reason: 'this browser’s storage is not available' })),
      };
  const notes: string[] = [];
  if (result.dropped > 0)
    notes.push(
      `Runs may use ${formatChars(RUN_LIBRARY_BUDGET)} of this browser’s storage; to make room, the ${result.dropped === 1 ? 'oldest kept run was' : `${result.dropped} oldest kept runs were`} removed.`,
    );
  for (const { name, reason } of result.notSaved)
    notes.push(`“${name}” is open but will not be remembered: ${reason}.`);
  if (notes.length > 0) loader.setState({ note: notes.join(' ') });
}

/** Closes a run and forgets it in this browser. */
export function forgetRun(id: string): void {
  const state = stepwiseStore.getState();
  state.removeRun(id);
  const kept = browserStorage();
  if (kept) deleteStoredRun(kept, state.scenario.id, id);
}

/**
 * Grades again the runs kept for the scenario shown, and opens the one the address names. A run
 * named in the address that is not kept here is said so and no run is open.
 */
async function restoreRuns(scenario: LoadedScenario): Promise<void> {
  const kept = browserStorage();
  const { runs, corrupt } = kept ? readStoredRuns(kept, scenario.id) : { runs: [], corrupt: [] };
  const notes: string[] = [];
  if (kept && corrupt.length > 0) {
    removeKeys(kept, corrupt);
    notes.push(
      `${corrupt.length === 1 ? 'A kept run' : `${corrupt.length} kept runs`} of this document could not be read and ${corrupt.length === 1 ? 'was' : 'were'} removed.`,
    );
  }
  const result =
    runs.length === 0
      ? { runs: [], failures: [] }
      : await grade(
          scenario,
          runs.map((stored) => ({ name: stored.run.name, stored: { id: stored.id, run: stored.run } })),
          true,
        );
  const state = stepwiseStore.getState();
  if (!result || state.scenario !== scenario) return;
  if (result.runs.length > 0) state.addRuns(result.runs);
  for (const failure of result.failures)
    notes.push(`The kept run “${failure.name}” could not be graded: ${failure.message}`);
  const wanted = stepwiseStore.getState().openRunId;
  if (wanted !== null && !stepwiseStore.getState().runs.some((run) => run.id === wanted)) {
    state.openRun(null);
    notes.push('The run named in the address is not kept in this browser (it may have been removed); no run is open.');
  }
  if (notes.length > 0) state.showNotice(notes.join(' '));
}

let started = false;

/**
 * Brings back the runs kept for the scenario shown, now and whenever the scenario changes. Called at
 * start-up when there is something to bring back, and by the Runs views when they open.
 */
export function startRuns(): void {
  if (started) return;
  started = true;
  void restoreRuns(stepwiseStore.getState().scenario);
  stepwiseStore.subscribe((state, previous) => {
    if (state.scenario === previous.scenario) return;
    job?.stop();
    void restoreRuns(state.scenario);
  });
}

/**
 * Downloads every open run's grade as one HTML page that opens from disk with no network, made by
 * the same module as `stepwise grade --format html` (so the same runs give the same page).
 */
export function downloadRunReport(): void {
  const { scenario, runs, showNotice } = stepwiseStore.getState();
  const { document } = scenario.replay;
  try {
    const html = gradeHtml({
      document: { title: document.title, steps: document.steps.length, digest: documentDigest(scenario.source) },
      stepTexts: document.steps.map((step) => step.text),
      runs: runs.map((run) => run.graded),
    });
    saveBlob(html, `${slug(document.title)}-grade.html`, 'text/html');
  } catch (e) {
    showNotice(`The report could not be made: ${(e as Error).message}`);
  }
}
