import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildZip, readZip } from '../src/io/zip';
import { compareTrees } from '../src/steps/compare';
import { replay, type Replay, type Snapshot } from '../src/steps/engine';
import { treeEntries, type SerialEntry } from '../src/steps/entries';
import { StepwiseError } from '../src/steps/errors';
import { parseDocument } from '../src/steps/parser';
import { decodeUtf8 } from '../src/steps/text';
import type { TreeNode } from '../src/steps/tree';
import { asProduced } from './helpers';

/**
 * Random valid documents: a model of the tree decides which parents and files exist, so every
 * generated step can be applied. Names mix ASCII, accents, CJK, emoji and HTML-ish punctuation; a
 * per-document counter suffix keeps them unique, even case-insensitively, as bare-name resolution needs.
 */
const NAME_CHARS = [...'abcXYZ019._-+=@!~()[]{}<>&\'"#%é漢字ß', '😀', 'Ω', 'ñ'];
const nameBase = fc.string({ unit: fc.constantFrom(...NAME_CHARS), minLength: 1, maxLength: 8 });
/** Text content: anything a JSON string can hold, lone surrogates aside (they are not UTF-8). */
const textContent = fc.string({ unit: 'grapheme', maxLength: 40 });
const jsonObject = fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 4 });

type Op =
  | { kind: 'dir'; parent: number; name: string }
  | { kind: 'text'; parent: number; name: string; content: string }
  | { kind: 'json'; parent: number; name: string; content: Record<string, unknown> }
  | { kind: 'update'; file: number; entries: Array<[string, unknown]>; bare: boolean };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('dir' as const), parent: fc.nat(), name: nameBase }),
  fc.record({ kind: fc.constant('text' as const), parent: fc.nat(), name: nameBase, content: textContent }),
  fc.record({ kind: fc.constant('json' as const), parent: fc.nat(), name: nameBase, content: jsonObject }),
  fc.record({
    kind: fc.constant('update' as const),
    file: fc.nat(),
    entries: fc.array(fc.tuple(fc.string({ minLength: 1, maxLength: 8 }), fc.jsonValue({ maxDepth: 2 })), {
      minLength: 1,
      maxLength: 3,
    }),
    bare: fc.boolean(),
  }),
);

interface GeneratedDocument {
  source: string;
  /** Files created from a string literal and never updated, with the exact text they must hold. */
  texts: Map<string, string>;
}

/** Turns random operations into a document that is valid by construction. */
function toDocument(ops: readonly Op[]): GeneratedDocument {
  const lines = ['Generated scenario', '', 'Step 1: Create a directory named "root"'];
  const dirs = [{ name: 'root', path: 'root', depth: 1 }];
  const jsonFiles: string[] = [];
  const texts = new Map<string, string>();
  let counter = 0;
  const step = (body: string) => lines.push(`Step ${lines.length - 1}: ${body}`);
  for (const o of ops) {
    if (o.kind === 'update') {
      if (jsonFiles.length === 0) continue;
      const added = o.entries.map(([key, value]) => {
        // Bare keys are allowed when they look like identifiers; everything else is a JSON string.
        const written = o.bare && /^[A-Za-z_$][\w$.-]*$/.test(key) ? key : JSON.stringify(key);
        return `${written}: ${JSON.stringify(value)}`;
      });
      step(`Update ${jsonFiles[o.file % jsonFiles.length]}: add ${added.join(', ')}`);
      continue;
    }
    const parent = dirs[o.parent % dirs.length];
    const name = `${o.name}_${++counter}`;
    const path = `${parent.path}/${name}`;
    if (o.kind === 'dir') {
      if (parent.depth >= 30) continue;
      dirs.push({ name, path, depth: parent.depth + 1 });
      step(`Create a directory named ${JSON.stringify(name)} inside ${parent.name}`);
    } else if (o.kind === 'text') {
      texts.set(path, o.content);
      step(`Create a file named ${JSON.stringify(name)} in ${parent.name} with content: ${JSON.stringify(o.content)}`);
    } else {
      jsonFiles.push(name);
      step(`Create a file named ${JSON.stringify(name)} in ${parent.name} with content: ${JSON.stringify(o.content)}`);
    }
  }
  return { source: lines.join('\n'), texts };
}

const documents = fc.array(op, { maxLength: 40, size: 'medium' }).map(toDocument);

function serialise(snapshot: Snapshot): string {
  const walk = (node: TreeNode): unknown =>
    node.kind === 'file' ? node.content : [...node].map(([name, child]) => [name, walk(child)]);
  return JSON.stringify([snapshot.position, walk(snapshot.root), snapshot.createdCount, snapshot.change]);
}

function deeplyFrozen(node: TreeNode): boolean {
  if (!Object.isFrozen(node)) return false;
  return node.kind === 'file' || [...node].every(([, child]) => deeplyFrozen(child));
}

/** A path that stays inside the folder it is unpacked into. */
function staysInside(path: string): boolean {
  return (
    path !== '' &&
    !path.startsWith('/') &&
    !/^[A-Za-z]:/.test(path) &&
    !path.includes('\\') &&
    path.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..')
  );
}

const NUM_RUNS = 120;

describe('random valid documents', () => {
  it('replay without error, and string contents come out exactly as written', () => {
    fc.assert(
      fc.property(documents, ({ source, texts }) => {
        const result = replay(parseDocument(source));
        expect(result.error).toBeNull();
        const final = treeEntries(result, result.snapshots.length - 1);
        const byPath = new Map(final.map((e) => [e.path, e.content]));
        for (const [path, text] of texts) expect(byPath.get(path)).toBe(text);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('export then check is identical: treeEntries → buildZip → readZip → compareTrees', async () => {
    await fc.assert(
      fc.asyncProperty(documents, fc.nat(), async ({ source }, pick) => {
        const result = replay(parseDocument(source));
        const position = pick % result.snapshots.length;
        const expected = treeEntries(result, position);
        const read = await readZip(await buildZip(expected));
        expect(read).toEqual(asProduced(expected));
        const comparison = compareTrees(expected, read);
        expect(comparison.matches).toBe(true);
        expect(comparison.counts.identical).toBe(expected.length);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('snapshots are immutable: each equals a replay of just its first p steps, deeply frozen', () => {
    fc.assert(
      fc.property(documents, ({ source }) => {
        const document = parseDocument(source);
        const full = replay(document);
        for (const snapshot of full.snapshots) {
          expect(deeplyFrozen(snapshot.root)).toBe(true);
          const prefix: Replay = replay({ ...document, steps: document.steps.slice(0, snapshot.position) });
          expect(serialise(snapshot)).toBe(serialise(prefix.snapshots[snapshot.position]));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('every exported path stays inside its root: no "..", no absolute path, no backslash', async () => {
    await fc.assert(
      fc.asyncProperty(documents, async ({ source }) => {
        const result = replay(parseDocument(source));
        const entries: SerialEntry[] = treeEntries(result, result.snapshots.length - 1);
        for (const entry of entries) {
          expect(staysInside(entry.path), entry.path).toBe(true);
          expect(entry.path.split('/')[0]).toBe('root');
        }
        for (const entry of await readZip(await buildZip(entries)))
          expect(staysInside(entry.path), entry.path).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});

/** Line-level and character-level damage to a valid document. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), with: fc.nat() }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.oneof(
      fc.string({ maxLength: 6 }),
      fc.string({ unit: fc.constantFrom(...'"{}[]\\:,\n\r/. \u0000\u2028\ufeff'), maxLength: 6 }),
      fc.constantFrom('Step 2: ', ': add ', ' inside ', ' with content: ', '"__proto__": ', '[[[[[[', '\\u0000'),
    ),
  }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function mutate(source: string, m: Mutation): string {
  const lines = source.split('\n');
  const line = (n: number) => n % lines.length;
  switch (m.kind) {
    case 'delete':
      lines.splice(line(m.at), 1);
      return lines.join('\n');
    case 'duplicate':
      lines.splice(line(m.at), 0, lines[line(m.at)]);
      return lines.join('\n');
    case 'swap': {
      const [a, b] = [line(m.at), line(m.with)];
      [lines[a], lines[b]] = [lines[b], lines[a]];
      return lines.join('\n');
    }
    case 'insert': {
      const at = m.at % (source.length + 1);
      return source.slice(0, at) + m.text + source.slice(at);
    }
    case 'truncate':
      return source.slice(0, m.at % (source.length + 1));
  }
}

/** Parse and replay; anything thrown or recorded must be a StepwiseError. */
function onlyStepwiseErrors(source: string): void {
  let result: Replay;
  try {
    result = replay(parseDocument(source));
  } catch (e) {
    if (!(e instanceof StepwiseError)) throw e;
    return;
  }
  if (result.error !== null) expect(result.error).toBeInstanceOf(StepwiseError);
}

describe('random damage to valid documents', () => {
  it('the parser and the replay never throw anything but StepwiseError', () => {
    fc.assert(
      fc.property(documents, fc.array(mutation, { minLength: 1, maxLength: 4 }), ({ source }, mutations) => {
        onlyStepwiseErrors(mutations.reduce(mutate, source));
      }),
      { numRuns: 200 },
    );
  });

  it('damaged bytes are refused by the UTF-8 decoder with a StepwiseError, or decode and parse safely', () => {
    fc.assert(
      fc.property(
        documents,
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }),
        ({ source }, edits) => {
          const bytes = new TextEncoder().encode(source);
          for (const [at, value] of edits) bytes[at % bytes.length] = value;
          let text: string;
          try {
            text = decodeUtf8(bytes);
          } catch (e) {
            expect(e).toBeInstanceOf(StepwiseError);
            return;
          }
          onlyStepwiseErrors(text);
        },
      ),
      { numRuns: 100 },
    );
  });
});
