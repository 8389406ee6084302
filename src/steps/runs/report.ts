import { StepwiseError } from '../errors';
import type { GradeResult, OpProblem, OpReference, StepStatus } from './grade';
import { isObject, str } from './json';
import type { RootSource } from './replayRun';
import type { RunFormat } from './types';

/** The document a grade was made against: enough to refuse merging grades of different documents. */
export interface DocumentInfo {
  readonly title: string;
  readonly steps: number;
  readonly digest: string;
}

export interface StepReport {
  readonly step: number;
  readonly status: StepStatus;
  readonly op: number | null;
  readonly equivalent: boolean;
  readonly causedBy: number | null;
  readonly path: string;
  /** For a wrong step: the operation that left the closest version. */
  readonly closestOp?: number;
}

/** One run's grade as JSON (docs/runs.md); a plain object, so worker threads can send it. */
export interface RunReport {
  readonly run: string;
  readonly format: RunFormat;
  readonly verdict: 'pass' | 'fail';
  readonly firstDivergence: number | null;
  readonly counts: GradeResult['counts'];
  readonly steps: readonly StepReport[];
  readonly extra: readonly OpReference[];
  readonly outside: readonly OpReference[];
  readonly notReplayed: ReadonlyArray<OpProblem & { readonly command: string }>;
  readonly failed: readonly OpProblem[];
  readonly refused: readonly OpProblem[];
  readonly fullyReplayed: boolean;
  readonly final: GradeResult['final'];
  readonly operations: number;
  readonly root: { readonly path: string; readonly source: RootSource };
  readonly problems: readonly string[];
}

export interface StepSummary {
  readonly step: number;
  readonly done: number;
  readonly combined: number;
  readonly outOfOrder: number;
  readonly wrong: number;
  readonly missing: number;
}

export interface GradeSummary {
  readonly runs: number;
  readonly passed: number;
  readonly failed: number;
  readonly perStep: readonly StepSummary[];
}

/** The JSON of a grade: one run's report (with the document), or every run's and a summary. */
export type GradeOutput =
  | (RunReport & { readonly document: DocumentInfo })
  | { readonly document: DocumentInfo; readonly runs: readonly RunReport[]; readonly summary: GradeSummary };

export function runReport(result: GradeResult): RunReport {
  const { replay } = result;
  return {
    run: replay.run.name,
    format: replay.run.format,
    verdict: result.verdict,
    firstDivergence: result.firstDivergence,
    counts: result.counts,
    steps: result.steps.map((s) => ({
      step: s.step,
      status: s.status,
      op: s.op,
      equivalent: s.equivalent,
      causedBy: s.causedBy,
      path: s.path,
      ...(s.closest && { closestOp: s.closest.op }),
    })),
    extra: result.extra,
    outside: result.outside,
    notReplayed: result.notReplayed,
    failed: result.failed,
    refused: result.refused,
    fullyReplayed: result.fullyReplayed,
    final: result.final,
    operations: replay.run.operations.length,
    root: { path: replay.root, source: replay.rootSource },
    problems: [
      ...replay.notes,
      ...replay.run.problems,
      ...(replay.stopped ? [`the replay stopped at operation ${replay.stopped.op}: ${replay.stopped.reason}`] : []),
    ],
  };
}

/**
 * The output for these reports: the single-run shape for exactly one run, else every run (sorted
 * by name, so shards merge into the same bytes as one grade of all) and a summary.
 */
export function gradeOutput(document: DocumentInfo, reports: readonly RunReport[]): GradeOutput {
  const runs = [...reports].sort((a, b) => (a.run < b.run ? -1 : a.run > b.run ? 1 : 0));
  if (runs.length === 1) return { ...runs[0], document };
  return { document, runs, summary: summarize(document, runs) };
}

function summarize(document: DocumentInfo, runs: readonly RunReport[]): GradeSummary {
  const perStep = Array.from({ length: document.steps }, (_, i) => ({
    step: i + 1,
    done: 0,
    combined: 0,
    outOfOrder: 0,
    wrong: 0,
    missing: 0,
  }));
  for (const run of runs)
    for (const { step, status } of run.steps) perStep[step - 1][status === 'out-of-order' ? 'outOfOrder' : status]++;
  const passed = runs.filter((r) => r.verdict === 'pass').length;
  return { runs: runs.length, passed, failed: runs.length - passed, perStep };
}

/** Every run report in a grade output, whichever its shape. */
export function reportsOf(output: GradeOutput): readonly RunReport[] {
  return 'runs' in output ? output.runs : [output];
}

/**
 * Combines the JSON outputs of several shards into the output one grade over all their runs
 * would give. Refuses parts graded against another document, parts that are not grade outputs,
 * and a run that appears in two parts.
 */
export function mergeOutputs(parts: ReadonlyArray<{ readonly name: string; readonly value: unknown }>): GradeOutput {
  let document: DocumentInfo | null = null;
  const reports: RunReport[] = [];
  const seen = new Map<string, string>();
  for (const { name, value } of parts) {
    const info = isObject(value) && isObject(value.document) ? value.document : null;
    if (
      !isObject(value) ||
      info === null ||
      str(info, 'digest') === undefined ||
      !(Array.isArray(value.runs) || typeof value.run === 'string')
    )
      throw new StepwiseError(`${name} is not the JSON output of "stepwise grade --format json"`);
    const partDocument = info as unknown as DocumentInfo;
    if (document === null) document = partDocument;
    else if (partDocument.digest !== document.digest)
      throw new StepwiseError(
        `${name} was graded against another document ("${partDocument.title}", digest ${partDocument.digest}) than the first part (digest ${document.digest})`,
      );
    for (const report of reportsOf(value as unknown as GradeOutput)) {
      if (!isRunReport(report, partDocument.steps))
        throw new StepwiseError(`${name} holds a run that is not a grade of ${partDocument.steps} steps`);
      const earlier = seen.get(report.run);
      if (earlier !== undefined) throw new StepwiseError(`the run ${report.run} is in both ${earlier} and ${name}`);
      seen.set(report.run, name);
      // A single-run part carries the document beside its run; the merged output has it once.
      const run: Record<string, unknown> = { ...report };
      delete run.document;
      reports.push(run as unknown as RunReport);
    }
  }
  if (document === null) throw new StepwiseError('give at least one part to merge');
  return gradeOutput(document, reports);
}

/** Enough of a run report's shape for a summary to be made from it. */
function isRunReport(value: unknown, steps: number): value is RunReport {
  return (
    isObject(value) &&
    typeof value.run === 'string' &&
    (value.verdict === 'pass' || value.verdict === 'fail') &&
    Array.isArray(value.steps) &&
    value.steps.length === steps &&
    value.steps.every(
      (s: unknown, i: number) => isObject(s) && s.step === i + 1 && STATUSES.has(s.status as StepStatus),
    )
  );
}

const STATUSES = new Set<StepStatus>(['done', 'combined', 'out-of-order', 'wrong', 'missing']);

/**
 * A short fingerprint of a document's text (FNV-1a, 32 bits, with the length): shards graded
 * against different documents must not be merged.
 */
export function documentDigest(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `${text.length.toString(16)}-${hash.toString(16).padStart(8, '0')}`;
}
