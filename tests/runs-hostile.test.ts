import { describe, expect, it, vi } from 'vitest';
import { readRunFile } from '../src/io/runFiles';
import { buildZip } from '../src/io/zip';
import { RUN_LIMITS } from '../src/steps/runs/limits';
import { parseRunText } from '../src/steps/runs/parseRun';
import { actualEntries, replayRun } from '../src/steps/runs/replayRun';
import { ZIP_CASES } from './fixtures/hostile/zips';
import { gradeOps, SHOP } from './runs-helpers';

// Large inputs on a busy machine: allow more than the default 5 s.
vi.setConfig({ testTimeout: 60_000 });

const ops = (...lines: object[]) => lines.map((l) => JSON.stringify(l)).join('\n');
const deep = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);

describe('hostile runs are refused or contained', () => {
  it('refuses a run longer than the document limit, naming the file', () => {
    const huge = 'x'.repeat(RUN_LIMITS.chars + 1);
    expect(() => parseRunText('huge.jsonl', huge)).toThrow(
      `huge.jsonl has ${RUN_LIMITS.chars + 1} characters; a run may have at most ${RUN_LIMITS.chars}`,
    );
  });

  it('reads a huge line within the limit like any other', () => {
    const content = 'y'.repeat(8 * 1024 * 1024);
    const result = gradeOps([{ op: 'write', path: 'shop/big.txt', content }]);
    expect(result.replay.trees[1].get('shop/big.txt')).toEqual({ kind: 'file', content });
  });

  it('refuses deep JSON before parsing it: a stepwise line, a whole trajectory, a string inside it', () => {
    expect(() => parseRunText('deep.jsonl', deep(100_000), 'stepwise-ops')).toThrow(
      'deep.jsonl: Line 1: the line was refused: it nests JSON more than 256 levels deep',
    );
    expect(() => parseRunText('deep.json', `{"schema_version":"ATIF-v1.4","steps":${deep(300)}}`, 'atif')).toThrow(
      /deep\.json was refused: it nests JSON more than 256 levels deep/,
    );
    // Arguments stored as JSON text are held to the same limit: the call has no usable arguments.
    const trajectory = JSON.stringify({
      schema_version: 'ATIF-v1.4',
      agent: {},
      steps: [{ tool_calls: [{ tool_call_id: 'c', function_name: 'write_file', arguments: deep(100_000) }] }],
    });
    const [run] = parseRunText('t.json', trajectory);
    expect(run.operations[0].action).toMatchObject({ type: 'opaque' });
  });

  it('skips a deep or broken line of a foreign log and says so', () => {
    const good = JSON.stringify({
      type: 'assistant',
      cwd: '/w',
      message: { content: [{ type: 'tool_use', id: 't1', name: 'Bash', input: { command: 'mkdir /w/shop' } }] },
    });
    const [run] = parseRunText('s.jsonl', [good, deep(10_000), '{"type": "user", "mess'].join('\n'), 'claude-code');
    expect(run.operations).toHaveLength(1);
    expect(run.problems).toEqual([
      'line 2 skipped: it nests JSON more than 256 levels deep',
      expect.stringMatching(/^line 3 skipped: it is not valid JSON/),
    ]);
  });

  it('contains ".." paths: resolved lexically, outside the root never applied', () => {
    const result = gradeOps([
      { op: 'write', path: '/home/u/task/shop/a/../README.md', content: 'x' },
      { op: 'write', path: '/home/u/task/shop/../../../../etc/passwd', content: 'x' },
      { op: 'shell', command: 'cd /home/u/task/shop && mkdir ../../escape' },
      { op: 'move', from: '/home/u/task/shop/README.md', to: '/home/u/task/../stolen.md' },
    ]);
    expect(result.replay.root).toBe('/home/u/task');
    expect(actualEntries(result.replay, 4)).toEqual([
      { path: 'shop', kind: 'directory' },
      { path: 'shop/README.md', kind: 'file', content: 'x' },
    ]);
    expect(result.outside).toEqual([
      { op: 2, path: '/etc/passwd' },
      { op: 3, path: '/home/u/escape' },
      { op: 4, path: '/home/u/stolen.md' },
    ]);
  });

  it("refuses names the engine refuses in documents, and paths deeper than a document's", () => {
    const result = gradeOps([
      { op: 'write', path: 'shop/a\u0000b', content: 'x' },
      { op: 'mkdir', path: 'shop/\u202eevil' },
      { op: 'write', path: `shop/${'n'.repeat(300)}`, content: 'x' },
      { op: 'mkdir', path: Array.from({ length: 40 }, (_, i) => `d${i}`).join('/') },
    ]);
    expect(result.refused.map((r) => r.reason)).toEqual([
      'shop/a\\u0000b: the name "a\\u0000b" contains a control character',
      'shop/\\u202eevil: the name "\\u202eevil" contains a bidirectional control character',
      expect.stringMatching(/the name is 300 bytes long in UTF-8 \(at most 255\)$/),
      expect.stringMatching(/more than 33 levels deep$/),
    ]);
    expect(result.replay.trees[4].size).toBe(0);
  });

  it('refuses a run with more operations than a document may have steps', () => {
    const line = JSON.stringify({ op: 'mkdir', path: 'a' });
    const text = Array(RUN_LIMITS.operations + 1)
      .fill(line)
      .join('\n');
    expect(() => parseRunText('many.jsonl', text)).toThrow(
      `many.jsonl: the run has more than ${RUN_LIMITS.operations} file operations; the limit is ${RUN_LIMITS.operations}`,
    );
  });

  it('stops the replay when copies would write more than the content limit, keeping what came before', () => {
    const mb = 8 * 1024 * 1024;
    const copies = Math.ceil(RUN_LIMITS.writtenChars / mb) + 1;
    const text = ops(
      { op: 'write', path: 'big', content: 'z'.repeat(mb) },
      ...Array.from({ length: copies }, (_, i) => ({ op: 'shell', command: `cp big copy${i}` })),
    );
    const replay = replayRun(parseRunText('copies.jsonl', text)[0], SHOP.topNames);
    expect(replay.stopped).toEqual({ op: copies, reason: 'the run writes more than 128 MB of file content' });
    expect(replay.outcomes[copies].status).toBe('stopped');
    expect(replay.trees[copies - 1].size).toBe(copies - 1);
  });

  it('stops the replay when the tree would hold more entries than the limit', () => {
    // Each round doubles the folder (a copy of it goes inside it): 17 rounds would make 2^17 entries.
    const rounds = Array.from({ length: 17 }, (_, i) => ({ op: 'shell', command: `cp -r a c && mv c a/c${i}` }));
    const replay = replayRun(
      parseRunText('double.jsonl', ops({ op: 'mkdir', path: 'a' }, ...rounds))[0],
      SHOP.topNames,
    );
    expect(replay.stopped?.reason).toBe(`the run's tree would hold more than ${RUN_LIMITS.entries} folders and files`);
    expect(replay.trees[replay.trees.length - 1].size).toBeLessThanOrEqual(RUN_LIMITS.entries);
  });
});

describe('hostile .eval logs', () => {
  const zips = ZIP_CASES.filter((c) => c.message !== null);

  it.each(zips.map((c) => [c.name, c] as const))('%s is refused as a zip is, naming the file', async (_, zipCase) => {
    const bytes = await zipCase.build();
    const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
    const attempt = readRunFile('logs/hostile.eval', bytes);
    if (isZip) await expect(attempt).rejects.toThrow(zipCase.message!);
    await expect(attempt).rejects.toThrow(/logs\/hostile\.eval/);
  });

  it('refuses a sample nested too deep inside a well-formed .eval', async () => {
    const bytes = await buildZip([
      { path: 'samples/1_epoch_1.json', kind: 'file', content: `{"events": ${deep(1000)}}` },
    ]);
    await expect(readRunFile('deep.eval', bytes)).rejects.toThrow(
      'deep.eval: samples/1_epoch_1.json was refused: it nests JSON more than 256 levels deep',
    );
  });

  it('refuses a .eval with no samples', async () => {
    const bytes = await buildZip([{ path: 'header.json', kind: 'file', content: '{}' }]);
    await expect(readRunFile('empty.eval', bytes)).rejects.toThrow(
      'empty.eval is an .eval log with no samples/*.json entries',
    );
  });
});
