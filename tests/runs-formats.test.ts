import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readRunFile } from '../src/io/runFiles';
import { buildZip } from '../src/io/zip';
import { StepwiseError } from '../src/steps/errors';
import { gradeParsedRun } from '../src/steps/runs/grade';
import { detectRunFormat, parseRunText } from '../src/steps/runs/parseRun';
import { toolMeaning } from '../src/steps/runs/tools';
import { gradeFixture, runFixture, SHOP, statuses } from './runs-helpers';

const ALL_DONE = Array(11).fill('done');

/** Zips an Inspect .json log the way Inspect writes a .eval: header, one entry per sample, summaries. */
async function evalZip(log: { samples: Array<{ id: string; epoch: number }> }): Promise<Uint8Array> {
  const { samples, ...header } = log;
  return buildZip([
    { path: '_journal', kind: 'directory' },
    { path: '_journal/start.json', kind: 'file', content: JSON.stringify({ version: 2, eval: header }) },
    { path: 'header.json', kind: 'file', content: JSON.stringify(header) },
    { path: 'samples', kind: 'directory' },
    ...samples.map((s) => ({
      path: `samples/${s.id}_epoch_${s.epoch}.json`,
      kind: 'file' as const,
      content: JSON.stringify(s),
    })),
    { path: 'summaries.json', kind: 'file', content: '[]' },
  ]);
}

describe('run formats: one realistic log per format, each a perfect run of the shop document', () => {
  it.each([
    ['stepwise-ops.jsonl', 'stepwise-ops'],
    ['claude-code.jsonl', 'claude-code'],
    ['atif.json', 'atif'],
    ['openhands.json', 'openhands'],
    ['inspect.json', 'inspect'],
  ])('%s is detected as %s and passes', async (file, format) => {
    expect(detectRunFormat(readFileSync(runFixture(file), 'utf8'))).toBe(format);
    const [result] = await gradeFixture(file);
    expect(result.replay.run.format).toBe(format);
    expect(statuses(result)).toEqual(ALL_DONE);
    expect(result.verdict).toBe('pass');
  });

  it('Claude Code: takes the root from cwd, skips read-only tools and the failed Edit', async () => {
    const [result] = await gradeFixture('claude-code.jsonl');
    const { run } = result.replay;
    expect(result.replay).toMatchObject({ root: '/home/agent/work', rootSource: 'cwd' });
    // Read and TodoWrite make no operation: 13 tool calls, 12 operations.
    expect(run.operations.map((o) => o.tool)).toEqual([
      'Bash',
      'Bash',
      'Write',
      'Write',
      'Bash',
      'Bash',
      'Bash',
      'Bash',
      'Bash',
      'Edit',
      'Edit',
      'Edit',
    ]);
    expect(run.operations[9].failed).toMatch(/^<tool_use_error>String to replace not found in file\./);
    expect(result.replay.outcomes[9].status).toBe('failed');
    // The Edits keep one line of JSON: the same value as the document's, other bytes.
    expect(result.steps.filter((s) => s.equivalent).map((s) => s.step)).toEqual([10, 11]);
    expect(run.operations[0]).toMatchObject({
      cwd: '/home/agent/work',
      at: '2026-03-02T09:14:05.001Z',
      location: 'line 5',
    });
  });

  it('ATIF: infers the root from the paths and honours is_error in the result extra', async () => {
    const [result] = await gradeFixture('atif.json');
    expect(result.replay).toMatchObject({ root: '/workspace', rootSource: 'inferred' });
    expect(result.failed).toEqual([{ op: 2, reason: "mkdir: cannot create directory '/workspace/shop': File exists" }]);
    expect(result.replay.run.operations.map((o) => o.tool)).not.toContain('list_directory');
  });

  it("ATIF: a failure marked on a step's extra fails its one call", () => {
    const step = (id: string, extra?: object) => ({
      step_id: 2,
      source: 'agent',
      message: '',
      tool_calls: [{ tool_call_id: id, function_name: 'Bash', arguments: { command: 'mkdir /w/shop' } }],
      observation: { results: [{ source_call_id: id, content: 'Exit code 1\nmkdir: /w/shop: File exists' }] },
      ...(extra && { extra }),
    });
    const text = JSON.stringify({
      schema_version: 'ATIF-v1.4',
      session_id: 's',
      agent: { name: 'claude-code', version: '2' },
      steps: [step('a', { cwd: '/w', tool_result_is_error: true }), step('b', { cwd: '/w' })],
    });
    const [run] = parseRunText('t.json', text);
    expect(run.operations.map((o) => o.failed)).toEqual(['Exit code 1 mkdir: /w/shop: File exists', undefined]);
    expect(run.cwd).toBe('/w');
  });

  it('OpenHands: keeps cd across run actions, fails actions by error observation or exit code', async () => {
    const [result] = await gradeFixture('openhands.json');
    expect(result.failed.map((f) => f.op)).toEqual([9, 11, 13]);
    expect(result.failed[0].reason).toBe('exit code 1');
    // "mkdir services" ran in /workspace/shop, where an earlier "cd shop" left the session.
    expect(result.steps[4]).toMatchObject({ status: 'done', op: 5 });
  });

  it('OpenHands: reads the same events as JSON Lines', () => {
    const events = JSON.parse(readFileSync(runFixture('openhands.json'), 'utf8')) as unknown[];
    const text = events.map((e) => JSON.stringify(e)).join('\n');
    expect(detectRunFormat(text)).toBe('openhands');
    const [run] = parseRunText('events.jsonl', text);
    expect(statuses(gradeParsedRun(SHOP, run))).toEqual(ALL_DONE);
  });

  it('Inspect: resolves attachments, runs each bash call in a fresh shell, skips failed calls', async () => {
    const [result] = await gradeFixture('inspect.json');
    expect(result.replay.run.name).toMatch(/inspect\.json#shop-1_epoch_1$/);
    // README.md's text is longer than 100 characters: the log holds it as an attachment.
    const readme = result.replay.run.operations[3].action;
    expect(readme).toMatchObject({ type: 'write', path: '/root/shop/README.md' });
    expect(readme.type === 'write' && readme.content.startsWith('# Shop\n')).toBe(true);
    // The heredoc ran in a fresh shell at the root, not in shop/: notes.txt landed there (and was removed).
    expect(result.extra).toEqual([{ op: 9, path: 'notes.txt' }]);
    expect(result.failed.map((f) => f.op)).toEqual([12]);
  });

  it('Inspect: reads a .eval zip, one run per sample', async () => {
    const log = JSON.parse(readFileSync(runFixture('inspect.json'), 'utf8')) as {
      samples: Array<{ id: string; epoch: number }>;
    };
    log.samples.push({ ...log.samples[0], epoch: 2 });
    const runs = await readRunFile('logs/shop.eval', await evalZip(log));
    expect(runs.map((r) => r.name)).toEqual(['logs/shop.eval#shop-1_epoch_1', 'logs/shop.eval#shop-1_epoch_2']);
    for (const run of runs) expect(gradeParsedRun(SHOP, run).verdict).toBe('pass');
  });

  it('--run-format overrides detection, and a run in no known format is refused with a hint', async () => {
    const text = '{"op":"mkdir","path":"shop"}\n';
    expect(() => parseRunText('x.jsonl', '{"hello": 1}\n')).toThrow(/cannot tell what kind of run.*--run-format/);
    expect(parseRunText('x.jsonl', text, 'claude-code')[0].operations).toEqual([]);
    await expect(readRunFile('x.zip', await evalZip({ samples: [] }), 'claude-code')).rejects.toThrow(/is a zip/);
  });

  it('stepwise ops are read strictly: the line and the rule at fault', () => {
    const bad = (text: string) => () => parseRunText('ops.jsonl', text, 'stepwise-ops');
    expect(bad('{"op":"mkdir","path":"a"}\n{"op":"copy","path":"b"}')).toThrow(
      new StepwiseError('ops.jsonl: Line 2: unknown op "copy"; expected mkdir, write, edit, delete, move or shell'),
    );
    expect(bad('{"op":"write","path":"a"}')).toThrow(/Line 1: "write" needs a string "content"/);
    expect(bad('{"op":"mkdir","path":"a"}\nnot json')).toThrow(/Line 2: the line was refused: it is not valid JSON/);
  });
});

describe('tool names', () => {
  it('maps MCP, text-editor and shell tools, with or without a server prefix', () => {
    expect(toolMeaning('mcp__filesystem__write_file', { path: 'a', content: 'x' })).toEqual({
      type: 'write',
      path: 'a',
      content: 'x',
    });
    expect(toolMeaning('create_directory', { path: 'd' })).toEqual({ type: 'mkdir', path: 'd' });
    expect(toolMeaning('move_file', { source: 'a', destination: 'b' })).toEqual({ type: 'move', from: 'a', to: 'b' });
    expect(toolMeaning('edit_file', { path: 'a', edits: [{ oldText: 'x', newText: 'y' }] })).toEqual({
      type: 'edit',
      path: 'a',
      edits: [{ old: 'x', new: 'y', all: false }],
    });
    expect(toolMeaning('edit_file', { path: 'a', edits: [], dryRun: true })).toBe('read');
    expect(
      toolMeaning('str_replace_based_edit_tool', { command: 'insert', path: 'a', insert_line: 2, insert_text: 'z' }),
    ).toEqual({ type: 'insert', path: 'a', line: 2, text: 'z' });
    expect(toolMeaning('str_replace_editor', { command: 'view', path: 'a' })).toBe('read');
    for (const name of ['bash', 'execute_bash', 'run', 'shell', 'Bash'])
      expect(toolMeaning(name, { command: 'ls' })).toEqual({ type: 'shell', command: 'ls' });
    expect(toolMeaning('bash', { cmd: 'ls' })).toEqual({ type: 'shell', command: 'ls' });
    expect(
      toolMeaning('MultiEdit', { file_path: 'a', edits: [{ old_string: 'x', new_string: 'y', replace_all: true }] }),
    ).toEqual({
      type: 'edit',
      path: 'a',
      edits: [{ old: 'x', new: 'y', all: true }],
    });
    expect(toolMeaning('python', { code: 'open("a","w")' })).toMatchObject({ type: 'opaque' });
    expect(toolMeaning('web_search', { query: 'x' })).toBe('unknown');
    expect(toolMeaning('Write', { file_path: 'a' })).toMatchObject({ type: 'opaque', detail: /malformed/ });
  });

  it('lists calls to tools it does not know as a problem, once per tool', () => {
    const line = (name: string) =>
      JSON.stringify({
        type: 'assistant',
        cwd: '/w',
        message: { content: [{ type: 'tool_use', id: Math.random().toString(), name, input: {} }] },
      });
    const [run] = parseRunText(
      's.jsonl',
      [line('WebSearch'), line('mcp__jira__create'), line('mcp__jira__create')].join('\n'),
    );
    expect(run.operations).toEqual([]);
    expect(run.problems).toEqual(['2 calls to mcp__jira__create, a tool the replay does not know, ignored']);
  });
});
