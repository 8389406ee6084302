import { execFileSync } from 'node:child_process';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Replay } from '../src/steps/engine';
import { treeEntries } from '../src/steps/entries';
import { compareSteps, unifiedPatch } from '../src/steps/patch';
import { builtinSource, doc, requireTool, run, withTempDir } from './helpers';

const builtin = run(builtinSource());

/** Writes the tree at `position` into `dir`, the way an export would. */
async function exportTree(result: Replay, position: number, dir: string): Promise<void> {
  for (const entry of treeEntries(result, position)) {
    if (entry.kind === 'directory') await mkdir(join(dir, entry.path), { recursive: true });
    else await writeFile(join(dir, entry.path), entry.content ?? '');
  }
}

/** Every directory and file below `dir` (except .git), as "d path" / "f path = content". */
async function readTree(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const item of await readdir(join(dir, prefix), { withFileTypes: true })) {
    const path = prefix === '' ? item.name : `${prefix}/${item.name}`;
    if (path === '.git') continue;
    if (item.isDirectory()) out.push(`d ${path}`, ...(await readTree(dir, path)));
    else out.push(`f ${path} = ${await readFile(join(dir, path), 'utf8')}`);
  }
  return out;
}

function expectedTree(result: Replay, position: number): string[] {
  return treeEntries(result, position).map((e) =>
    e.kind === 'directory' ? `d ${e.path}` : `f ${e.path} = ${e.content}`,
  );
}

/** Exports `from`, applies the patch with git, fixes the directories the patch cannot express, and compares with `to`. */
async function applyAndCompare(result: Replay, from: number, to: number): Promise<void> {
  await withTempDir(async (dir) => {
    await exportTree(result, from, dir);
    execFileSync('git', ['init', '-q'], { cwd: dir });
    const comparison = compareSteps(result, from, to);
    const patch = unifiedPatch(comparison);
    if (patch !== '') {
      await writeFile(join(dir, '.git', 'change.patch'), patch);
      execFileSync('git', ['apply', '--whitespace=nowarn', '.git/change.patch'], { cwd: dir });
    }
    const applied = (await readTree(dir)).sort();
    const wanted = expectedTree(result, to).sort();
    // Only the directories the comparison lists may differ after git apply.
    const directoryGap = [
      ...comparison.directoriesToCreate.map((d) => `d ${d}`),
      ...comparison.directoriesToRemove.map((d) => `d ${d}`),
    ].sort();
    const symmetricDifference = [
      ...applied.filter((x) => !wanted.includes(x)),
      ...wanted.filter((x) => !applied.includes(x)),
    ].sort();
    expect(symmetricDifference).toEqual(directoryGap);
    for (const d of comparison.directoriesToCreate) await mkdir(join(dir, d), { recursive: true });
    for (const d of comparison.directoriesToRemove) await rm(join(dir, d), { recursive: true, force: true });
    expect((await readTree(dir)).sort()).toEqual(wanted);
  });
}

describe('unified patches applied with git apply', () => {
  beforeAll(() => requireTool('git', /^git version /, 'apt-get install git'));

  it.each([
    [0, 85],
    [6, 33],
    [14, 31],
    [33, 50],
    [32, 33],
    [50, 50],
  ])('turns the built-in tree at %i into the tree at %i', async (from, to) => {
    await applyAndCompare(builtin, from, to);
  });

  it.each([
    [85, 0],
    [33, 6],
    [16, 14],
    [85, 40],
  ])('also runs backwards, from %i to %i', async (from, to) => {
    await applyAndCompare(builtin, from, to);
  });

  it('handles names with spaces and non-ASCII, CRLF, empty files and trailing newlines', async () => {
    const result = run(
      doc(
        'Create a directory named "my project"',
        'Create a directory named "données" inside my project',
        'Create a file named "notes file.txt" in my project with content: "line one\\nline two\\n"',
        'Create a file named "empty.txt" in données with content: ""',
        'Create a file named "crlf.txt" in données with content: "a\\r\\nb\\r\\n"',
        'Create a file named "conf.json" in my project with content: {"a": 1}',
        'Update conf.json: add b: "two"',
        'Create a directory named "vide" inside données',
      ),
    );
    for (const [from, to] of [
      [0, 8],
      [3, 7],
      [8, 2],
      [4, 5],
    ])
      await applyAndCompare(result, from, to);
  });
});
