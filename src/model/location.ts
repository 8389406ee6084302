import type { Replay } from '../steps/engine';
import { clampPosition } from './playback';
import { isRunId } from './runView';
import { creationStepOf } from './treeRows';

/** What a URL or stored state asks for, before it is checked against the scenario. */
export interface ViewRequest {
  step?: string | null;
  file?: string | null;
  /** The run looked at step by step (runsSlice.ts), by its id. */
  run?: string | null;
}

export interface ResolvedView {
  position: number;
  file: string | null;
  /** A run id, when the request names a valid one: the run may still be loading (runLoader.ts says so if it never comes). */
  run?: string;
  /** What had to be changed, in words for the user; empty when the request was valid. */
  problems: string[];
}

/**
 * Turns an untrusted request (a URL's query, a stored state) into a valid position and path.
 * Nothing from it is rendered as HTML; invalid parts are clamped or dropped and reported.
 */
export function resolveView(request: ViewRequest, scenario: { readonly replay: Replay }): ResolvedView {
  const last = scenario.replay.snapshots.length - 1;
  const problems: string[] = [];
  let position = last >= 0 ? 0 : 0;
  const step = request.step?.trim();
  if (step) {
    const number = /^-?\d+$/.test(step) ? Number(step) : Number.NaN;
    position = clampPosition(number, last);
    if (String(position) !== step)
      problems.push(
        Number.isNaN(number)
          ? `“${shorten(step)}” is not a step number; showing step 0.`
          : `There is no step ${shorten(step)}; showing step ${position} of ${last}.`,
      );
  }
  let file: string | null = null;
  if (request.file) {
    if (creationStepOf(scenario.replay).has(request.file)) file = request.file;
    else problems.push(`The scenario has no path “${shorten(request.file)}”; no file is selected.`);
  }
  const run = request.run && isRunId(request.run) ? request.run : undefined;
  if (request.run && run === undefined)
    problems.push(`“${shorten(request.run)}” in the address is not a run id; no run is open.`);
  return { position, file, problems, ...(run && { run }) };
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** The query string for a view: `?step=33&file=path&run=run-…`. */
export function viewQuery(position: number, file: string | null, run: string | null = null): string {
  const params = new URLSearchParams();
  params.set('step', String(position));
  if (file) params.set('file', file);
  if (run) params.set('run', run);
  return `?${params.toString()}`;
}
