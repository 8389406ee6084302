import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { diffLines, diffStats, splitLines, unifiedHunks, type DiffOp } from '../src/steps/diff';
import { requireTool } from './helpers';

// Replays, zips, git and the file system are slow on a busy machine: allow more than the default 5 s.
vi.setConfig({ testTimeout: 30_000 });

/** The old and new texts a diff describes, rebuilt from its operations. */
function sides(ops: readonly DiffOp[]): [string, string] {
  const old = ops.filter((o) => o.type !== 'added').flatMap((o) => o.lines);
  const next = ops.filter((o) => o.type !== 'removed').flatMap((o) => o.lines);
  return [old.join('\n'), next.join('\n')];
}

/** Length of a longest common subsequence, by dynamic programming. */
function lcsLength(a: readonly string[], b: readonly string[]): number {
  let row = new Array<number>(b.length + 1).fill(0);
  for (let i = a.length - 1; i >= 0; i--) {
    const next = new Array<number>(b.length + 1).fill(0);
    for (let j = b.length - 1; j >= 0; j--) next[j] = a[i] === b[j] ? row[j + 1] + 1 : Math.max(row[j], next[j + 1]);
    row = next;
  }
  return row[0];
}

/** Short texts over a tiny alphabet, so that lines repeat and diffs are interesting; maybe with a final newline. */
const text = fc
  .tuple(fc.array(fc.constantFrom('a', 'b', 'c', 'd', ''), { maxLength: 14 }), fc.boolean())
  .map(([lines, newline]) => (lines.length === 0 ? '' : lines.join('\n') + (newline ? '\n' : '')));

describe('diffLines', () => {
  it('describes an edit as runs of same, removed and added lines', () => {
    expect(diffLines('a\nb\nc', 'a\nx\nc')).toEqual([
      { type: 'same', lines: ['a'] },
      { type: 'removed', lines: ['b'] },
      { type: 'added', lines: ['x'] },
      { type: 'same', lines: ['c'] },
    ]);
  });

  it('handles empty texts and identical texts', () => {
    expect(diffLines('', '')).toEqual([]);
    expect(diffLines('', 'a\nb')).toEqual([{ type: 'added', lines: ['a', 'b'] }]);
    expect(diffLines('a\nb', '')).toEqual([{ type: 'removed', lines: ['a', 'b'] }]);
    expect(diffLines('a\nb', 'a\nb')).toEqual([{ type: 'same', lines: ['a', 'b'] }]);
  });

  it('splits lines on \\n only', () => {
    expect(splitLines('')).toEqual([]);
    expect(splitLines('a\r\nb\n')).toEqual(['a\r', 'b', '']);
  });

  it('counts added and removed lines', () => {
    expect(diffStats(diffLines('a\nb\nc\nd', 'a\nc\ne\nf\ng'))).toEqual({ added: 3, removed: 2 });
  });

  it('rebuilds both texts from its operations and never has two neighbouring runs of one type', () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        const ops = diffLines(a, b);
        expect(sides(ops)).toEqual([a, b]);
        ops.forEach((op, i) => {
          expect(op.lines.length).toBeGreaterThan(0);
          if (i > 0) expect(op.type).not.toBe(ops[i - 1].type);
        });
      }),
      { numRuns: 500 },
    );
  });

  it('is minimal: it keeps a longest common subsequence of lines', () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        const common = lcsLength(splitLines(a), splitLines(b));
        expect(diffStats(diffLines(a, b))).toEqual({
          removed: splitLines(a).length - common,
          added: splitLines(b).length - common,
        });
      }),
      { numRuns: 500 },
    );
  });

  it('still gives a correct (if not minimal) diff for large, wholly different texts', () => {
    const a = Array.from({ length: 3000 }, (_, i) => `old ${i}`).join('\n');
    const b = Array.from({ length: 3000 }, (_, i) => `new ${i}`).join('\n');
    expect(sides(diffLines(a, b))).toEqual([a, b]);
  });
});

describe('unifiedHunks', () => {
  it('writes @@ headers with git’s ranges and context lines', () => {
    const before = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'].join('\n') + '\n';
    const after = ['1', '2', '3', '4', 'five', '6', '7', '8', '9', '10'].join('\n') + '\n';
    expect(unifiedHunks(before, after)).toEqual(['@@ -2,7 +2,7 @@', ' 2', ' 3', ' 4', '-5', '+five', ' 6', ' 7', ' 8']);
    expect(unifiedHunks(before, after, 1)).toEqual(['@@ -4,3 +4,3 @@', ' 4', '-5', '+five', ' 6']);
  });

  it('writes two hunks for changes far apart and one for changes close together', () => {
    const lines = Array.from({ length: 20 }, (_, i) => `${i + 1}`);
    const far = [...lines];
    far[1] = 'x';
    far[17] = 'y';
    expect(unifiedHunks(lines.join('\n') + '\n', far.join('\n') + '\n', 2).filter((l) => l.startsWith('@@'))).toEqual([
      '@@ -1,4 +1,4 @@',
      '@@ -16,5 +16,5 @@',
    ]);
    const near = [...lines];
    near[1] = 'x';
    near[5] = 'y';
    expect(unifiedHunks(lines.join('\n') + '\n', near.join('\n') + '\n', 2).filter((l) => l.startsWith('@@'))).toEqual([
      '@@ -1,8 +1,8 @@',
    ]);
  });

  it('marks a last line without newline as git does', () => {
    expect(unifiedHunks('a\nb', 'a\nc')).toEqual([
      '@@ -1,2 +1,2 @@',
      ' a',
      '-b',
      '\\ No newline at end of file',
      '+c',
      '\\ No newline at end of file',
    ]);
    expect(unifiedHunks('a', 'a\n')).toEqual(['@@ -1 +1 @@', '-a', '\\ No newline at end of file', '+a']);
  });

  it('uses an empty range for an empty side', () => {
    expect(unifiedHunks('', 'x\ny\n')).toEqual(['@@ -0,0 +1,2 @@', '+x', '+y']);
    expect(unifiedHunks('x\n', '')).toEqual(['@@ -1 +0,0 @@', '-x']);
  });

  it('gives no hunks for equal texts', () => {
    expect(unifiedHunks('a\nb', 'a\nb')).toEqual([]);
    expect(unifiedHunks('', '')).toEqual([]);
  });
});

/** A patch of file.txt from `before` to `after`, as the two tools below read it. */
function filePatch(before: string, after: string, context: number): string {
  return ['--- a/file.txt', '+++ b/file.txt', ...unifiedHunks(before, after, context)].join('\n') + '\n';
}

describe('unifiedHunks patches apply with git apply', () => {
  let repo: string;
  beforeAll(() => {
    requireTool('git', /^git version /, 'apt-get install git');
    repo = mkdtempSync(join(tmpdir(), 'stepwise-diff-'));
    execFileSync('git', ['init', '-q'], { cwd: repo });
  });
  afterAll(() => rmSync(repo, { recursive: true, force: true }));

  function applied(before: string, after: string, context: number): string {
    const file = join(repo, 'file.txt');
    writeFileSync(file, before);
    writeFileSync(join(repo, 'change.patch'), filePatch(before, after, context));
    const args = ['apply', ...(context === 0 ? ['--unidiff-zero'] : []), 'change.patch'];
    execFileSync('git', args, { cwd: repo, stdio: 'pipe' });
    return readFileSync(file, 'utf8');
  }

  it.each([
    ['a changed last line, neither side ending in newline', 'a\nb\nc', 'a\nb\nC'],
    ['a newline added at the end', 'a\nb', 'a\nb\n'],
    ['a newline removed at the end', 'a\nb\n', 'a\nb'],
    ['lines appended to a file without final newline', 'one\ntwo', 'one\ntwo\nthree\nfour'],
    ['a JSON file reformatted', '{"a": 1, "b": [1, 2]}', '{\n  "a": 1,\n  "b": [\n    1,\n    2\n  ]\n}'],
    ['everything removed', 'a\nb', ''],
    ['a file created from nothing', '', 'x\ny'],
  ])('%s', (_name, before, after) => {
    for (const context of [0, 1, 3]) expect(applied(before, after, context)).toBe(after);
  });

  // Without context git is no oracle: `git apply --unidiff-zero` mis-applies the deletion of a last line that
  // has no newline, even as git's own `git diff -U0` writes it ("b\nb" → "b\n" applies as "b"). Context 0 is
  // covered by the cases above, by the known answer below, and by GNU patch (next describe).
  it('for random pairs of texts, with and without final newlines', () => {
    fc.assert(
      fc.property(text, text, fc.constantFrom(1, 3), (before, after, context) => {
        fc.pre(before !== after);
        expect(applied(before, after, context)).toBe(after);
      }),
      { numRuns: 60 },
    );
  });

  it('without context, a removed last line without newline is written as git diff -U0 writes it', () => {
    expect(unifiedHunks('b\nb', 'b\n', 0)).toEqual(['@@ -2 +1,0 @@', '-b', '\\ No newline at end of file']);
    expect(applied('b\nb', 'b\n', 1)).toBe('b\n');
  });
});

// GNU patch reads hunks without context as git diff -U0 writes them, the case git apply gets wrong above.
describe('unifiedHunks patches without context apply with GNU patch', () => {
  let dir: string;
  beforeAll(() => {
    requireTool('patch', /^GNU patch /, 'apt-get install patch');
    dir = mkdtempSync(join(tmpdir(), 'stepwise-patch-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function patched(before: string, after: string): string {
    const file = join(dir, 'file.txt');
    writeFileSync(file, before);
    writeFileSync(join(dir, 'change.patch'), filePatch(before, after, 0));
    // No fuzz, no backup, no reject file: a hunk that does not apply is an error. Without context lines GNU patch
    // also looks for a hunk's lines elsewhere when they are not where its header says, and only reports that it
    // did ("offset"): that must not happen either.
    const report = execFileSync(
      'patch',
      ['--fuzz=0', '--no-backup-if-mismatch', '--reject-file=-', 'file.txt', 'change.patch'],
      { cwd: dir, encoding: 'utf8', stdio: 'pipe' },
    );
    expect(report).not.toMatch(/offset|fuzz/i);
    return readFileSync(file, 'utf8');
  }

  it('the case git apply gets wrong: a removed last line without newline', () => {
    expect(patched('b\nb', 'b\n')).toBe('b\n');
  });

  it('for random pairs of texts, with and without final newlines', () => {
    fc.assert(
      fc.property(text, text, (before, after) => {
        fc.pre(before !== after);
        expect(patched(before, after)).toBe(after);
      }),
      { numRuns: 60 },
    );
  });
});
