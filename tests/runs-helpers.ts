import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readRunFile } from '../src/io/runFiles';
import { replay } from '../src/steps/engine';
import { parseDocument } from '../src/steps/parser';
import { documentExpectations, gradeParsedRun, type GradeResult, type StepStatus } from '../src/steps/runs/grade';
import { parseRunText } from '../src/steps/runs/parseRun';
import type { RunFormat } from '../src/steps/runs/types';

/** tests/fixtures/runs/<name> on disk. */
export function runFixture(name: string): string {
  return fileURLToPath(new URL(`./fixtures/runs/${name}`, import.meta.url));
}

/** The small document the run fixtures follow. */
export const SHOP_DOCUMENT = runFixture('document.txt');
export const SHOP = documentExpectations(replay(parseDocument(readFileSync(SHOP_DOCUMENT, 'utf8'))));

/** Grades a run fixture file (through the same reader as the CLI) against the shop document. */
export async function gradeFixture(name: string, format?: RunFormat): Promise<GradeResult[]> {
  const runs = await readRunFile(name, readFileSync(runFixture(name)), format);
  return runs.map((run) => gradeParsedRun(SHOP, run));
}

/** Grades stepwise operations given as objects, one per line, against `expected` (the shop by default). */
export function gradeOps(ops: readonly object[], expected = SHOP): GradeResult {
  const [run] = parseRunText('ops.jsonl', ops.map((o) => JSON.stringify(o)).join('\n'), 'stepwise-ops');
  return gradeParsedRun(expected, run);
}

/** Step statuses in step order. */
export function statuses(result: GradeResult): StepStatus[] {
  return result.steps.map((s) => s.status);
}
