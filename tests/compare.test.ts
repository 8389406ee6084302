import { describe, expect, it } from 'vitest';
import { compareTrees, shortDiff, type CompareStatus, type ProducedEntry } from '../src/steps/compare';
import { replay } from '../src/steps/engine';
import { treeEntries, type SerialEntry } from '../src/steps/entries';
import { exactDecimal } from '../src/steps/equivalence';
import { parseDocument } from '../src/steps/parser';
import { asProduced, builtinSource } from './helpers';

const dir = (path: string): SerialEntry => ({ path, kind: 'directory' });
const file = (path: string, content: string): SerialEntry => ({ path, kind: 'file', content });

/** compareTrees with `produced` written as text, encoded to UTF-8 as a program would write it. */
const compare = (expected: SerialEntry[], produced: SerialEntry[]) => compareTrees(expected, asProduced(produced));

function statusOf(expected: SerialEntry[], produced: SerialEntry[]): Record<string, CompareStatus> {
  return Object.fromEntries(compare(expected, produced).entries.map((e) => [`${e.kind} ${e.path}`, e.status]));
}

/** Compares one file against another version of itself inside a root folder. */
function fileStatus(path: string, expected: string, produced: string): CompareStatus {
  return statusOf([dir('r'), file(`r/${path}`, expected)], [dir('r'), file(`r/${path}`, produced)])[`file r/${path}`];
}

describe('compareTrees statuses', () => {
  it('calls byte-equal files identical', () => {
    expect(fileStatus('a.txt', 'x\ny', 'x\ny')).toBe('identical');
    expect(fileStatus('a.json', '{"a":1}', '{"a":1}')).toBe('identical');
  });

  it('calls a JSON file with the same value but other formatting or key order equivalent', () => {
    expect(fileStatus('a.json', '{"a": 1, "b": [1, 2]}', '{\n  "b": [1,2],\n  "a": 1\n}\n')).toBe('equivalent');
    expect(fileStatus('a.json', '{"n": 1.0}', '{"n": 1}')).toBe('equivalent');
  });

  it('calls a JSON file with a different value different', () => {
    expect(fileStatus('a.json', '{"a": 1}', '{"a": 2}')).toBe('different');
    expect(fileStatus('a.json', '{"a": [1, 2]}', '{"a": [2, 1]}')).toBe('different');
    expect(fileStatus('a.json', '{"a": 1}', '{"a": 1, "b": null}')).toBe('different');
    expect(fileStatus('a.json', '{"a": {}}', '{"a": []}')).toBe('different');
    expect(fileStatus('a.json', '{"a": "1"}', '{"a": 1}')).toBe('different');
  });

  it('calls an unparsable JSON file different, on either side', () => {
    expect(fileStatus('a.json', '{"a": 1}', '{"a": 1')).toBe('different');
    expect(fileStatus('a.json', '{"a": 1', '{"a": 1} ')).toBe('different');
  });

  it('calls a YAML file with the same value in another style equivalent', () => {
    expect(fileStatus('a.yaml', 'a: 1\nlist:\n- x\n- y\n', '{a: 1, list: [x, y]}')).toBe('equivalent');
    expect(fileStatus('a.yml', "k: 'v'  # comment", 'k: "v"')).toBe('equivalent');
    expect(fileStatus('a.yaml', 'a: 1\n---\nb: 2', 'a: 1\n---\nb: 2\n')).toBe('equivalent');
  });

  it('calls a YAML file with a different value, another document count or a syntax error different', () => {
    expect(fileStatus('a.yaml', 'a: 1', 'a: 2')).toBe('different');
    expect(fileStatus('a.yaml', 'a: 1\n---\nb: 2', 'a: 1')).toBe('different');
    expect(fileStatus('a.yaml', 'a: 1', 'a: [1')).toBe('different');
  });

  it('does not treat other file types as data', () => {
    expect(fileStatus('a.txt', '{"a": 1}', '{"a":1}')).toBe('different');
    expect(fileStatus('a.md', 'a: 1', 'a:  1')).toBe('different');
  });

  it('reports missing and extra files and folders', () => {
    const expected = [dir('r'), dir('r/d'), file('r/a.txt', 'a'), file('r/b.txt', 'b')];
    const produced = [dir('r'), file('r/a.txt', 'a'), dir('r/new'), file('r/new/c.txt', 'c')];
    const comparison = compare(expected, produced);
    expect(comparison.entries.map((e) => [e.kind, e.path, e.status])).toEqual([
      ['directory', 'r', 'identical'],
      ['directory', 'r/d', 'missing'],
      ['file', 'r/a.txt', 'identical'],
      ['file', 'r/b.txt', 'missing'],
      ['directory', 'r/new', 'extra'],
      ['file', 'r/new/c.txt', 'extra'],
    ]);
    expect(comparison.counts).toEqual({ identical: 2, equivalent: 0, different: 0, missing: 2, extra: 2 });
    expect(comparison.matches).toBe(false);
  });

  it('reports a file where a folder should be as missing folder plus extra file', () => {
    const comparison = compare([dir('r'), dir('r/x')], [dir('r'), file('r/x', 'oops')]);
    expect(comparison.entries.map((e) => [e.kind, e.path, e.status])).toEqual([
      ['directory', 'r', 'identical'],
      ['directory', 'r/x', 'missing'],
      ['file', 'r/x', 'extra'],
    ]);
    expect(comparison.matches).toBe(false);
  });

  it('keeps the expected and actual text of each compared file', () => {
    const [, entry] = compare([dir('r'), file('r/a', 'old')], [dir('r'), file('r/a', 'new')]).entries;
    expect(entry).toEqual({ path: 'r/a', kind: 'file', status: 'different', expected: 'old', actual: 'new' });
  });

  it('matches when everything is identical or equivalent, in any produced order', () => {
    const expected = [dir('r'), file('r/a.json', '{"a":1}'), file('r/b.txt', 'b')];
    const produced = [file('r/b.txt', 'b'), file('r/a.json', '{ "a": 1 }'), dir('r')];
    const comparison = compare(expected, produced);
    expect(comparison.matches).toBe(true);
    expect(comparison.counts).toEqual({ identical: 2, equivalent: 1, different: 0, missing: 0, extra: 0 });
  });

  it('matches empty trees, and not an empty tree with something in it', () => {
    expect(compare([], []).matches).toBe(true);
    expect(compare([], [dir('x')]).matches).toBe(false);
  });
});

describe('compareTrees root alignment', () => {
  const expected = [dir('root'), file('root/a.txt', 'a')];

  it('looks inside a single wrapper folder when the expected root is absent', () => {
    const comparison = compare(expected, [dir('wrapper'), dir('wrapper/root'), file('wrapper/root/a.txt', 'a')]);
    expect(comparison.matches).toBe(true);
  });

  it('does not unwrap when the expected root is present at the top', () => {
    const comparison = compare(expected, [dir('root'), file('root/a.txt', 'a'), dir('other')]);
    expect(comparison.counts.extra).toBe(1);
  });

  it('reports everything missing when nothing lines up', () => {
    const comparison = compare(expected, [dir('else'), file('else/a.txt', 'a')]);
    expect(comparison.counts).toMatchObject({ missing: 2, extra: 2, identical: 0 });
  });
});

describe('identity is about bytes', () => {
  const compareBytes = (path: string, expected: string, bytes: number[]) =>
    compareTrees([file(path, expected)], [{ path, kind: 'file', bytes: new Uint8Array(bytes) } satisfies ProducedEntry])
      .entries[0];
  const utf8 = (text: string) => [...new TextEncoder().encode(text)];
  const BOM = [0xef, 0xbb, 0xbf];

  it('a byte-order mark added to a text file makes it different, and says so', () => {
    const entry = compareBytes('a.txt', 'abc', [...BOM, ...utf8('abc')]);
    expect(entry).toMatchObject({
      status: 'different',
      expected: 'abc',
      actual: '\uFEFFabc',
      note: 'theirs starts with a byte-order mark (EF BB BF) that the expected file does not have',
    });
  });

  it('a file whose expected text starts with U+FEFF is identical to its own export', () => {
    expect(compareBytes('a.txt', '\uFEFFabc', [...BOM, ...utf8('abc')]).status).toBe('identical');
    expect(compareBytes('a.txt', '\uFEFFabc', utf8('abc'))).toMatchObject({
      status: 'different',
      note: 'the expected file starts with a byte-order mark (EF BB BF) that theirs does not have',
    });
  });

  it('a JSON file with a byte-order mark is not JSON, so not equivalent', () => {
    expect(compareBytes('a.json', '{"a":1}', [...BOM, ...utf8('{"a":1}')]).status).toBe('different');
  });

  it('bytes that are not UTF-8 are never identical to the U+FFFD they would decode to', () => {
    expect(compareBytes('a.txt', 'x\uFFFD', [0x78, 0xff])).toMatchObject({
      status: 'different',
      actual: 'x\uFFFD',
      note: 'theirs is not valid UTF-8 (byte 2 is 0xff)',
    });
    expect(compareBytes('a.json', '"\uFFFD"', [0x22, 0xc3, 0x22]).status).toBe('different');
  });
});

describe('numbers are equivalent by their exact decimal value', () => {
  it.each([
    ['1.0', '1'],
    ['1e2', '100'],
    ['1E+2', '100.00'],
    ['0.5', '5e-1'],
    ['-0', '0'],
    ['0.0e7', '0'],
    ['12345678901234567890', '1234567890123456789e1'],
  ])('JSON %s and %s are equivalent', (a, b) => {
    expect(fileStatus('a.json', `{"n": ${a}}`, `{"n": ${b}}`)).toBe('equivalent');
    expect(fileStatus('a.yaml', `n: ${a}`, `n: ${b}`)).toBe('equivalent');
  });

  it.each([
    ['8001', '8001.0000000000001'],
    ['12345678901234567890', '12345678901234567000'],
    ['1e400', '1e401'],
    ['0.1', '0.10000000000000001'],
    ['5e-324', '4e-324'],
  ])('JSON %s and %s differ, though a double holds them as one', (a, b) => {
    expect(fileStatus('a.json', `{"n": ${a}}`, `{"n": ${b}}`)).toBe('different');
    expect(fileStatus('a.yaml', `n: ${a}`, `n: ${b}`)).toBe('different');
  });

  it('reads YAML hexadecimal and octal integers exactly; a string is never a number', () => {
    expect(fileStatus('a.yaml', 'n: 0x10', 'n: 16')).toBe('equivalent');
    expect(fileStatus('a.yaml', 'n: 0o20', 'n: 16.0')).toBe('equivalent');
    expect(fileStatus('a.yaml', 'n: 0x20000000000001', 'n: 9007199254740992')).toBe('different');
    expect(fileStatus('a.yaml', 'n: 1', 'n: "1"')).toBe('different');
    expect(fileStatus('a.yaml', 'n: .inf', 'n: .Inf')).toBe('equivalent');
  });

  it('exactDecimal writes every spelling of a value the same way', () => {
    expect(exactDecimal('1.50')).toBe('15e-1');
    expect(exactDecimal('15e-1')).toBe('15e-1');
    expect(exactDecimal('-0.000')).toBe('0');
    expect(exactDecimal('+.5')).toBe('5e-1');
    expect(exactDecimal('1200')).toBe('12e2');
    expect(exactDecimal('1e99999999999999999999')).toBe('1e99999999999999999999');
    expect(exactDecimal(`1e${'9'.repeat(40)}`)).toBe(`1e${'9'.repeat(40)}`);
  });
});

describe('compareTrees on the built-in scenario', () => {
  const result = replay(parseDocument(builtinSource()));
  const entries = treeEntries(result, 85);

  it('finds the tree identical to itself', () => {
    const comparison = compare(entries, entries);
    expect(comparison.counts).toEqual({ identical: 80, equivalent: 0, different: 0, missing: 0, extra: 0 });
  });

  it('finds every JSON and YAML file equivalent when reformatted', () => {
    const reformatted = entries.map((e) => {
      if (e.path.endsWith('.json')) return { ...e, content: JSON.stringify(JSON.parse(e.content!)) };
      if (e.path.endsWith('.yaml')) return { ...e, content: `${e.content}\n# trailing comment\n` };
      return e;
    });
    const comparison = compare(entries, reformatted);
    expect(comparison.matches).toBe(true);
    // 36 JSON files (none written compactly before) and 12 YAML files; 30 folders, the .md and the .txt stay identical.
    expect(comparison.counts.equivalent).toBe(36 + 12);
    expect(comparison.counts.identical).toBe(80 - 48);
  });

  it('compares with an earlier position as extra entries and a different architecture_config.json', () => {
    const comparison = compare(treeEntries(result, 50), entries);
    expect(comparison.counts.missing).toBe(0);
    expect(comparison.counts.extra).toBe(80 - treeEntries(result, 50).length);
    expect(comparison.entries.find((e) => e.path.endsWith('architecture_config.json'))?.status).toBe('different');
  });
});

describe('shortDiff', () => {
  it('shows a unified diff of a small change', () => {
    expect(shortDiff('a\nb\nc\n', 'a\nB\nc\n')).toEqual(['@@ -1,3 +1,3 @@', ' a', '-b', '+B', ' c']);
  });

  it('cuts long diffs and says how many lines were left out', () => {
    const before = Array.from({ length: 40 }, (_, i) => `line ${i}`).join('\n');
    const after = Array.from({ length: 40 }, (_, i) => `LINE ${i}`).join('\n');
    const lines = shortDiff(before, after, 5);
    expect(lines).toHaveLength(6);
    expect(lines[5]).toMatch(/^… \d+ more diff lines$/);
    const total = Number(/\d+/.exec(lines[5])![0]) + 5;
    expect(total).toBe(1 + 80 + 2);
  });
});
