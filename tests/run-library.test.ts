import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatAddress, parseAddress, resolveView, viewQuery } from '../src/model/location';
import { loadScenario } from '../src/state/scenario';
import { deleteStoredRun, isParsedRun, readStoredRuns, runId, saveRuns, type StoredRun } from '../src/io/runLibrary';
import { hasStoredRuns, RUN_PREFIX } from '../src/io/runKeys';
import { gradeJob, type RunJobMessage } from '../src/io/runWorker';
import { parseRunText } from '../src/steps/runs/parseRun';
import { builtinSource, MemoryStorage } from './helpers';
import { runFixture } from './runs-helpers';

const SHOP_SOURCE = readFileSync(runFixture('document.txt'), 'utf8');
const [PERFECT] = parseRunText('perfect.jsonl', readFileSync(runFixture('status/perfect.jsonl'), 'utf8'));
const [SKIPPED] = parseRunText('skipped.jsonl', readFileSync(runFixture('status/skipped-file-step.jsonl'), 'utf8'));

const stored = (run = PERFECT, scenario = 'doc-shop', savedAt = 1): StoredRun => ({
  id: runId(scenario, run),
  scenario,
  run,
  savedAt,
});

describe('kept runs', () => {
  it('gives the same run of the same document one id, and another document’s another', () => {
    expect(runId('doc-shop', PERFECT)).toBe(runId('doc-shop', JSON.parse(JSON.stringify(PERFECT))));
    expect(runId('doc-shop', PERFECT)).not.toBe(runId('builtin', PERFECT));
    expect(runId('doc-shop', PERFECT)).not.toBe(runId('doc-shop', SKIPPED));
    expect(runId('doc-shop', PERFECT)).toMatch(/^run-[0-9a-z]+$/);
  });

  it('keeps runs with their document, in the order they were opened, and forgets one', () => {
    const storage = new MemoryStorage();
    expect(
      saveRuns(storage, [
        stored(SKIPPED, 'doc-shop', 2),
        stored(PERFECT, 'doc-shop', 1),
        stored(PERFECT, 'builtin', 3),
      ]),
    ).toEqual({
      dropped: 0,
      notSaved: [],
    });
    expect(hasStoredRuns(storage, 'doc-shop')).toBe(true);
    expect(hasStoredRuns(storage, 'doc-other')).toBe(false);
    const { runs, corrupt } = readStoredRuns(storage, 'doc-shop');
    expect(runs.map((r) => r.run.name)).toEqual(['perfect.jsonl', 'skipped.jsonl']);
    expect(runs[0].run).toEqual(PERFECT);
    expect(corrupt).toEqual([]);
    deleteStoredRun(storage, 'doc-shop', runs[0].id);
    expect(readStoredRuns(storage, 'doc-shop').runs.map((r) => r.run.name)).toEqual(['skipped.jsonl']);
  });

  it('drops the oldest kept runs past the budget or the browser’s quota, and says what it could not keep', () => {
    const storage = new MemoryStorage();
    const one = JSON.stringify(stored()).length;
    const budget = Math.floor(one * 2.5);
    saveRuns(storage, [stored(PERFECT, 'doc-a', 1), stored(PERFECT, 'doc-b', 2)], budget);
    expect(saveRuns(storage, [stored(PERFECT, 'doc-c', 3)], budget)).toEqual({ dropped: 1, notSaved: [] });
    expect(hasStoredRuns(storage, 'doc-a')).toBe(false);
    expect(hasStoredRuns(storage, 'doc-c')).toBe(true);
    expect(saveRuns(storage, [stored()], 1024).notSaved).toEqual([
      { name: 'perfect.jsonl', reason: 'it is larger than the 1 KB set aside for runs' },
    ]);
    const full = new MemoryStorage(one);
    expect(saveRuns(full, [stored(PERFECT, 'doc-a', 1)]).notSaved).toEqual([
      { name: 'perfect.jsonl', reason: 'the browser’s storage is full or turned off' },
    ]);
  });

  it('refuses stored data that is not a run it could replay, reporting the key', () => {
    const storage = new MemoryStorage();
    saveRuns(storage, [stored()]);
    const [key] = storage.map.keys();
    const good = JSON.parse(storage.map.get(key)!) as { run: { operations: Array<Record<string, unknown>> } };
    const broken = structuredClone(good);
    broken.run.operations[0].action = { type: 'write', path: 'a' }; // no content
    storage.setItem(key, JSON.stringify(broken));
    storage.setItem(`${RUN_PREFIX}doc-shop:run-zzz`, '{not json');
    storage.setItem(`${RUN_PREFIX}doc-shop:run-abc`, JSON.stringify({ ...good, id: 'run-other' }));
    const { runs, corrupt } = readStoredRuns(storage, 'doc-shop');
    expect(runs).toEqual([]);
    expect(corrupt.sort()).toEqual([key, `${RUN_PREFIX}doc-shop:run-abc`, `${RUN_PREFIX}doc-shop:run-zzz`].sort());
    expect(isParsedRun(PERFECT)).toBe(true);
    expect(isParsedRun({ ...PERFECT, operations: [{ ...PERFECT.operations[0], index: 2 }] })).toBe(false);
    expect(isParsedRun({ ...PERFECT, format: 'other' })).toBe(false);
  });
});

describe('the run worker', () => {
  it('grades files, text and kept runs against the document with progress, and names what it cannot read', async () => {
    const messages: RunJobMessage[] = [];
    await gradeJob(
      {
        document: { id: 'doc-shop', source: SHOP_SOURCE },
        inputs: [
          { name: 'perfect.jsonl', text: readFileSync(runFixture('status/perfect.jsonl'), 'utf8') },
          { name: 'broken.jsonl', text: '{"op":"mkdir","path":"a"}\n{"op":' },
          { name: 'kept', stored: { id: 'run-kept', run: SKIPPED } },
          { name: 'atif.json', bytes: new Uint8Array(readFileSync(runFixture('atif.json'))).buffer },
        ],
      },
      (message) => messages.push(message),
    );
    expect(messages.map((m) => m.type)).toEqual([
      'progress',
      'graded',
      'progress',
      'failed',
      'progress',
      'graded',
      'progress',
      'graded',
      'progress',
      'done',
    ]);
    const graded = messages.flatMap((m) => (m.type === 'graded' ? [m.run] : []));
    expect(graded.map((r) => [r.id, r.graded.report.verdict])).toEqual([
      [runId('doc-shop', PERFECT), 'pass'],
      ['run-kept', 'fail'],
      [expect.stringMatching(/^run-/), 'pass'],
    ]);
    expect(messages[3]).toEqual({
      type: 'failed',
      name: 'broken.jsonl',
      message: 'broken.jsonl: Line 2: the line was refused: it is not valid JSON (Unexpected end of JSON input)',
    });
    expect(messages.at(-2)).toEqual({ type: 'progress', done: 4, total: 4, name: '' });
  });
});

describe('the address of a run', () => {
  it('names the open run beside the step and file, and refuses what is not a run id', () => {
    expect(viewQuery(16, null, 'run-abc123')).toBe('?step=16&run=run-abc123');
    expect(viewQuery(16, null)).toBe('?step=16');
    expect(parseAddress('?doc=doc-abc&step=16&view=runs&run=run-abc123', '').view).toEqual({
      step: '16',
      file: null,
      view: 'runs',
      run: 'run-abc123',
    });
    expect(
      formatAddress({
        document: { kind: 'stored', id: 'doc-abc' },
        position: 16,
        file: null,
        view: 'runs',
        run: 'run-abc123',
      }).search,
    ).toBe('?doc=doc-abc&step=16&view=runs&run=run-abc123');
    const scenario = loadScenario(builtinSource(), 'Built-in', 'builtin');
    expect(resolveView({ step: '16', run: 'run-abc123' }, scenario)).toEqual({
      position: 16,
      file: null,
      view: 'file',
      run: 'run-abc123',
      problems: [],
    });
    expect(resolveView({ step: '16', run: '<img src=x>' }, scenario)).toEqual({
      position: 16,
      file: null,
      view: 'file',
      problems: ['“<img src=x>” in the address is not a run id; no run is open.'],
    });
  });
});
