import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { replay } from '../src/steps/engine';
import { parseDocument } from '../src/steps/parser';
import { documentExpectations, type DocumentExpectations } from '../src/steps/runs/grade';
import { gradeOps } from './runs-helpers';

// Hundreds of replays and grades on a busy machine: allow more than the default 5 s.
vi.setConfig({ testTimeout: 60_000 });

/**
 * Random valid documents: folders and files under earlier folders, JSON files updated later.
 * Every update adds a key of its own, so no two versions of a file are alike (an update that
 * changes nothing would be done by the operation before it, which is a different property).
 */
type Op =
  | { kind: 'dir'; parent: number }
  | { kind: 'file'; parent: number; json: boolean; text: string }
  | { kind: 'update'; file: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('dir' as const), parent: fc.nat() }),
  fc.record({
    kind: fc.constant('file' as const),
    parent: fc.nat(),
    json: fc.boolean(),
    text: fc.string({ unit: 'grapheme', maxLength: 20 }),
  }),
  fc.record({ kind: fc.constant('update' as const), file: fc.nat() }),
);

function documentOf(ops: readonly Op[]): DocumentExpectations {
  const lines = ['Step 1: Create a directory named "root"'];
  const dirs = ['root'];
  const jsonFiles: string[] = [];
  const step = (body: string) => lines.push(`Step ${lines.length + 1}: ${body}`);
  ops.forEach((o, i) => {
    if (o.kind === 'dir') {
      const name = `d${i}`;
      step(`Create a directory named "${name}" inside ${dirs[o.parent % dirs.length]}`);
      dirs.push(name);
    } else if (o.kind === 'file') {
      const name = `f${i}.${o.json ? 'json' : 'txt'}`;
      const content = o.json ? JSON.stringify({ text: o.text }) : JSON.stringify(o.text);
      step(`Create a file named "${name}" in ${dirs[o.parent % dirs.length]} with content: ${content}`);
      if (o.json) jsonFiles.push(name);
    } else if (jsonFiles.length > 0) step(`Update ${jsonFiles[o.file % jsonFiles.length]}: add key${i}: ${i}`);
  });
  return documentExpectations(replay(parseDocument(lines.join('\n'))));
}

/** The document's own effects, one operation per step: a folder made, a file written whole. */
function ownEffects(expected: DocumentExpectations): object[] {
  return expected.steps.map((s) =>
    s.kind === 'directory' ? { op: 'mkdir', path: s.path } : { op: 'write', path: s.path, content: s.content },
  );
}

/** Steps that depend on `step`, directly or through others. */
function dependants(expected: DocumentExpectations, step: number): Set<number> {
  const out = new Set<number>();
  for (const s of expected.steps) if (s.dependsOn.some((d) => d === step || out.has(d))) out.add(s.step);
  return out;
}

const documents = fc.array(op, { minLength: 1, maxLength: 25 }).map(documentOf);

describe('grade: properties', () => {
  it("a run made of the document's own effects, in order, always passes", () => {
    fc.assert(
      fc.property(documents, (expected) => {
        const result = gradeOps(ownEffects(expected), expected);
        expect(result.steps.every((s) => s.status === 'done')).toBe(true);
        expect(result.verdict).toBe('pass');
      }),
      { numRuns: 100 },
    );
  });

  it('dropping any one step fails exactly that step and its dependants, with that step first', () => {
    fc.assert(
      fc.property(
        documents.chain((expected) =>
          fc.tuple(fc.constant(expected), fc.integer({ min: 1, max: expected.steps.length })),
        ),
        ([expected, dropped]) => {
          const result = gradeOps(
            ownEffects(expected).filter((_, i) => i !== dropped - 1),
            expected,
          );
          const allowed = dependants(expected, dropped);
          expect(result.steps[dropped - 1].status).not.toBe('done');
          expect(result.firstDivergence).toBe(dropped);
          for (const s of result.steps)
            if (s.step !== dropped && !allowed.has(s.step)) expect([s.step, s.status]).toEqual([s.step, 'done']);
          expect(result.verdict).toBe('fail');
        },
      ),
      { numRuns: 150 },
    );
  });
});
