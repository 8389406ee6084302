import type { LoadedRun } from '../model/runView';
import { readRunFile } from './runFiles';
import { replay } from '../steps/engine';
import { StepwiseError } from '../steps/errors';
import { parseDocument } from '../steps/parser';
import { documentExpectations, gradeParsedRun, type DocumentExpectations } from '../steps/runs/grade';
import { gradedRun } from '../steps/runs/reportModel';
import type { ParsedRun } from '../steps/runs/types';
import { runId } from './runLibrary';

/** A run to grade: a file's bytes, pasted text, or a run kept in this browser (parsed already). */
export type RunInput =
  | { readonly name: string; readonly bytes: ArrayBuffer }
  | { readonly name: string; readonly text: string }
  | { readonly name: string; readonly stored: { readonly id: string; readonly run: ParsedRun } };

export interface RunJobRequest {
  /** The document the runs are graded against: its id (for run ids) and its text. */
  readonly document: { readonly id: string; readonly source: string };
  readonly inputs: readonly RunInput[];
}

export type RunJobMessage =
  | { readonly type: 'progress'; readonly done: number; readonly total: number; readonly name: string }
  | { readonly type: 'graded'; readonly run: LoadedRun }
  /** One input could not be read; the others go on. */
  | { readonly type: 'failed'; readonly name: string; readonly message: string }
  | { readonly type: 'done' };

/**
 * Reads and grades every input against the document, reporting progress and each graded run
 * through `post`. Pure apart from `post` (and jszip, loaded for .eval logs), so that it is
 * unit-tested in Node; the worker below only wires it to messages.
 */
export async function gradeJob(request: RunJobRequest, post: (message: RunJobMessage) => void): Promise<void> {
  const total = request.inputs.length;
  let expected: DocumentExpectations;
  try {
    expected = documentExpectations(replay(parseDocument(request.document.source)));
  } catch (e) {
    for (const input of request.inputs) post({ type: 'failed', name: input.name, message: messageOf(e) });
    post({ type: 'done' });
    return;
  }
  for (const [index, input] of request.inputs.entries()) {
    post({ type: 'progress', done: index, total, name: input.name });
    try {
      for (const { id, run } of await runsOf(input, request.document.id)) {
        const graded = gradedRun(gradeParsedRun(expected, run), expected);
        post({ type: 'graded', run: { id, parsed: run, graded } });
      }
    } catch (e) {
      post({ type: 'failed', name: input.name, message: messageOf(e) });
    }
  }
  post({ type: 'progress', done: total, total, name: '' });
  post({ type: 'done' });
}

async function runsOf(input: RunInput, scenario: string): Promise<{ id: string; run: ParsedRun }[]> {
  if ('stored' in input) return [input.stored];
  const bytes = 'bytes' in input ? new Uint8Array(input.bytes) : new TextEncoder().encode(input.text);
  const runs = await readRunFile(input.name, bytes);
  return runs.map((run) => ({ id: runId(scenario, run), run }));
}

function messageOf(e: unknown): string {
  return e instanceof StepwiseError ? e.message : `Unexpected error: ${(e as Error).message}`;
}

// Only inside a worker (not when a unit test imports gradeJob).
if ('WorkerGlobalScope' in globalThis) {
  const scope = globalThis as unknown as {
    onmessage: ((event: MessageEvent<RunJobRequest>) => void) | null;
    postMessage(message: RunJobMessage): void;
  };
  scope.onmessage = (event) => void gradeJob(event.data, (message) => scope.postMessage(message));
}
