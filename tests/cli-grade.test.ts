import { copyFile, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { spawnGradeWorker, type WorkerReply } from '../src/cli/grade';
import { main } from '../src/cli/main';
import { builtCli, withTempDir } from './helpers';
import { runFixture, SHOP_DOCUMENT } from './runs-helpers';

// Worker threads start tsx on their own and the machine may be busy: allow more than 5 s.
vi.setConfig({ testTimeout: 60_000 });

let stdout: MockInstance<typeof process.stdout.write>;
let error: MockInstance<typeof console.error>;

beforeEach(() => {
  stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  error = vi.spyOn(console, 'error').mockImplementation(() => {});
  vi.spyOn(console, 'log').mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());

const out = () => stdout.mock.calls.map(([chunk]) => String(chunk)).join('');
const err = () => error.mock.calls.map((args) => args.map(String).join(' ')).join('\n');
const STATUS = runFixture('status');
const grade = (...args: string[]) => main(['grade', ...args, '--steps', SHOP_DOCUMENT]);

describe('stepwise grade', () => {
  it('exits 0 for a passing run and prints a summary that fits 80 columns', async () => {
    expect(await grade(join(STATUS, 'perfect.jsonl'))).toBe(0);
    expect(out()).toMatch(/^PASS {2}.*perfect\.jsonl\n {2}stepwise-ops, 11 operations\n/);
    expect(error).not.toHaveBeenCalled();
  });

  it('exits 1 when a run fails, naming the first divergence with its step text', async () => {
    expect(await grade(join(STATUS, 'wrong-update-carried.jsonl'))).toBe(1);
    const text = out();
    expect(text).toContain('first divergence: step 10 (wrong): Update settings.json: add debug: true');
    expect(text).toContain('step 11 wrong, caused by step 10');
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('prints the JSON of one run in the documented shape', async () => {
    await grade(join(STATUS, 'combined-mkdir.jsonl'), '--format', 'json');
    const json = JSON.parse(out()) as Record<string, unknown>;
    expect(json).toMatchObject({
      run: expect.stringMatching(/combined-mkdir\.jsonl$/),
      format: 'stepwise-ops',
      verdict: 'fail',
      firstDivergence: 5,
      counts: { done: 8, combined: 3, outOfOrder: 0, wrong: 0, missing: 0 },
      extra: [],
      outside: [],
      notReplayed: [],
      final: { identical: 9, equivalent: 0, different: 0, missing: 0, extra: 0 },
      document: { title: 'Test: A small shop service', steps: 11 },
    });
    expect((json.steps as object[])[4]).toEqual({
      step: 5,
      status: 'combined',
      op: 5,
      equivalent: false,
      causedBy: null,
      path: 'shop/services',
    });
  });

  it('prints every run and a summary for several runs, sorted by name', async () => {
    expect(await grade(STATUS, '--format', 'json', '--jobs', '1')).toBe(1);
    const json = JSON.parse(out()) as {
      runs: Array<{ run: string }>;
      summary: { runs: number; passed: number; perStep: Array<{ step: number; done: number }> };
    };
    expect(json.runs.map((r) => r.run.split('/').pop())).toEqual([
      'combined-mkdir.jsonl',
      'failed-call.jsonl',
      'heredoc.jsonl',
      'loop-not-replayed.jsonl',
      'outside-path.jsonl',
      'perfect.jsonl',
      'skipped-file-step.jsonl',
      'swapped-steps.jsonl',
      'trailing-newline.jsonl',
      'wrong-update-carried.jsonl',
    ]);
    expect(json.summary).toMatchObject({ runs: 10, passed: 4 });
    expect(json.summary.perStep[2]).toMatchObject({ step: 3, done: 9, outOfOrder: 1 });
    expect(json.summary.perStep[8]).toMatchObject({ step: 9, done: 9, missing: 1 });
  });

  it('writes JUnit XML: a test case per step and one for the final tree', async () => {
    await grade(
      join(STATUS, 'skipped-file-step.jsonl'),
      join(STATUS, 'perfect.jsonl'),
      '--format',
      'junit',
      '--jobs',
      '1',
    );
    const xml = out();
    expect(
      xml.startsWith(
        '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="stepwise grade" tests="24" failures="2">',
      ),
    ).toBe(true);
    expect(xml.match(/<testcase /g)).toHaveLength(24);
    expect(xml).toContain('<failure type="missing" message="missing">shop/services/orders/notes.txt</failure>');
    expect(xml).toContain('name="step 4: Create a file named &quot;README.md&quot; in shop with content:');
  });

  it('writes --out through a temporary file and leaves nothing else behind', async () => {
    await withTempDir(async (dir) => {
      const file = join(dir, 'grade.json');
      expect(await grade(join(STATUS, 'perfect.jsonl'), '--format', 'json', '--out', file)).toBe(0);
      expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ verdict: 'pass' });
      expect(await readdir(dir)).toEqual(['grade.json']);
      expect(out()).toBe('');
    });
  });

  it('grades in worker threads with the same result as in one thread', async () => {
    await grade(STATUS, '--format', 'json', '--jobs', '1');
    const alone = out();
    stdout.mockClear();
    expect(await grade(STATUS, '--format', 'json', '--jobs', '3')).toBe(1);
    expect(out()).toBe(alone);
  });

  it('grades the same in the bundled CLI, whose workers start from the bundle itself', async () => {
    const bundled = await builtCli();
    await withTempDir(async (dir) => {
      // Enough runs that the workers get some of them, whatever the load of the machine.
      const names = await readdir(STATUS);
      for (let copy = 0; copy < 30; copy++)
        for (const name of names) await copyFile(join(STATUS, name), join(dir, `${copy}-${name}`));
      const args = ['grade', dir, '--steps', SHOP_DOCUMENT, '--format', 'json'];
      expect(await main([...args, '--jobs', '1'])).toBe(1);
      const alone = out();
      stdout.mockClear();
      expect(await bundled.main([...args, '--jobs', '2'])).toBe(1);
      expect(out()).toBe(alone);
      expect(error).not.toHaveBeenCalled();
    });
  });

  it('shards the runs and merges the parts into what one grade of all of them gives', async () => {
    await withTempDir(async (dir) => {
      await grade(STATUS, '--format', 'json', '--jobs', '1', '--out', join(dir, 'all.json'));
      for (const shard of ['1/3', '2/3', '3/3'])
        await grade(
          STATUS,
          '--format',
          'json',
          '--jobs',
          '1',
          '--shard',
          shard,
          '--out',
          join(dir, `part${shard[0]}.json`),
        );
      const parts = await Promise.all([1, 2, 3].map((i) => readFile(join(dir, `part${i}.json`), 'utf8')));
      expect(parts.map((p) => (JSON.parse(p) as { runs?: unknown[] }).runs?.length ?? 1)).toEqual([4, 3, 3]);
      expect(await grade('--merge', ...[1, 2, 3].map((i) => join(dir, `part${i}.json`)), '--format', 'json')).toBe(1);
      expect(out()).toBe(await readFile(join(dir, 'all.json'), 'utf8'));
    });
  });

  it('refuses to merge parts graded against another document, or a run twice', async () => {
    await withTempDir(async (dir) => {
      const part = join(dir, 'part.json');
      await main(['grade', join(STATUS, 'perfect.jsonl'), '--format', 'json', '--out', part]);
      expect(await grade('--merge', part)).toBe(2);
      expect(err()).toMatch(/^stepwise grade: the parts were graded against another document \("Test 17/);
      error.mockClear();
      await grade(join(STATUS, 'perfect.jsonl'), '--format', 'json', '--out', part);
      expect(await grade('--merge', part, part)).toBe(2);
      expect(err()).toMatch(/the run .*perfect\.jsonl is in both .*part\.json and .*part\.json/);
    });
  });

  it('refuses a merge part that is not a grade of the document', async () => {
    await withTempDir(async (dir) => {
      const part = join(dir, 'part.json');
      await grade(join(STATUS, 'perfect.jsonl'), '--format', 'json', '--out', part);
      const json = JSON.parse(await readFile(part, 'utf8')) as { steps: unknown[] };
      json.steps.pop();
      await writeFile(part, JSON.stringify(json));
      expect(await grade('--merge', part)).toBe(2);
      expect(err()).toMatch(/part\.json holds a run that is not a grade of 11 steps$/);
    });
  });

  it('reads every run in the format --run-format names', async () => {
    expect(await grade(runFixture('claude-code.jsonl'), '--run-format', 'openhands', '--format', 'json')).toBe(1);
    expect(JSON.parse(out())).toMatchObject({ format: 'openhands', operations: 0 });
  });

  it.each([
    [['--format', 'xml'], /--format must be text, json, junit or html, not "xml"/],
    [['--shard', '3/2'], /--shard must be I\/N with 1 ≤ I ≤ N/],
    [['--jobs', '0'], /--jobs must be a whole number from 1 to 9999/],
    [['--run-format', 'csv'], /--run-format must be one of stepwise-ops, claude-code, atif, openhands, inspect/],
    [['--bogus'], /Unknown option '--bogus'/],
    [[], /give at least one RUN/],
    [['--merge', '--shard', '1/2'], /--merge combines graded parts: --shard, --jobs and --run-format do not apply/],
  ])('exits 2 with one line for bad usage: %s', async (args, message) => {
    const code = await main(['grade', ...(args.length === 0 ? [] : [join(STATUS, 'perfect.jsonl')]), ...args]);
    expect(code).toBe(2);
    expect(String(error.mock.calls[0][0])).toMatch(message);
    expect(String(error.mock.calls[0][0])).not.toContain('\n');
  });

  it('grades in a worker thread started from this module, and reports what it cannot read', async () => {
    await withTempDir(async (dir) => {
      await writeFile(join(dir, 'broken.jsonl'), '{"op":"mkdir","path":"a"}\n{"op":');
      const worker = spawnGradeWorker(
        { name: SHOP_DOCUMENT, text: await readFile(SHOP_DOCUMENT, 'utf8') },
        { format: undefined, diffs: true },
      );
      try {
        const ask = (index: number, path: string) =>
          new Promise<WorkerReply>((resolve) => {
            worker.once('message', resolve);
            worker.postMessage({ index, path });
          });
        const graded = await ask(4, join(STATUS, 'wrong-update-carried.jsonl'));
        expect(graded).toMatchObject({
          index: 4,
          runs: [{ report: { verdict: 'fail', firstDivergence: 10 }, wrong: [{ step: 10 }, { step: 11 }] }],
        });
        expect(await ask(5, join(dir, 'broken.jsonl'))).toEqual({
          index: 5,
          error: `${join(dir, 'broken.jsonl')}: Line 2: the line was refused: it is not valid JSON (Unexpected end of JSON input)`,
          usage: false,
        });
      } finally {
        await worker.terminate();
      }
    });
  });

  it('exits 2 naming an unreadable run', async () => {
    await withTempDir(async (dir) => {
      await writeFile(join(dir, 'broken.jsonl'), '{"op":"mkdir","path":"a"}\n{"op":');
      await writeFile(join(dir, 'ok.jsonl'), '{"op":"mkdir","path":"shop"}\n');
      expect(await grade(dir, '--jobs', '2')).toBe(2);
      expect(err()).toMatch(/^stepwise grade: .*broken\.jsonl: Line 2: the line was refused: it is not valid JSON/);
      expect(await grade(join(dir, 'missing.jsonl'))).toBe(2);
      expect(err()).toMatch(/cannot read .*missing\.jsonl: ENOENT/);
      expect(out()).toBe('');
    });
  });
});
