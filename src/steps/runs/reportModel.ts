import type { DocumentExpectations, GradeResult } from './grade';
import { runReport, type RunReport, type StepReport } from './report';

/**
 * Whether a step passes for a run: done in its place. A combined step is a divergence, as the
 * verdict has it ("do not combine steps").
 */
export function stepPasses(step: Pick<StepReport, 'status'>): boolean {
  return step.status === 'done';
}

/** A wrong step's expected state beside the run's closest version of it, for a diff. */
export interface WrongStep {
  readonly step: number;
  readonly path: string;
  readonly kind: 'directory' | 'file';
  /** The file's content after the step in the document; null for a folder. */
  readonly expected: string | null;
  /** The run's closest version of the file; null when the run left a folder (or nothing) there. */
  readonly actual: string | null;
  /** The operation that left that version. */
  readonly op: number | null;
}

/**
 * One run's grade as the report needs it: the JSON report, and the two sides of every wrong
 * step (the JSON report names only the operation of the closest version). Plain data, so that a
 * worker can send it.
 */
export interface GradedRun {
  readonly report: RunReport;
  readonly wrong: readonly WrongStep[];
}

export function gradedRun(result: GradeResult, expected: DocumentExpectations): GradedRun {
  const wrong = result.steps.flatMap((step, i): WrongStep[] => {
    if (step.status !== 'wrong') return [];
    const want = expected.steps[i];
    return [
      {
        step: step.step,
        path: step.path,
        kind: want.kind,
        expected: want.kind === 'file' ? (want.content ?? '') : null,
        actual: step.closest?.content ?? null,
        op: step.closest?.op ?? null,
      },
    ];
  });
  return { report: runReport(result), wrong };
}

export interface StepPassRate {
  readonly step: number;
  /** Runs in which the step is done in its place. */
  readonly passed: number;
  readonly runs: number;
}

export interface RunPassRate {
  readonly run: string;
  /** Steps of this run done in their place. */
  readonly passed: number;
  readonly steps: number;
}

/** How many runs pass each step, and how many steps each run passes. */
export function passRates(
  reports: readonly RunReport[],
  steps: number,
): {
  perStep: StepPassRate[];
  perRun: RunPassRate[];
} {
  const passed = new Array<number>(steps).fill(0);
  const perRun = reports.map((report) => {
    let count = 0;
    for (const step of report.steps)
      if (stepPasses(step)) {
        passed[step.step - 1]++;
        count++;
      }
    return { run: report.run, passed: count, steps };
  });
  return { perStep: passed.map((n, i) => ({ step: i + 1, passed: n, runs: reports.length })), perRun };
}

/** "82 %" (rounded down, so that 99.9 % never reads as 100 %). */
export function percent(part: number, whole: number): string {
  return whole === 0 ? '–' : `${Math.floor((part / whole) * 100)} %`;
}

/**
 * Why a run cannot be read against this document, or null when its paths fit it: a run that made
 * none of the document's paths but wrote others is most likely a run of another document, and a
 * wall of "missing" would hide that.
 */
export function runMismatch(report: RunReport, documentTitle: string): string | null {
  if (report.steps.length === 0 || report.counts.missing < report.steps.length) return null;
  if (report.extra.length > 0) {
    const first = report.extra[0].path;
    const more = report.extra.length - 1;
    return `This looks like a run of another document: none of the paths it made are in “${documentTitle}” (it made ${first}${more > 0 ? ` and ${more} more` : ''}).`;
  }
  if (report.outside.length > 0)
    return `Every path this run touched is outside its folder ${report.root.path} (the first is ${report.outside[0].path}), so none of “${documentTitle}” was made.`;
  return `This run made no file or folder${report.operations === 0 ? ': it has no file operations' : ''}, so none of “${documentTitle}” was made.`;
}
