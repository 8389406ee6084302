/**
 * Grading many runs: 1,000 runs of the built-in scenario, written from the document's own effects
 * with variations (skipped, swapped and combined steps, trailing newlines, heredocs, a wrong
 * update, Claude Code logs), graded by the CLI as a user runs it: the bundle (built first, as
 * `npm run build` does) in a fresh process, `stepwise grade DIR --jobs N --format json --out FILE`.
 * The time includes starting Node and the worker threads.
 *
 * Run alone: `npx tsx bench/grade.ts`; `npm run bench` includes it.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCli } from '../scripts/build-cli.mjs';
import { replay } from '../src/steps/engine';
import { parseDocument } from '../src/steps/parser';
import { documentExpectations, type StepExpectation } from '../src/steps/runs/grade';
import { summarize, type Summary } from './stats';

export interface GradeFigures {
  readonly runs: number;
  readonly passed: number;
  /** Wall time of the whole command with --jobs 2, ms. */
  readonly jobs2: Summary;
  /** The same with --jobs 1 (no worker thread), ms. */
  readonly jobs1: Summary;
}

const BUILTIN = fileURLToPath(new URL('../src/scenarios/microservices_ecosystem_steps.txt', import.meta.url));
const RUNS = 1000;
/** The installed command: it runs the bundle that buildCli writes. */
const STEPWISE = fileURLToPath(new URL('../bin/stepwise.mjs', import.meta.url));

/** A small deterministic generator, so every bench grades the same runs. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

type Op = Record<string, string>;

function effect(step: StepExpectation): Op {
  return step.kind === 'directory'
    ? { op: 'mkdir', path: step.path }
    : { op: 'write', path: step.path, content: step.content ?? '' };
}

/** The i-th run: the document's own effects, changed in one of eight ways. */
function runText(steps: readonly StepExpectation[], i: number, next: () => number): { name: string; text: string } {
  const ops = steps.map(effect);
  const pick = () => Math.floor(next() * steps.length);
  const jsonl = (lines: readonly object[]) => lines.map((l) => JSON.stringify(l)).join('\n') + '\n';
  switch (i % 8) {
    case 1:
      ops.splice(pick(), 1);
      break;
    case 2: {
      const at = Math.min(pick(), steps.length - 2);
      [ops[at], ops[at + 1]] = [ops[at + 1], ops[at]];
      break;
    }
    case 3: {
      // Steps 7–14 make the eight service folders: one mkdir -p for all of them.
      const folders = steps.slice(6, 14).map((s) => s.path);
      ops.splice(6, 8, { op: 'shell', command: `mkdir -p ${folders.join(' ')}` });
      break;
    }
    case 4: {
      const files = ops.filter((o) => o.op === 'write');
      const file = files[Math.floor(next() * files.length)];
      file.content += '\n';
      break;
    }
    case 5: {
      const lines = ops.map((o, k) => ({
        type: 'assistant',
        cwd: '/home/agent/task',
        message: {
          role: 'assistant',
          content: [
            o.op === 'mkdir'
              ? { type: 'tool_use', id: `t${k}`, name: 'Bash', input: { command: `mkdir ${o.path}` } }
              : {
                  type: 'tool_use',
                  id: `t${k}`,
                  name: 'Write',
                  input: { file_path: `/home/agent/task/${o.path}`, content: o.content },
                },
          ],
        },
      }));
      return { name: `run-${i}.claude.jsonl`, text: jsonl(lines) };
    }
    case 6:
      for (const o of ops)
        if (o.op === 'write' && !o.content.includes('\nEOF\n') && next() < 0.5) {
          const body = o.content.endsWith('\n') ? o.content : null;
          if (body !== null) Object.assign(o, { op: 'shell', command: `cat > ${o.path} <<'EOF'\n${body}EOF` });
        }
      break;
    case 7: {
      const updates = steps.filter((s) => s.previous !== null).map((s) => s.step - 1);
      const at = updates[Math.floor(next() * updates.length)];
      ops[at] = { ...ops[at], content: ops[at].content.replace('"', '"x') };
      break;
    }
  }
  return { name: `run-${i}.jsonl`, text: jsonl(ops) };
}

export function writeRuns(dir: string): void {
  const steps = documentExpectations(replay(parseDocument(readFileSync(BUILTIN, 'utf8')))).steps;
  const next = random(18);
  for (let i = 0; i < RUNS; i++) {
    const { name, text } = runText(steps, i, next);
    writeFileSync(join(dir, name), text);
  }
}

/** Times one `stepwise grade` over the runs, from starting Node to its exit. */
function timeGrade(dir: string, jobs: number, out: string): number {
  const started = performance.now();
  const result = spawnSync(
    process.execPath,
    [STEPWISE, 'grade', dir, '--jobs', String(jobs), '--format', 'json', '--out', out],
    { encoding: 'utf8' },
  );
  const elapsed = performance.now() - started;
  if (result.status !== 0 && result.status !== 1)
    throw new Error(`stepwise grade failed on the generated runs: ${result.stderr}`);
  return elapsed;
}

export async function measureGrading(repeats = 3): Promise<GradeFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'stepwise-bench-grade-'));
  try {
    const runsDir = join(dir, 'runs');
    const out = join(dir, 'grade.json');
    mkdirSync(runsDir);
    writeRuns(runsDir);
    await buildCli();
    const jobs2: number[] = [];
    const jobs1: number[] = [];
    // Interleaved, so that a change in the machine's load touches both figures alike.
    for (let k = 0; k < repeats; k++) {
      jobs2.push(timeGrade(runsDir, 2, out));
      jobs1.push(timeGrade(runsDir, 1, out));
    }
    const summary = (JSON.parse(readFileSync(out, 'utf8')) as { summary: { runs: number; passed: number } }).summary;
    return { runs: summary.runs, passed: summary.passed, jobs2: summarize(jobs2), jobs1: summarize(jobs1) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const figures = await measureGrading();
  console.log(JSON.stringify(figures, null, 2));
}
