import { compareTrees, type ComparedEntry, type CompareStatus } from '../steps/compare';
import { treeEntries } from '../steps/entries';
import { asProduced, type DocumentExpectations, type GradeResult } from '../steps/runs/grade';
import type { OperationStatus } from '../steps/runs/replayRun';
import { actualEntries } from '../steps/runs/replayRun';
import type { RunReport, StepReport } from '../steps/runs/report';
import { passRates } from '../steps/runs/reportModel';
import type { GradedRun } from '../steps/runs/reportModel';
import type { ParsedRun, RunOperation } from '../steps/runs/types';
import { plural } from '../steps/describe';

/** A run graded against the scenario shown: what the store keeps of it (plain data). */
export interface LoadedRun {
  /** A stable id ("run-…") for the run and the document it was graded against: in the address and storage. */
  readonly id: string;
  readonly parsed: ParsedRun;
  readonly graded: GradedRun;
}

/*
 * Pure view models of the Runs views: which step to jump to, what the run's tree was at a step,
 * which operations belong to a step, the operations track and the step × run grid. Everything is
 * derived from a run's report (plain data) or its grade (with the trees), never stored.
 */

/** The operation of the first step after `step` done in the run's order, or null. */
function firstInOrderAfter(steps: readonly StepReport[], step: number): number | null {
  for (let k = step + 1; k <= steps.length; k++) {
    const s = steps[k - 1];
    if ((s.status === 'done' || s.status === 'combined') && s.op !== null) return s.op;
  }
  return null;
}

/**
 * The operation after which the run's tree stands for step `step` (0: the empty tree before any):
 * the operation that did the step; for a wrong step, the one that left its closest version; for a
 * missing step, where the run had got to in order (the last step before it done in its place).
 */
export function stepMoment(report: RunReport, step: number): number {
  if (step < 1) return 0;
  const grade = report.steps[step - 1];
  if (grade.op !== null) return grade.op;
  if (grade.closestOp !== undefined) return grade.closestOp;
  return lastInOrderBelow(report.steps, step, Infinity);
}

export type OperationRole = 'did' | 'closest' | OperationStatus;

export interface StepOperation {
  readonly op: number;
  readonly role: OperationRole;
  /** Why the operation failed, was refused or not replayed; or the outside path. */
  readonly reason?: string;
}

/** The outcome of every operation the report names as not applied, by operation. */
export function operationOutcomes(report: RunReport): Map<number, { status: OperationStatus; reason: string }> {
  const outcomes = new Map<number, { status: OperationStatus; reason: string }>();
  for (const { op, reason } of report.failed) outcomes.set(op, { status: 'failed', reason });
  for (const { op, reason } of report.refused) outcomes.set(op, { status: 'refused', reason });
  for (const { op, reason } of report.notReplayed) outcomes.set(op, { status: 'not-replayed', reason });
  for (const { op, path } of report.outside) outcomes.set(op, { status: 'outside', reason: path });
  return outcomes;
}

/** The operation of the last step before `step` done in the run's order below operation `limit`, or 0. */
function lastInOrderBelow(steps: readonly StepReport[], step: number, limit: number): number {
  for (let k = step - 1; k >= 1; k--) {
    const s = steps[k - 1];
    if ((s.status === 'done' || s.status === 'combined') && s.op !== null && s.op < limit) return s.op;
  }
  return 0;
}

/**
 * The operations beside step `step`: the one that did it (or left its closest version), and the
 * operations that were not applied (failed, refused, not replayed, outside) in the stretch of the
 * run that belongs to the step — after the last earlier step done in order, up to this step's
 * operation (for a missing step, up to the next step done in order: where it should have been).
 */
export function stepOperations(report: RunReport, step: number): StepOperation[] {
  const grade = report.steps[step - 1];
  const doneAt = grade.op ?? grade.closestOp ?? null;
  const to = doneAt ?? (firstInOrderAfter(report.steps, step) ?? report.operations + 1) - 1;
  const from = lastInOrderBelow(report.steps, step, doneAt ?? to + 1);
  const out: StepOperation[] = [];
  for (const [op, outcome] of operationOutcomes(report))
    if (op > from && op <= to) out.push({ op, role: outcome.status, reason: outcome.reason });
  if (grade.op !== null) out.push({ op: grade.op, role: 'did' });
  else if (grade.closestOp !== undefined) out.push({ op: grade.closestOp, role: 'closest' });
  return out.sort((a, b) => a.op - b.op);
}

/** One operation in words, as the log has it: the tool, what it asked for, and where it is in the log. */
export interface OperationText {
  readonly tool: string;
  /** One line: "write shop/a.json (31 characters)", the first line of a command… */
  readonly summary: string;
  /** The whole of it where there is more: a command's text, an edit's old and new text. */
  readonly detail: string | null;
  readonly location: string;
}

export function describeOperation(operation: RunOperation): OperationText {
  const { action, tool, location } = operation;
  const text = (summary: string, detail: string | null = null): OperationText => ({
    tool,
    summary,
    detail,
    location,
  });
  switch (action.type) {
    case 'mkdir':
      return text(`make folder ${action.path}`);
    case 'write':
      return text(`write ${action.path} (${plural(action.content.length, 'character')})`, action.content);
    case 'edit':
      return text(
        `edit ${action.path} (${plural(action.edits.length, 'replacement')})`,
        action.edits.map((e) => `− ${e.old}\n+ ${e.new}${e.all ? '\n(every occurrence)' : ''}`).join('\n\n'),
      );
    case 'insert':
      return text(`insert into ${action.path} after line ${action.line}`, action.text);
    case 'delete':
      return text(`delete ${action.path}`);
    case 'move':
      return text(`move ${action.from} to ${action.to}`);
    case 'shell': {
      const [first] = action.command.split('\n');
      return text(first === action.command ? action.command : `${first} …`, action.command);
    }
    case 'opaque':
      return text(action.detail);
  }
}

/** A path of the expected | actual tree at a step. */
export interface TreeDifference extends ComparedEntry {
  /** For an extra path the document makes at a later step: that step (the run is ahead there). */
  readonly laterStep: number | null;
}

export interface TreeAtStep {
  /** The run's tree is the one after this operation (0: before any). */
  readonly moment: number;
  readonly entries: readonly TreeDifference[];
  readonly counts: Readonly<Record<CompareStatus, number>>;
}

/**
 * The document's tree after step `step` beside the run's after operation `moment` (see
 * stepMoment), compared by the rules of `check`: each path identical, equivalent, different,
 * missing (the run lacks it) or extra (the run has it; `laterStep` when the document makes it later).
 */
export function treeAtStep(
  expected: DocumentExpectations,
  result: GradeResult,
  step: number,
  moment: number,
): TreeAtStep {
  const comparison = compareTrees(
    treeEntries(expected.replay, step),
    asProduced(actualEntries(result.replay, Math.min(moment, result.replay.trees.length - 1))),
  );
  const createdAt = new Map(expected.replay.created.map((e) => [e.path, e.position]));
  const entries = comparison.entries.map((entry) => ({
    ...entry,
    laterStep: entry.status === 'extra' ? (createdAt.get(entry.path) ?? null) : null,
  }));
  return { moment, entries, counts: comparison.counts };
}

/** The run's tree after operation `op`, and what that operation changed. */
export function treeAfterOperation(
  result: GradeResult,
  op: number,
): { entries: ReturnType<typeof actualEntries>; changed: ReadonlySet<string> } {
  const index = Math.max(0, Math.min(op, result.replay.trees.length - 1));
  const changed = op >= 1 ? (result.replay.outcomes[op - 1]?.changed ?? []) : [];
  return { entries: actualEntries(result.replay, index), changed: new Set(changed) };
}

/** The operations track: every operation with its outcome, and a link to each step it did. */
export interface OperationsTrack {
  readonly operations: number;
  /** Operations that were not applied, with why. */
  readonly outcomes: ReadonlyMap<number, { status: OperationStatus; reason: string }>;
  readonly links: readonly { readonly step: number; readonly op: number; readonly status: StepReport['status'] }[];
  /** Operation → the steps it did, ascending. */
  readonly stepsByOp: ReadonlyMap<number, readonly number[]>;
}

export function operationsTrack(report: RunReport): OperationsTrack {
  const links = report.steps.flatMap((s) => (s.op === null ? [] : [{ step: s.step, op: s.op, status: s.status }]));
  const stepsByOp = new Map<number, number[]>();
  for (const { step, op } of links) {
    const list = stepsByOp.get(op);
    if (list) list.push(step);
    else stepsByOp.set(op, [step]);
  }
  return { operations: report.operations, outcomes: operationOutcomes(report), links, stepsByOp };
}

/** The step × run grid's order: steps by number or by how many runs pass them; runs likewise. */
export interface GridOrder {
  readonly rows: 'step' | 'passed';
  readonly rowsDescending: boolean;
  readonly columns: 'opened' | 'passed';
  readonly columnsDescending: boolean;
}

export const DEFAULT_GRID_ORDER: GridOrder = {
  rows: 'step',
  rowsDescending: false,
  columns: 'opened',
  columnsDescending: false,
};

export interface GridModel {
  /** Step numbers, in the order shown. */
  readonly rows: readonly number[];
  /** Indexes into the runs given, in the order shown. */
  readonly columns: readonly number[];
  /** passedByStep[k - 1]: how many runs pass step k. */
  readonly passedByStep: readonly number[];
  /** passedByRun[i]: how many steps run i passes. */
  readonly passedByRun: readonly number[];
}

/** The grid of `reports` (in the order they were opened) in `order`; ties keep step or opening order. */
export function gridModel(reports: readonly RunReport[], steps: number, order: GridOrder): GridModel {
  const { perStep, perRun } = passRates(reports, steps);
  const passedByStep = perStep.map((s) => s.passed);
  const passedByRun = perRun.map((r) => r.passed);
  const rows = sortIndexes(steps, order.rows === 'passed' ? (i) => passedByStep[i] : (i) => i, order.rowsDescending);
  const columns = sortIndexes(
    reports.length,
    order.columns === 'passed' ? (i) => passedByRun[i] : (i) => i,
    order.columnsDescending,
  );
  return { rows: rows.map((i) => i + 1), columns, passedByStep, passedByRun };
}

function sortIndexes(count: number, key: (i: number) => number, descending: boolean): number[] {
  const sign = descending ? -1 : 1;
  return Array.from({ length: count }, (_, i) => i).sort((a, b) => sign * (key(a) - key(b)) || a - b);
}

/** A cell of the grid: row 0 and column 0 are the headers. */
export interface GridCell {
  readonly row: number;
  readonly column: number;
}

/**
 * Where a key moves the focused cell of a grid of `rows` × `columns` cells (headers included), as
 * the WAI-ARIA grid pattern has it; null for a key that does not move.
 */
export function moveInGrid(cell: GridCell, key: string, ctrl: boolean, rows: number, columns: number): GridCell | null {
  const clamp = (value: number, count: number) => Math.max(0, Math.min(count - 1, value));
  const at = (row: number, column: number) => ({ row: clamp(row, rows), column: clamp(column, columns) });
  switch (key) {
    case 'ArrowUp':
      return at(cell.row - 1, cell.column);
    case 'ArrowDown':
      return at(cell.row + 1, cell.column);
    case 'ArrowLeft':
      return at(cell.row, cell.column - 1);
    case 'ArrowRight':
      return at(cell.row, cell.column + 1);
    case 'PageUp':
      return at(cell.row - 10, cell.column);
    case 'PageDown':
      return at(cell.row + 10, cell.column);
    case 'Home':
      return ctrl ? at(0, 0) : at(cell.row, 0);
    case 'End':
      return ctrl ? at(rows - 1, columns - 1) : at(cell.row, columns - 1);
    default:
      return null;
  }
}

/**
 * The step an operation belongs to, to go to when it is picked from a list: the first step it did;
 * else the first step whose moment (stepMoment) is at or after it; else the last step.
 */
export function stepOfOperation(report: RunReport, op: number): number {
  const did = report.steps.find((s) => s.op === op);
  if (did) return did.step;
  const after = report.steps.find((s) => stepMoment(report, s.step) >= op);
  return after?.step ?? report.steps.length;
}

/** Root causes: each failing step that later failures follow from, with those later steps. */
export function rootCauses(report: RunReport): { step: number; consequences: number[] }[] {
  const byCause = new Map<number, number[]>();
  for (const s of report.steps)
    if (s.causedBy !== null) {
      const list = byCause.get(s.causedBy);
      if (list) list.push(s.step);
      else byCause.set(s.causedBy, [s.step]);
    }
  return [...byCause].sort((a, b) => a[0] - b[0]).map(([step, consequences]) => ({ step, consequences }));
}
