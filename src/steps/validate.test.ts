import { describe, expect, it } from 'vitest';
import builtinText from '../scenarios/microservices_ecosystem_steps.txt?raw';
import { replay } from './engine';
import { parseDocument } from './parser';
import { adoptFileCounts, fileCountTable } from './fileCounts';
import {
  checkFiles,
  fileCountsAt,
  fileVersions,
  packFileCounts,
  validateSnapshot,
  validationSummary,
  verdictAt,
} from './validate';

const builtin = replay(parseDocument(builtinText));
const doc = (...lines: string[]) => replay(parseDocument(lines.join('\n')));

describe('validateSnapshot', () => {
  it('finds every file of the final built-in tree valid and the structure exactly as expected', () => {
    const result = validateSnapshot(builtin, 85);
    expect(result.files).toHaveLength(builtin.snapshots[85].fileCount);
    expect(result.files.filter((f) => f.parsed).map((f) => f.language)).toContain('yaml');
    expect(result.valid).toBe(result.files.length);
    expect(result.structure).toMatchObject({ matches: true, missing: [], extra: [] });
    expect(validationSummary(result)).toBe(
      `${result.files.length}/${result.files.length} files valid · structure matches`,
    );
    expect(validationSummary(result)).toBe('50/50 files valid · structure matches');
  });

  it('reports only the files at earlier steps, and the expected entries still to come', () => {
    const result = validateSnapshot(builtin, 20);
    expect(result.isLast).toBe(false);
    expect(validationSummary(result)).toBe('7/7 files valid');
    expect(result.files).toHaveLength(builtin.snapshots[20].fileCount);
    expect(result.structure?.matches).toBe(false);
    expect(result.structure?.extra).toEqual([]);
    expect(result.structure!.presentCount + result.structure!.missing.length).toBe(result.structure!.expectedCount);
  });

  it('explains files that do not parse and an extra or missing entry at the last step', () => {
    const result = doc(
      'Step 1: Create a directory named "r"',
      'Step 2: Create a file named "bad.json" in r with content: "{\\"a\\": "',
      'Step 3: Create a file named "bad.yaml" in r with content: "a: [1, 2"',
      'Step 4: Create a file named "ok.yaml" in r with content: "a: 1\\n---\\nb: 2"',
      'Step 5: Create a file named "notes.txt" in r with content: "{ not json"',
      '',
      'EXPECTED FINAL STRUCTURE:',
      '```',
      '├── r/',
      '│   ├── bad.json',
      '│   ├── ok.yaml',
      '│   ├── notes.txt',
      '│   └── missing.md',
      '```',
    );
    const validation = validateSnapshot(result, 5);
    expect(validation.files.map((f) => [f.path, f.problem === null])).toEqual([
      ['r/bad.json', false],
      ['r/bad.yaml', false],
      ['r/ok.yaml', true],
      ['r/notes.txt', true],
    ]);
    expect(validation.files[3].parsed).toBe(false);
    expect(validation.structure?.missing).toEqual([{ path: 'r/missing.md', kind: 'file' }]);
    expect(validation.structure?.extra).toEqual([{ path: 'r/bad.yaml', kind: 'file' }]);
    expect(validationSummary(validation)).toBe('2/4 files valid · structure differs (1 missing, 1 extra)');
  });

  it('has no structure verdict for a document without an expected structure', () => {
    const result = doc('Step 1: Create a directory named "r"');
    expect(validateSnapshot(result, 1).structure).toBeNull();
    expect(validationSummary(validateSnapshot(result, 1))).toBe('0/0 files valid');
  });

  it('memoises per tree: the same snapshot returns the same checks', () => {
    expect(checkFiles(builtin.snapshots[40].root)).toBe(checkFiles(builtin.snapshots[40].root));
    expect(validateSnapshot(builtin, 85).structure).toBe(validateSnapshot(builtin, 85).structure);
  });
});

describe('verdictAt (the header badge, derived step by step)', () => {
  const withBrokenFile = doc(
    'Step 1: Create a directory named "r"',
    'Step 2: Create a file named "a.json" in r with content: "{\\"a\\": "',
    'Step 3: Create a file named "b.yaml" in r with content: "b: 1"',
    'Step 4: Create a file named "c.txt" in r with content: "{ not json"',
    'Step 5: Create a file named "d.json" in r with content: "{\\"d\\": 1}"',
    'Step 6: Update d.json: add e: 2',
  );

  for (const [name, result] of [
    ['the built-in scenario', builtin],
    ['a document with a file that does not parse', withBrokenFile],
  ] as const) {
    it(`agrees with a full validation at every position of ${name}, in any visiting order`, () => {
      const positions = result.snapshots.map((_, p) => p);
      // Last first, then from the start: the counts must not depend on the order positions are asked for.
      for (const p of [positions.length - 1, ...positions]) {
        const full = validateSnapshot(result, p);
        expect(fileCountsAt(result, p)).toEqual({ files: full.files.length, valid: full.valid });
        const verdict = verdictAt(result, p);
        expect(verdict.text).toBe(validationSummary(full));
        expect(verdict.isLast).toBe(full.isLast);
      }
    });

    it(`counts ${name} the same from its file versions alone (the document loader's worker)`, () => {
      const packed = packFileCounts(fileVersions(result));
      result.snapshots.forEach((_, p) => {
        const full = validateSnapshot(result, p);
        expect([packed[2 * p], packed[2 * p + 1]]).toEqual([full.files.length, full.valid]);
      });
    });
  }

  it('reads counts handed over for a replay, and refuses a table of another size', () => {
    const fresh = doc(
      'Step 1: Create a directory named "r"',
      'Step 2: Create a file named "a.txt" in r with content: "a"',
    );
    expect(adoptFileCounts(fresh, new Uint32Array(4))).toBe(false);
    expect(adoptFileCounts(fresh, Uint32Array.of(1, 0, 0, 0, 0, 0))).toBe(false);
    expect(fileCountTable(fresh).known).toBe(1);
    // Made-up figures, to show that adopted counts are looked up, not counted again.
    expect(adoptFileCounts(fresh, Uint32Array.of(0, 0, 7, 5, 9, 8))).toBe(true);
    expect(fileCountsAt(fresh, 2)).toEqual({ files: 9, valid: 8 });
  });

  it('is good only when every file parses and, at the last step, the structure matches', () => {
    expect(withBrokenFile.error).toBeNull();
    expect(verdictAt(withBrokenFile, 1)).toMatchObject({ good: true, text: '0/0 files valid' });
    expect(verdictAt(withBrokenFile, 2)).toMatchObject({ good: false, text: '0/1 files valid' });
    expect(verdictAt(withBrokenFile, 6)).toMatchObject({ good: false, text: '3/4 files valid' });
    expect(verdictAt(builtin, 85)).toEqual({ good: true, isLast: true, text: '50/50 files valid · structure matches' });
    expect(verdictAt(builtin, 84).good).toBe(true);
  });
});
