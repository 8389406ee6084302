import { describe, expect, it } from 'vitest';
import { parseJob, type ParseMessage, type ParseRequest } from '../src/io/parseWorker';
import { replay } from '../src/steps/engine';
import { parseDocument } from '../src/steps/parser';
import { fileCountsAt } from '../src/steps/validate';
import { doc } from './helpers';

function run(request: ParseRequest): ParseMessage[] {
  const messages: ParseMessage[] = [];
  parseJob(request, (m) => messages.push(m));
  return messages;
}

describe('parse worker job', () => {
  it('parses and replays, reporting progress every 500 steps, and returns the checked text', () => {
    // 30 parents of 40 folders each: one wide folder would make the replay quadratic and slow.
    const parents = Array.from({ length: 30 }, (_, i) => `Create a directory named "p${i}"`);
    const children = Array.from({ length: 1200 }, (_, i) => `Create a directory named "d${i}" inside p${i % 30}`);
    const steps = [...parents, ...children];
    const messages = run({ text: doc(...steps) });
    const replaying = messages.filter((m) => m.type === 'progress' && m.phase === 'replaying');
    expect(replaying.map((m) => (m.type === 'progress' ? m.done : -1))).toEqual([0, 500, 1000]);
    expect(replaying.every((m) => m.type === 'progress' && m.total === 1230)).toBe(true);
    expect(messages.at(-1)).toEqual({ type: 'done', source: doc(...steps) });
    // Asked to count, it counts the files at every position instead of sending the text back: none here.
    const counted = run({ text: doc(...steps), count: true });
    expect(counted.map((m) => m.type)).not.toContain('done');
    const counts = counted.at(-1)!;
    expect(counts.type === 'counts' && counts.packed).toEqual(new Uint32Array(1231 * 2));
  });

  it('counts the files that parse at every position of a sound document when asked, handing over the buffer', () => {
    const text = doc(
      'Create a directory named "r"',
      'Create a file named "a.json" in r with content: "{\\"a\\": "',
      'Create a file named "b.yaml" in r with content: "b: 1"',
      'Create a file named "c.json" in r with content: "{\\"c\\": 1}"',
      'Update c.json: add d: 2',
    );
    const sent: Array<{ message: ParseMessage; transfer?: Transferable[] }> = [];
    parseJob({ text, count: true }, (message, transfer) => sent.push({ message, transfer }));
    const { message, transfer } = sent.at(-1)!;
    const expected = replay(parseDocument(text));
    const packed = message.type === 'counts' ? message.packed : null;
    expect(Array.from(packed ?? [])).toEqual(
      expected.snapshots.flatMap((_, p) => [fileCountsAt(expected, p).files, fileCountsAt(expected, p).valid]),
    );
    expect(Array.from(packed ?? []).slice(-2)).toEqual([3, 2]);
    expect(transfer).toEqual([packed!.buffer]);
  });

  it('sends no counts after a failure', () => {
    const messages = run({ text: doc('Create a directory named "b" inside nowhere'), count: true });
    expect(messages.map((m) => m.type)).not.toContain('counts');
  });

  it('reports a parse error with its line, step and the line text', () => {
    const text = 'Title\r\n\r\nStep 1: Create a directory named "a"\r\nStep 2: Create a thing named "b"\r\n';
    const last = run({ text }).at(-1)!;
    expect(last).toEqual({
      type: 'failed',
      failure: expect.objectContaining({ line: 4, step: 2, lineText: 'Step 2: Create a thing named "b"' }),
    });
    if (last.type === 'failed') expect(last.failure.message).toMatch(/^Line 4, step 2: unknown step form/);
  });

  it('reports a replay error (a missing parent) against its step', () => {
    const last = run({
      text: doc('Create a directory named "a"', 'Create a directory named "b" inside nowhere'),
    }).at(-1)!;
    expect(last.type === 'failed' && last.failure).toMatchObject({
      line: 2,
      step: 2,
      lineText: 'Step 2: Create a directory named "b" inside nowhere',
    });
  });

  it('decodes bytes as UTF-8 and refuses invalid UTF-8 with a clear message', () => {
    const good = new TextEncoder().encode('\uFEFFCafé\nStep 1: Create a directory named "é"');
    const done = run({ bytes: good.buffer as ArrayBuffer }).find((m) => m.type === 'done')!;
    expect(done.type === 'done' && parseDocument(done.source).title).toBe('Café');
    const bad = run({ bytes: new Uint8Array([0x53, 0xc3, 0x28]).buffer }).at(-1)!;
    expect(bad.type).toBe('failed');
    if (bad.type !== 'failed') return;
    expect(bad.failure.message).toMatch(/The file is not valid UTF-8/);
    expect(bad.failure.lineText).toBeUndefined();
  });
});
