import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { compareTrees } from '../src/steps/compare';
import { replay, type Replay } from '../src/steps/engine';
import { treeEntries } from '../src/steps/entries';
import { syntaxProblem } from '../src/steps/equivalence';
import { StepwiseError } from '../src/steps/errors';
import { LIMITS } from '../src/steps/limits';
import { parseDocument } from '../src/steps/parser';
import { decodeUtf8 } from '../src/steps/text';
import { setNodeBytes } from '../src/steps/tree';
import { asProduced, doc, files } from './helpers';

// Some cases build and replay documents of tens of megabytes; a busy 2-core machine needs time.
vi.setConfig({ testTimeout: 60_000 });

const HOSTILE = fileURLToPath(new URL('./fixtures/hostile/', import.meta.url));

interface DocumentCase {
  file: string;
  why: string;
  outcome: 'decode-error' | 'parse-error' | 'replay-error' | 'loads';
  /** A substring of the message (empty for documents that load). */
  message: string;
  line?: number;
  step?: number;
  path?: string;
  /** The last usable position: every step for documents that load, the steps before the error otherwise. */
  usable?: number;
  /** The start of the one warning a document that loads must give (none when absent). */
  warning?: string;
}

const cases = JSON.parse(readFileSync(`${HOSTILE}cases.json`, 'utf8')) as DocumentCase[];

type Outcome = { phase: 'decode' | 'parse'; error: unknown } | { phase: 'replay'; result: Replay };

/** Runs the bytes through the same steps as the app's worker and the CLI: decode, parse, replay. */
function load(bytes: Uint8Array): Outcome {
  let text: string;
  try {
    text = decodeUtf8(bytes);
  } catch (error) {
    return { phase: 'decode', error };
  }
  try {
    return { phase: 'replay', result: replay(parseDocument(text)) };
  } catch (error) {
    return { phase: 'parse', error };
  }
}

function loadFixture(file: string): Outcome {
  return load(new Uint8Array(readFileSync(`${HOSTILE}documents/${file}`)));
}

/** The error of a document that must fail, from whichever phase refused it. */
function failureOf(source: string): StepwiseError {
  const outcome = load(new TextEncoder().encode(source));
  const error = outcome.phase === 'replay' ? outcome.result.error : outcome.error;
  expect(error).toBeInstanceOf(StepwiseError);
  return error as StepwiseError;
}

const R = 'Create a directory named "root"';

describe('the hostile document corpus (tests/fixtures/hostile/cases.json)', () => {
  it('lists every document in the folder, and only those', () => {
    const onDisk = readdirSync(`${HOSTILE}documents`).sort();
    expect(cases.map((c) => c.file).sort()).toEqual(onDisk);
  });

  it.each(cases)('$file ($why): $outcome', ({ file, outcome, message, line, step, path, usable, warning }) => {
    const result = loadFixture(file);
    if (outcome === 'loads') {
      expect(result.phase).toBe('replay');
      if (result.phase !== 'replay') return;
      expect(result.result.error).toBeNull();
      expect(result.result.snapshots.length - 1).toBe(usable);
      const warnings = result.result.document.warnings.map((w) => w.message);
      if (warning === undefined) expect(warnings).toEqual([]);
      else expect(warnings).toEqual([expect.stringContaining(warning)]);
      return;
    }
    const expectedPhase = outcome.replace('-error', '');
    expect(result.phase).toBe(expectedPhase);
    const error = result.phase === 'replay' ? result.result.error : result.error;
    expect(error).toBeInstanceOf(StepwiseError);
    const failure = error as StepwiseError;
    expect(failure.message).toContain(message);
    expect(failure.line).toBe(line);
    expect(failure.step).toBe(step);
    if (path !== undefined) expect(failure.path).toBe(path);
    // The location leads the message, so one line is enough to find the fault.
    if (line !== undefined) expect(failure.message.startsWith(`Line ${line}`)).toBe(true);
    if (result.phase === 'replay') {
      expect(result.result.snapshots.length - 1).toBe(usable);
      // The positions before the failing step stay whole.
      const last = result.result.snapshots[usable!];
      expect(last.position).toBe(usable);
      expect(treeEntries(result.result, usable!)).toHaveLength(last.createdCount);
    }
  });
});

describe('documents that load despite looking hostile', () => {
  const loaded = (file: string): Replay => {
    const result = loadFixture(file);
    if (result.phase !== 'replay') throw new Error(`${file} did not load`);
    return result.result;
  };

  it('CRLF line endings: no \\r reaches names or contents; JSON content keeps its bytes', () => {
    const result = loaded('crlf.txt');
    expect([...files(result)]).toEqual([
      ['root/a.txt', 'line 1\nline 2'],
      ['root/b.json', '{"a": 1}'],
    ]);
    expect(result.document.title).toBe('CRLF line endings');
  });

  it('a UTF-8 byte-order mark is not part of the title', () => {
    expect(loaded('bom.txt').document.title).toBe('BOM first');
  });

  it('U+2028 and U+2029 inside a step stay in the name and the content', () => {
    expect([...files(loaded('line-separator.txt'))]).toEqual([['root/a\u2028b.txt', 'x\u2029y']]);
  });

  it('"__proto__", "constructor" and friends are plain keys: written in place, nothing polluted', () => {
    const content = files(loaded('proto-keys.txt')).get('root/config.json')!;
    expect(Object.keys(JSON.parse(content) as object)).toEqual([
      '__proto__',
      'a',
      'constructor',
      'toString',
      'hasOwnProperty',
    ]);
    expect(content).toContain('"__proto__": {\n    "isAdmin": true\n  }');
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('directories named constructor, __proto__ and toString resolve like any other; inherited keys are not read', () => {
    const result = loaded('prototype-names.txt');
    const registry = JSON.parse(files(result).get('constructor/__proto__/hasOwnProperty')!) as Record<string, unknown>;
    // replicas sits under "__proto__" in the service's config: it is data, not an inherited default.
    expect(registry).toEqual({
      service_registry: { toString: { port: 1, replicas: null, dependencies: [], status: 'configured' } },
      valueOf: 'x',
    });
  });

  it('HTML in the title, names and contents is kept as the exact text', () => {
    const result = loaded('html-everywhere.txt');
    expect(result.document.title).toBe(`<img src=x onerror="document.title='pwned-title'"> Hostile HTML everywhere`);
    expect([...files(result).keys()]).toEqual([
      '<img src=x onerror=document.title=1>/<svg onload=document.title=2>.md',
      '<img src=x onerror=document.title=1>/javascript:alert(1).json',
    ]);
  });
});

describe('generated hostile documents', () => {
  it('a 10,000-character name: refused, and the message stays short', () => {
    const error = failureOf(doc(R, `Create a directory named "${'n'.repeat(10_000)}" inside root`));
    expect(error.message).toContain('10000 bytes long in UTF-8 (at most 255)');
    expect(error.message.length).toBeLessThan(200);
    const separator = failureOf(doc(R, `Create a directory named "${'n/'.repeat(5_000)}" inside root`));
    expect(separator.message).toContain('contains a path separator');
    expect(separator.message.length).toBeLessThan(200);
  });

  it('100,000 "[" as file content, as an update value, unclosed: a StepwiseError, never a stack overflow', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const json = `{"a": ${deep}}`;
    for (const source of [
      doc(R, `Create a file named "a.json" in root with content: ${json}`),
      doc(R, `Create a file named "a.json" in root with content: {"a": ${'['.repeat(100_000)}}`),
      doc(R, 'Create a file named "a.json" in root with content: {}', `Update a.json: add k: ${deep}`),
    ]) {
      const error = failureOf(source);
      expect(error.message).toContain(`nested more than ${LIMITS.jsonDepth} levels deep`);
      expect(error.step).toBeDefined();
    }
    // Nesting hidden in a string literal is caught when an update would have to re-serialise it.
    const hidden = failureOf(
      doc(R, `Create a file named "a.json" in root with content: ${JSON.stringify(json)}`, 'Update a.json: add k: 1'),
    );
    expect(hidden.message).toContain(`nests JSON more than ${LIMITS.jsonDepth} levels deep`);
    expect(hidden.step).toBe(3);
  });

  it('nesting up to the limit still works', () => {
    const ok = `{"a": ${'['.repeat(LIMITS.jsonDepth - 1)}${']'.repeat(LIMITS.jsonDepth - 1)}}`;
    const result = replay(
      parseDocument(doc(R, `Create a file named "a.json" in root with content: ${ok}`, 'Update a.json: add b: 1')),
    );
    expect(result.error).toBeNull();
    expect(JSON.parse(files(result).get('root/a.json')!)).toEqual({ ...(JSON.parse(ok) as object), b: 1 });
  });

  it('deeply nested JSON and YAML files are compared and validated without recursion', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const other = '['.repeat(100_000) + '1' + ']'.repeat(100_000);
    for (const path of ['r/a.json', 'r/a.yaml']) {
      const expected = [
        { path: 'r', kind: 'directory' as const },
        { path, kind: 'file' as const, content: deep },
      ];
      const same = compareTrees(expected, asProduced(expected));
      expect(same.counts.identical).toBe(2);
      const differs = compareTrees(expected, asProduced([expected[0], { path, kind: 'file', content: other }]));
      expect(differs.entries[1].status).toBe('different');
    }
    expect(syntaxProblem('a.json', deep)).toBeNull();
    expect(syntaxProblem('a.yaml', deep)).toContain(`more than ${LIMITS.jsonDepth} levels deep`);
    // Brackets inside quoted YAML scalars and comments are not nesting.
    expect(
      syntaxProblem('a.yaml', `a: "${'['.repeat(1000)}"\nb: '${'{'.repeat(1000)}'\n# ${'['.repeat(1000)}\n`),
    ).toBeNull();
  });

  it('a document of about 50 MB loads (the limit is 50 MiB characters)', () => {
    const content = 'x'.repeat(50_000_000 - 200);
    const result = replay(parseDocument(doc(R, `Create a file named "big.txt" in root with content: "${content}"`)));
    expect(result.error).toBeNull();
    expect(files(result).get('root/big.txt')).toHaveLength(content.length);
  });

  it('a document over the character limit is refused before parsing', () => {
    const source = doc(R) + '\n' + ' '.repeat(LIMITS.documentChars);
    expect(() => parseDocument(source)).toThrow(
      new StepwiseError(`the document has ${source.length} characters; the limit is ${LIMITS.documentChars}`),
    );
  });

  it('200,000 steps: refused at the first step past the limit, naming its line', () => {
    const lines = [`Step 1: ${R}`];
    for (let n = 2; n <= 200_000; n++) lines.push(`Step ${n}: Update a.json: add k: ${n}`);
    const error = failureOf(lines.join('\n'));
    expect(error.message).toBe(`Line ${LIMITS.steps + 1}, step ${LIMITS.steps + 1}: more than ${LIMITS.steps} steps`);
  });

  it(`${LIMITS.steps} steps, each cheap, load`, () => {
    const lines = [`Step 1: ${R}`, 'Step 2: Create a file named "counter.json" in root with content: {"n": 0}'];
    for (let n = 3; n <= LIMITS.steps; n++) lines.push(`Step ${n}: Update counter.json: add n: ${n}`);
    const result = replay(parseDocument(lines.join('\n')));
    expect(result.error).toBeNull();
    expect(result.snapshots).toHaveLength(LIMITS.steps + 1);
    expect(files(result).get('root/counter.json')).toBe(`{\n  "n": ${LIMITS.steps}\n}`);
    expect(files(result, 5).get('root/counter.json')).toBe('{\n  "n": 5\n}');
  });

  it('a file 32 levels deep updated again and again: stopped by the snapshot budget, not by running out of memory', () => {
    const lines = [`Step 1: ${R}`];
    for (let level = 2; level < LIMITS.pathDepth; level++)
      lines.push(
        `Step ${level}: Create a directory named "d${level}" inside ${level === 2 ? 'root' : `d${level - 1}`}`,
      );
    const parent = `d${LIMITS.pathDepth - 1}`;
    lines.push(`Step ${lines.length + 1}: Create a file named "n.json" in ${parent} with content: {"n": 0}`);
    const created = lines.length;
    while (lines.length < LIMITS.steps) lines.push(`Step ${lines.length + 1}: Update n.json: add n: ${lines.length}`);
    const result = replay(parseDocument(lines.join('\n')));
    expect(result.error?.message).toMatch(
      new RegExp(
        `^Line \\d+, step \\d+: keeping a snapshot of every step would take more than ${LIMITS.snapshotBytes / 1024 / 1024} MB of folder copies`,
      ),
    );
    // Every update copies the same 32 directories; the steps that created them cost less than one update each.
    const path = result.created[created - 1].path.split('/');
    const perUpdate = setNodeBytes(result.snapshots[created].root, path);
    const stopped = result.error!.step!;
    expect(stopped).toBeGreaterThan(LIMITS.snapshotBytes / perUpdate);
    expect(stopped).toBeLessThanOrEqual(LIMITS.snapshotBytes / perUpdate + created + 1);
    expect(result.snapshots).toHaveLength(stopped);
    expect(files(result, stopped - 1).get(path.join('/'))).toBe(`{\n  "n": ${stopped - 2}\n}`);
  });

  it('updates that rewrite a huge file again and again: stopped by the content budget', () => {
    // 45 MiB written by step 2, 45 more by step 3: step 4 would pass the 128 MiB budget.
    const big = `{"blob": "${'x'.repeat(45 * 1024 * 1024)}"}`;
    const source = doc(
      R,
      `Create a file named "big.json" in root with content: ${big}`,
      'Update big.json: add a: 1',
      'Update big.json: add b: 2',
    );
    const error = failureOf(source);
    expect(error.message).toBe(
      `Line 4, step 4: the steps so far write more than ${LIMITS.snapshotChars / 1024 / 1024} MB of file content (each update rewrites its whole file); split the document`,
    );
  });

  it('long runs of spaces where a regular expression could backtrack finish in linear time', () => {
    const spaces = ' '.repeat(2_000_000);
    const started = performance.now();
    expect(failureOf(`Step${spaces}x`).message).toContain('no steps');
    expect(failureOf(`Step 1${spaces}x`).message).toContain('no steps');
    expect(failureOf(doc(R, `Update a.json: add k${spaces}x`)).message).toContain('expected "key: value"');
    const structure = (line: string) => `EXPECTED FINAL STRUCTURE\n\`\`\`\n${line}\n\`\`\`\nStep 1: ${R}`;
    expect(parseDocument(structure(`root/${spaces}(final state)`)).expected).toEqual([
      { path: 'root', kind: 'directory' },
    ]);
    expect(() => parseDocument(structure(`root${spaces}(a)${' (b'.repeat(200_000)}`))).toThrow(
      /expected structure: the name is \d+ bytes long/,
    );
    // Quadratic backtracking on 2 million characters would take hours; linear scans take well under a second each.
    expect(performance.now() - started).toBeLessThan(20_000);
  });

  it('an update with 50,000 keys on one line', () => {
    const keys = Array.from({ length: 50_000 }, (_, i) => `k${i}: ${i}`).join(', ');
    const result = replay(
      parseDocument(doc(R, 'Create a file named "a.json" in root with content: {}', `Update a.json: add ${keys}`)),
    );
    expect(result.error).toBeNull();
    expect(Object.keys(JSON.parse(files(result).get('root/a.json')!) as object)).toHaveLength(50_000);
  });

  it('invalid UTF-8 names its line; a byte-order mark only at the start is accepted', () => {
    const bytes = new Uint8Array([
      ...new TextEncoder().encode(`intro\nStep 1: ${R}\nStep 2: Create a file named "a" in root with content: "`),
      0xc3,
      0x28,
      0x22,
    ]);
    expect(() => decodeUtf8(bytes)).toThrow(/^Line 3: the document is not valid UTF-8 \(byte \d+ is 0xc3\)$/);
    expect(decodeUtf8(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toBe('a');
  });
});

describe('docs/security.md', () => {
  it('states the limits the code enforces', async () => {
    const { ZIP_LIMITS } = await import('../src/io/zipLimits');
    const { VIEW_STORAGE_BUDGET } = await import('../src/io/viewStorage');
    const { LIBRARY_BUDGET } = await import('../src/io/library');
    // Whitespace folded, so that re-wrapping or re-aligning the Markdown does not matter.
    const section = readFileSync(fileURLToPath(new URL('../docs/security.md', import.meta.url)), 'utf8')
      .replace(/\s+/g, ' ')
      .replace(/ ?\| ?/g, '|');
    const n = (value: number) => value.toLocaleString('en');
    for (const stated of [
      `${n(LIMITS.documentChars)} characters`,
      `|steps|${n(LIMITS.steps)}|`,
      // A name's limit is in UTF-8 bytes, as file systems count it, not in characters.
      `|name length|${LIMITS.nameBytes} bytes`,
      `${LIMITS.pathDepth} levels`,
      `${LIMITS.jsonDepth} levels`,
      `${LIMITS.snapshotBytes / 1024 / 1024} MiB of folder copies`,
      `${LIMITS.snapshotChars / 1024 / 1024} MiB of file content`,
      `${n(ZIP_LIMITS.entries)} entries and ${ZIP_LIMITS.totalBytes / 1024 / 1024} MB`,
      `${n(VIEW_STORAGE_BUDGET)} characters`,
      `${LIBRARY_BUDGET / 1024 / 1024} MiB characters`,
    ])
      expect(section).toContain(stated);
  });
});
