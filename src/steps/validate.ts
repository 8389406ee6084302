import type { Replay } from './engine';
import { syntaxProblem } from './equivalence';
import { languageOf, type Language } from './language';
import { fileCountTable, type FileCounts } from './fileCounts';
import { walkTree, type DirectoryNode, type FileNode } from './tree';
import type { ExpectedEntry } from './types';

export interface FileCheck {
  readonly path: string;
  readonly language: Language;
  /** JSON and YAML files are parsed; other files are valid as long as they exist. */
  readonly parsed: boolean;
  /** Why the file does not parse, or null. */
  readonly problem: string | null;
}

export interface StructureCheck {
  /** The tree holds exactly the expected entries, no more, no fewer. */
  readonly matches: boolean;
  readonly expectedCount: number;
  /** Expected entries present with the right kind. */
  readonly presentCount: number;
  readonly missing: readonly ExpectedEntry[];
  readonly extra: readonly ExpectedEntry[];
}

export interface Validation {
  readonly position: number;
  readonly isLast: boolean;
  readonly files: readonly FileCheck[];
  readonly valid: number;
  /** Compared with the document's "EXPECTED FINAL STRUCTURE"; null when it has none. */
  readonly structure: StructureCheck | null;
}

// Trees share unchanged nodes between snapshots, so a file is parsed once however many steps show it.
const fileChecks = new WeakMap<FileNode, string | null>();
const treeChecks = new WeakMap<DirectoryNode, readonly FileCheck[]>();
const structureChecks = new WeakMap<readonly ExpectedEntry[], WeakMap<DirectoryNode, StructureCheck>>();

/** Parses every file of the tree at `position` and compares the tree with the expected structure. */
export function validateSnapshot(replay: Replay, position: number): Validation {
  const root = replay.snapshots[position].root;
  const files = checkFiles(root);
  const expected = replay.document.expected;
  return {
    position,
    isLast: position === replay.snapshots.length - 1,
    files,
    valid: files.filter((f) => f.problem === null).length,
    structure: expected ? checkStructure(expected, root) : null,
  };
}

function problemOf(path: string, node: FileNode): string | null {
  let problem = fileChecks.get(node);
  if (problem === undefined) {
    problem = syntaxProblem(path, node.content);
    fileChecks.set(node, problem);
  }
  return problem;
}

/** Every file of the tree with its parse result, memoised per tree. */
export function checkFiles(root: DirectoryNode): readonly FileCheck[] {
  const known = treeChecks.get(root);
  if (known) return known;
  const checks: FileCheck[] = [];
  for (const { path, node } of walkTree(root)) {
    if (node.kind !== 'file') continue;
    const language = languageOf(path);
    checks.push({ path, language, parsed: language === 'json' || language === 'yaml', problem: problemOf(path, node) });
  }
  treeChecks.set(root, checks);
  return checks;
}

/** The tree's entries against the expected ones, by path and kind. */
export function checkStructure(expected: readonly ExpectedEntry[], root: DirectoryNode): StructureCheck {
  let byRoot = structureChecks.get(expected);
  if (!byRoot) structureChecks.set(expected, (byRoot = new WeakMap()));
  const known = byRoot.get(root);
  if (known) return known;
  const key = (e: ExpectedEntry) => `${e.kind}:${e.path}`;
  const actual: ExpectedEntry[] = [];
  for (const { path, node } of walkTree(root)) actual.push({ path, kind: node.kind });
  const actualKeys = new Set(actual.map(key));
  const expectedKeys = new Set(expected.map(key));
  const missing = expected.filter((e) => !actualKeys.has(key(e)));
  const extra = actual.filter((e) => !expectedKeys.has(key(e)));
  const check = {
    matches: missing.length === 0 && extra.length === 0,
    expectedCount: expected.length,
    presentCount: expected.length - missing.length,
    missing,
    extra,
  };
  byRoot.set(root, check);
  return check;
}

/** The one-line verdict, e.g. "50/50 files valid · structure matches"; the structure only counts at the last step. */
export function validationSummary(validation: Validation): string {
  return verdictText(
    { files: validation.files.length, valid: validation.valid },
    validation.isLast,
    validation.structure,
  );
}

/**
 * The file the step at a position created or changed, as text: all the file counts need, without the trees
 * (see fileVersions). `before` is the file's previous text, null when the step created it.
 */
export interface FileVersion {
  readonly path: string;
  readonly content: string;
  readonly before: string | null;
}

/** Each position's FileVersion, or null for a step that made a directory; none of them holds a tree. */
export function fileVersions(replay: Replay): (FileVersion | null)[] {
  return replay.snapshots.map((_, p) => versionAt(replay, p));
}

function versionAt(replay: Replay, p: number): FileVersion | null {
  const { change, step } = replay.snapshots[p];
  if (change?.entryKind !== 'file') return null;
  if (change.type === 'modified') return { path: change.path, content: change.after, before: change.before };
  return step?.kind === 'file' ? { path: change.path, content: step.content, before: null } : null;
}

/**
 * The counts of every position, packed as fileCountTable lays them out, from each position's FileVersion.
 * The document loader's worker computes them, so that the page need not parse every file version itself.
 */
export function packFileCounts(versions: readonly (FileVersion | null)[]): Uint32Array {
  const packed = new Uint32Array(versions.length * 2);
  for (let p = 1; p < versions.length; p++) countStep(packed, p, versions[p]);
  return packed;
}

/** Position p's counts from p - 1's: each step adds one entry or changes one file. */
function countStep(packed: Uint32Array, p: number, version: FileVersion | null): void {
  let files = packed[2 * p - 2];
  let valid = packed[2 * p - 1];
  if (version) {
    const isValid = (text: string) => (syntaxProblem(version.path, text) === null ? 1 : 0);
    if (version.before === null) files++;
    valid += isValid(version.content) - (version.before === null ? 0 : isValid(version.before));
  }
  packed[2 * p] = files;
  packed[2 * p + 1] = valid;
}

/**
 * How many files exist at `position` and how many of them parse, without walking the tree: the counts
 * follow from the previous position's. Once computed (or handed over, see adoptFileCounts), any position
 * costs a lookup.
 */
export function fileCountsAt(replay: Replay, position: number): FileCounts {
  const table = fileCountTable(replay);
  for (let p = table.known; p <= position; p++) {
    countStep(table.packed, p, versionAt(replay, p));
    table.known = p + 1;
  }
  return { files: table.packed[2 * position], valid: table.packed[2 * position + 1] };
}

export interface Verdict {
  readonly text: string;
  readonly good: boolean;
  readonly isLast: boolean;
}

/** The header's verdict at `position`: file counts at every step, the structure at the last. */
export function verdictAt(replay: Replay, position: number): Verdict {
  const counts = fileCountsAt(replay, position);
  const isLast = position === replay.snapshots.length - 1;
  const expected = replay.document.expected;
  const structure = isLast && expected ? checkStructure(expected, replay.snapshots[position].root) : null;
  return {
    text: verdictText(counts, isLast, structure),
    good: counts.valid === counts.files && (structure === null || structure.matches),
    isLast,
  };
}

function verdictText(counts: FileCounts, isLast: boolean, structure: StructureCheck | null): string {
  const files = `${counts.valid}/${counts.files} files valid`;
  if (!isLast || !structure) return files;
  if (structure.matches) return `${files} · structure matches`;
  const parts = [
    structure.missing.length > 0 ? `${structure.missing.length} missing` : '',
    structure.extra.length > 0 ? `${structure.extra.length} extra` : '',
  ].filter(Boolean);
  return `${files} · structure differs (${parts.join(', ')})`;
}
