import type { Replay } from './engine';
import { syntaxProblem } from './equivalence';
import { languageOf, type Language } from './language';
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

/** Every file of the tree with its parse result, memoised per tree. */
export function checkFiles(root: DirectoryNode): readonly FileCheck[] {
  const known = treeChecks.get(root);
  if (known) return known;
  const checks: FileCheck[] = [];
  for (const { path, node } of walkTree(root)) {
    if (node.kind !== 'file') continue;
    const language = languageOf(path);
    let problem = fileChecks.get(node);
    if (problem === undefined) {
      problem = syntaxProblem(path, node.content);
      fileChecks.set(node, problem);
    }
    checks.push({ path, language, parsed: language === 'json' || language === 'yaml', problem });
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
  const files = `${validation.valid}/${validation.files.length} files valid`;
  const { structure } = validation;
  if (!validation.isLast || !structure) return files;
  if (structure.matches) return `${files} · structure matches`;
  const parts = [
    structure.missing.length > 0 ? `${structure.missing.length} missing` : '',
    structure.extra.length > 0 ? `${structure.extra.length} extra` : '',
  ].filter(Boolean);
  return `${files} · structure differs (${parts.join(', ')})`;
}
