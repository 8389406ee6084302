import { describe, expect, it } from 'vitest';
import builtinText from '../scenarios/microservices_ecosystem_steps.txt?raw';
import { replay } from './engine';
import { parseDocument } from './parser';
import { checkFiles, validateSnapshot, validationSummary } from './validate';

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
