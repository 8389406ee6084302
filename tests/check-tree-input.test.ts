import { describe, expect, it } from 'vitest';
import { checkFolderLimits, folderEntries, readFolder } from '../src/io/checkTreeInput';
import { checkScore, visibleEntries } from '../src/model/checkTreeScore';
import { ZIP_LIMITS } from '../src/io/zipLimits';
import { compareTrees } from '../src/steps/compare';
import type { SerialEntry } from '../src/steps/entries';
import { StepwiseError } from '../src/steps/errors';
import { asProduced } from './helpers';

const bytesOf = (text: string) => new TextEncoder().encode(text);

describe('reading a folder to check', () => {
  it('adds every implied directory, parents first, and keeps empty dropped directories', () => {
    const entries = folderEntries(
      [
        { path: 'root/a/b.txt', bytes: bytesOf('b') },
        { path: 'root/c.json', bytes: bytesOf('{}') },
      ],
      ['root/empty'],
    );
    expect(entries.map((e) => `${e.kind} ${e.path}`)).toEqual([
      'directory root',
      'directory root/a',
      'file root/a/b.txt',
      'file root/c.json',
      'directory root/empty',
    ]);
  });

  it('refuses more entries or bytes than a zip may hold, naming the rule', () => {
    expect(() => checkFolderLimits(ZIP_LIMITS.entries, ZIP_LIMITS.totalBytes)).not.toThrow();
    expect(() => checkFolderLimits(ZIP_LIMITS.entries + 1, 0)).toThrow(/it has 10001 entries; the limit is 10000/);
    expect(() => checkFolderLimits(1, ZIP_LIMITS.totalBytes + 1)).toThrow(StepwiseError);
    expect(() => checkFolderLimits(1, ZIP_LIMITS.totalBytes + 1)).toThrow(/more than 100 MB/);
  });

  it('reads files as bytes, a byte-order mark and bytes that are not UTF-8 included, and refuses before reading when over the limits', async () => {
    const raw = new Uint8Array([0xef, 0xbb, 0xbf, 0x68, 0xc3, 0xa9, 0xff]);
    const tree = await readFolder('folder root', [{ path: 'root/x.txt', file: new File([raw], 'x.txt') }]);
    expect(tree.entries).toEqual([
      { path: 'root', kind: 'directory' },
      { path: 'root/x.txt', kind: 'file', bytes: raw },
    ]);
    const many = Array.from({ length: ZIP_LIMITS.entries + 1 }, (_, i) => ({
      path: `r/${i}`,
      file: new File([''], `${i}`),
    }));
    await expect(readFolder('folder r', many)).rejects.toThrow(/The folder was refused/);
  });
});

describe('the check score', () => {
  const expected: SerialEntry[] = [
    { path: 'r', kind: 'directory' },
    { path: 'r/a.json', kind: 'file', content: '{"a":1,"b":2}' },
    { path: 'r/b.txt', kind: 'file', content: 'b' },
    { path: 'r/c.txt', kind: 'file', content: 'c' },
  ];
  const compare = (produced: SerialEntry[]) => compareTrees(expected, asProduced(produced));

  it('counts every expected entry plus every extra one; identical and equivalent ones match', () => {
    const comparison = compare([
      { path: 'r', kind: 'directory' },
      { path: 'r/a.json', kind: 'file', content: '{ "b": 2, "a": 1 }' },
      { path: 'r/b.txt', kind: 'file', content: 'B' },
      { path: 'r/extra.txt', kind: 'file', content: 'x' },
    ]);
    expect(checkScore(comparison)).toEqual({ matching: 2, counted: 5, percent: 40 });
    expect(visibleEntries(comparison, false).map((e) => `${e.status} ${e.path}`)).toEqual([
      'equivalent r/a.json',
      'different r/b.txt',
      'missing r/c.txt',
      'extra r/extra.txt',
    ]);
    expect(visibleEntries(comparison, true)).toHaveLength(5);
  });

  it('is 100 % only for a match: one extra file or folder is a mismatch and scores less', () => {
    expect(checkScore(compare(expected))).toEqual({ matching: 4, counted: 4, percent: 100 });
    for (const extra of [
      { path: 'r/more.txt', kind: 'file' as const, content: '' },
      { path: 'r/more', kind: 'directory' as const },
    ]) {
      const comparison = compare([...expected, extra]);
      expect(comparison.matches).toBe(false);
      expect(checkScore(comparison)).toEqual({ matching: 4, counted: 5, percent: 80 });
    }
  });

  it('rounds down, so that 100 % means every entry', () => {
    const files = Array.from({ length: 200 }, (_, i): SerialEntry => ({
      path: `f${i}`,
      kind: 'file',
      content: `${i}`,
    }));
    const comparison = compareTrees(files, asProduced(files.slice(1)));
    expect(checkScore(comparison)).toEqual({ matching: 199, counted: 200, percent: 99 });
    expect(checkScore(compareTrees(files, asProduced(files))).percent).toBe(100);
    expect(checkScore(compareTrees([], [])).percent).toBe(100);
  });
});
