import { displayName } from '../names';
import type { StepStatus } from './grade';
import { reportsOf, type GradeOutput, type RunReport, type StepReport } from './report';

const WIDTH = 80;
/** Problems listed per run in the text summary before "… N more". */
const TEXT_PROBLEMS = 6;

const LABELS: Readonly<Record<StepStatus, string>> = {
  done: 'done',
  combined: 'combined',
  'out-of-order': 'out of order',
  wrong: 'wrong',
  missing: 'missing',
};

/**
 * A summary per run that reads at 80 columns: the verdict, the first divergence with its step's
 * text, the counts, the first few problems with their causes, and what could not be replayed.
 * `stepTexts[k - 1]` is step k's instruction.
 */
export function gradeText(output: GradeOutput, stepTexts: readonly string[]): string {
  const runs = reportsOf(output);
  const out: string[] = [];
  for (const run of runs) out.push(...runText(run, stepTexts));
  if (runs.length > 1) {
    const passed = runs.filter((r) => r.verdict === 'pass').length;
    out.push(`${runs.length} runs: ${passed} passed, ${runs.length - passed} failed`);
  }
  return out.map((line) => fit(line)).join('\n');
}

function runText(run: RunReport, stepTexts: readonly string[]): string[] {
  const c = run.counts;
  const f = run.final;
  const name = displayName(run.run.length > WIDTH - 6 ? `…${run.run.slice(-(WIDTH - 7))}` : run.run);
  const root = run.root.source === 'none' ? '' : `, root ${displayName(run.root.path)} (${run.root.source})`;
  const lines = [
    `${run.verdict.toUpperCase()}  ${name}`,
    `  ${run.format}, ${plural(run.operations, 'operation')}${root}`,
  ];
  if (run.firstDivergence !== null) {
    const status = LABELS[run.steps[run.firstDivergence - 1].status];
    const text = displayName(stepTexts[run.firstDivergence - 1] ?? '');
    lines.push(`  first divergence: step ${run.firstDivergence} (${status}): ${text}`);
  }
  lines.push(
    `  steps: ${c.done} done, ${c.combined} combined, ${c.outOfOrder} out of order, ${c.wrong} wrong, ${c.missing} missing`,
    `  final tree: ${f.identical} identical, ${f.equivalent} equivalent, ${f.different} different, ${f.missing} missing, ${f.extra} extra`,
  );
  const problems = run.steps.filter((s) => s.status !== 'done');
  for (const step of problems.slice(0, TEXT_PROBLEMS)) lines.push(`  ${stepProblem(step)}`);
  if (problems.length > TEXT_PROBLEMS) lines.push(`  … ${problems.length - TEXT_PROBLEMS} more steps not done`);
  for (const { op, command, reason } of run.notReplayed.slice(0, 3))
    lines.push(`  not replayed: op ${op}: ${oneLine(command)} (${reason})`);
  for (const { op, path } of run.outside.slice(0, 3)) lines.push(`  outside: op ${op}: ${displayName(path)}`);
  for (const { op, reason } of run.failed.slice(0, 3))
    lines.push(`  failed call, not applied: op ${op}: ${oneLine(reason)}`);
  for (const { op, reason } of run.refused.slice(0, 3)) lines.push(`  could not apply: op ${op}: ${oneLine(reason)}`);
  if (run.extra.length > 0)
    lines.push(
      `  extra: ${plural(run.extra.length, 'path')} the document never names, first ${displayName(run.extra[0].path)}`,
    );
  if (!run.fullyReplayed) lines.push('  the run could not be fully replayed');
  for (const problem of run.problems.slice(0, 3)) lines.push(`  note: ${oneLine(problem)}`);
  return lines;
}

function stepProblem(step: StepReport): string {
  const label = `step ${step.step} ${LABELS[step.status]}`;
  if (step.causedBy !== null) return `${label}, caused by step ${step.causedBy}`;
  const where =
    step.op !== null ? ` (op ${step.op})` : step.closestOp !== undefined ? ` (closest: op ${step.closestOp})` : '';
  return `${label}${where}: ${displayName(step.path)}`;
}

/**
 * JUnit XML: a test suite per run, a test case per step (and one for the final tree), so CI
 * systems show the grade. A step that is not done is a failure whose message is its status.
 */
export function gradeJunit(output: GradeOutput, stepTexts: readonly string[]): string {
  const runs = reportsOf(output);
  const cases = (run: RunReport) => run.steps.length + 1;
  const failures = (run: RunReport) =>
    run.steps.filter((s) => s.status !== 'done').length + (run.final.matches ? 0 : 1);
  const total = runs.reduce((n, r) => n + cases(r), 0);
  const failed = runs.reduce((n, r) => n + failures(r), 0);
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="stepwise grade" tests="${total}" failures="${failed}">`,
  ];
  for (const run of runs) {
    const name = xml(run.run);
    out.push(`  <testsuite name="${name}" tests="${cases(run)}" failures="${failures(run)}">`);
    for (const step of run.steps) {
      const title = xml(`step ${step.step}: ${stepTexts[step.step - 1] ?? ''}`.slice(0, 200));
      out.push(`    <testcase classname="${name}" name="${title}">`);
      if (step.status !== 'done') {
        const detail = step.causedBy !== null ? `caused by step ${step.causedBy}` : step.path;
        out.push(`      <failure type="${step.status}" message="${step.status}">${xml(detail)}</failure>`);
      }
      out.push('    </testcase>');
    }
    const f = run.final;
    out.push(`    <testcase classname="${name}" name="final tree">`);
    if (!f.matches)
      out.push(
        `      <failure type="final" message="the final tree differs">${f.different} different, ${f.missing} missing, ${f.extra} extra</failure>`,
      );
    out.push('    </testcase>', '  </testsuite>');
  }
  out.push('</testsuites>', '');
  return out.join('\n');
}

/** Text made safe for an XML attribute or element: escaped, and stripped of what XML 1.0 cannot hold. */
function xml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function oneLine(text: string): string {
  return displayName(text.replace(/\s*\n\s*/g, ' ⏎ '));
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function fit(line: string): string {
  return line.length > WIDTH ? `${line.slice(0, WIDTH - 1)}…` : line;
}
