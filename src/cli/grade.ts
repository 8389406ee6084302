import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { MAX_RUN_FILE_BYTES, readRunFile } from '../io/runFiles';
import { replay } from '../steps/engine';
import { StepwiseError } from '../steps/errors';
import { parseDocument } from '../steps/parser';
import { documentExpectations, gradeParsedRun, type DocumentExpectations } from '../steps/runs/grade';
import { gradeHtml } from '../steps/runs/htmlReport';
import { gradeJunit, gradeText } from '../steps/runs/render';
import {
  documentDigest,
  gradeOutput,
  mergeOutputs,
  reportsOf,
  runReport,
  type DocumentInfo,
  type GradeOutput,
} from '../steps/runs/report';
import { gradedRun, type GradedRun } from '../steps/runs/reportModel';
import { RUN_FORMATS, type RunFormat } from '../steps/runs/types';
import { decodeUtf8 } from '../steps/text';
import { OutputError, refusedWrite, writeAtomically } from './writeAtomically';

export const GRADE_HELP = `Usage: stepwise grade RUN… [--steps DOC] [--format text|json|junit|html] [--out FILE]
                      [--jobs N] [--shard I/N] [--run-format F]
       stepwise grade --merge PART.json… [--steps DOC] [--format text|json|junit|html] [--out FILE]

Grades what an agent did, step by step, against the built-in scenario (or DOC). Each RUN is a
log of its file operations, or a folder of them; nothing in a run is ever executed. Formats:
stepwise operations (JSON Lines), Claude Code session logs, ATIF trajectories, OpenHands event
streams, Inspect AI logs (.eval or .json); see docs/runs.md.
  --steps DOC     grade against DOC, a step document, instead of the built-in scenario
  --format F      text (default), json, junit (a test case per step, for CI), or html (one
                  self-contained page: summary, step × run grid, diffs of wrong steps)
  --out FILE      write there instead of to standard output
  --jobs N        grade N runs at a time: this thread and N - 1 worker threads (default: the
                  number of cores)
  --shard I/N     grade only the I-th of N slices of the runs (1-based); merge the JSON parts with
                  --merge to get what one grade of all the runs would give
  --run-format F  read every run as F: ${RUN_FORMATS.join(', ')}
Exit status: 0 every run passes, 1 some run fails, 2 bad usage or unreadable input.`;

const RUN_EXTENSIONS = /\.(?:jsonl|json|eval)$/i;
const WORKER_TAG = 'stepwise-grade-worker';

class UsageError extends Error {}

type OutputFormat = 'text' | 'json' | 'junit' | 'html';

export interface Document {
  readonly text: string;
  readonly name: string;
}

/**
 * `stepwise grade …`: prints its own errors and returns the exit status. `builtin` is the built-in
 * scenario's text, which main.ts has inlined (a worker thread loads this module without it).
 */
export async function runGrade(argv: readonly string[], builtin: string): Promise<number> {
  try {
    const { values, positionals } = parseGradeArgs(argv);
    if (values.help) {
      console.log(GRADE_HELP);
      return 0;
    }
    if (values.merge && (values.shard ?? values.jobs ?? values['run-format']) !== undefined)
      throw new UsageError('--merge combines graded parts: --shard, --jobs and --run-format do not apply');
    const format = pickFormat(values.format);
    const document = await readDocument(values.steps, builtin);
    const expected = expectationsOf(document);
    const info: DocumentInfo = {
      title: expected.replay.document.title,
      steps: expected.steps.length,
      digest: documentDigest(document.text),
    };
    // Only the HTML page shows the wrong steps' contents; the other outputs do without them.
    const graded = values.merge
      ? null
      : await gradeAll(document, expected, shardOf(await expandRuns(positionals), values.shard), jobsOf(values.jobs), {
          format: runFormatOf(values['run-format']),
          diffs: format === 'html',
        });
    const output = graded
      ? gradeOutput(
          info,
          graded.map((r) => r.report),
        )
      : await mergeParts(positionals);
    if (output.document.digest !== info.digest)
      throw new UsageError(
        `the parts were graded against another document ("${output.document.title}"); give it with --steps`,
      );
    // Merged parts carry no file contents: their page has no diffs.
    const runs = graded ?? reportsOf(output).map((report) => ({ report, wrong: [] }));
    await emit(render(output, runs, format, expected), values.out);
    return reportsOf(output).every((r) => r.verdict === 'pass') ? 0 : 1;
  } catch (e) {
    if (e instanceof UsageError || e instanceof StepwiseError || e instanceof OutputError) {
      console.error(`stepwise grade: ${e.message}`);
      if (e instanceof UsageError) console.error('Run "stepwise grade --help" for usage.');
      return 2;
    }
    console.error(`stepwise grade: unexpected failure: ${(e as Error).message}`);
    return 2;
  }
}

function parseGradeArgs(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        steps: { type: 'string' },
        format: { type: 'string' },
        out: { type: 'string' },
        jobs: { type: 'string' },
        shard: { type: 'string' },
        'run-format': { type: 'string' },
        merge: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    // node:util's messages name the option; keep their first sentence.
    throw new UsageError((e as Error).message.split('\n')[0]);
  }
}

function pickFormat(raw: string | undefined): OutputFormat {
  if (raw === undefined) return 'text';
  if (raw === 'text' || raw === 'json' || raw === 'junit' || raw === 'html') return raw;
  throw new UsageError(`--format must be text, json, junit or html, not "${raw}"`);
}

function runFormatOf(raw: string | undefined): RunFormat | undefined {
  if (raw === undefined) return undefined;
  if ((RUN_FORMATS as readonly string[]).includes(raw)) return raw as RunFormat;
  throw new UsageError(`--run-format must be one of ${RUN_FORMATS.join(', ')}, not "${raw}"`);
}

function jobsOf(raw: string | undefined): number {
  if (raw === undefined) return availableParallelism();
  if (!/^[1-9]\d{0,3}$/.test(raw)) throw new UsageError(`--jobs must be a whole number from 1 to 9999, not "${raw}"`);
  return Number(raw);
}

/** The i-th (1-based) of n slices: every n-th run of the list sorted by path, starting at the i-th. */
function shardOf(paths: readonly string[], raw: string | undefined): string[] {
  if (raw === undefined) return [...paths];
  const match = /^(\d+)\/(\d+)$/.exec(raw);
  const [index, count] = match ? [Number(match[1]), Number(match[2])] : [0, 0];
  if (!match || count < 1 || index < 1 || index > count)
    throw new UsageError(`--shard must be I/N with 1 ≤ I ≤ N (for example 2/4), not "${raw}"`);
  return paths.filter((_, k) => k % count === index - 1);
}

async function readDocument(path: string | undefined, builtin: string): Promise<Document> {
  if (path === undefined) return { name: 'the built-in scenario', text: builtin };
  const file = resolve(path);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (e) {
    throw new UsageError(`cannot read the step document ${file}: ${errorCode(e)}`);
  }
  return { name: file, text: decodeUtf8(bytes, file) };
}

function expectationsOf(document: Document): DocumentExpectations {
  return documentExpectations(replay(parseDocument(document.text)));
}

/** The run files named: files as given, folders searched for .jsonl, .json and .eval files; sorted. */
async function expandRuns(args: readonly string[]): Promise<string[]> {
  if (args.length === 0) throw new UsageError('give at least one RUN: a run file or a folder of them');
  const files: string[] = [];
  for (const arg of args) {
    let info;
    try {
      info = await stat(arg);
    } catch (e) {
      throw new UsageError(`cannot read ${arg}: ${errorCode(e)}`);
    }
    if (info.isDirectory()) files.push(...(await runFilesIn(arg)));
    else files.push(arg);
  }
  if (files.length === 0) throw new UsageError(`no .jsonl, .json or .eval files in ${args.join(', ')}`);
  return [...new Set(files)].sort();
}

async function runFilesIn(folder: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) out.push(...(await runFilesIn(path)));
    else if (entry.isFile() && RUN_EXTENSIONS.test(entry.name)) out.push(path);
  }
  return out;
}

/** How runs are read and what a grade keeps: `diffs` keeps the two sides of wrong steps (for the HTML page). */
interface GradeOptions {
  readonly format: RunFormat | undefined;
  readonly diffs: boolean;
}

/** Grades one run file (several runs for an Inspect log with several samples). */
async function gradeFile(expected: DocumentExpectations, path: string, options: GradeOptions): Promise<GradedRun[]> {
  let bytes: Uint8Array;
  try {
    // A file that could not hold a run within the limits is refused before it is read into memory.
    const { size } = await stat(path);
    if (size > MAX_RUN_FILE_BYTES)
      throw new UsageError(
        `${path} is ${Math.ceil(size / 1024 / 1024)} MB; a run file may be at most ${MAX_RUN_FILE_BYTES / 1024 / 1024} MB`,
      );
    bytes = await readFile(path);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`cannot read ${path}: ${errorCode(e)}`);
  }
  const runs = await readRunFile(path, bytes, options.format);
  return runs.map((run) => {
    const result = gradeParsedRun(expected, run);
    return options.diffs ? gradedRun(result, expected) : { report: runReport(result), wrong: [] };
  });
}

/** Grades every path, in worker threads when there is more than one path and more than one job. */
async function gradeAll(
  document: Document,
  expected: DocumentExpectations,
  paths: readonly string[],
  jobs: number,
  options: GradeOptions,
): Promise<GradedRun[]> {
  const graders = Math.min(jobs, paths.length);
  const results: GradedRun[][] = new Array<GradedRun[]>(paths.length);
  let next = 0;
  const take = (): number | null => (next < paths.length ? next++ : null);
  if (graders <= 1) {
    for (let i = take(); i !== null; i = take()) results[i] = await gradeFile(expected, paths[i], options);
    return results.flat();
  }
  return gradeInWorkers(document, expected, paths, graders, options, results, take);
}

export interface WorkerRequest {
  readonly index: number;
  readonly path: string;
}

export type WorkerReply =
  | { readonly index: number; readonly runs: GradedRun[] }
  | { readonly index: number; readonly error: string; readonly usage: boolean };

interface WorkerSetup {
  readonly tag: typeof WORKER_TAG;
  readonly document: Document;
  readonly options: GradeOptions;
}

/**
 * Grades with `graders` at once: this thread and graders - 1 worker threads, each taking the next
 * path when it is free (this thread is warm already, and a worker costs a start-up of its own).
 * Reports land in `results` by the index of their path. The first unreadable run stops them all.
 */
function gradeInWorkers(
  document: Document,
  expected: DocumentExpectations,
  paths: readonly string[],
  graders: number,
  options: GradeOptions,
  results: GradedRun[][],
  take: () => number | null,
): Promise<GradedRun[]> {
  const pool = Array.from({ length: graders - 1 }, () => spawnGradeWorker(document, options));
  let finished = 0;
  let stopped = false;
  return new Promise<GradedRun[]>((resolvePromise, reject) => {
    const end = () => {
      stopped = true;
      for (const worker of pool) void worker.terminate();
    };
    const stop = (error: Error) => {
      if (stopped) return;
      end();
      reject(error);
    };
    const land = (index: number, runs: GradedRun[]) => {
      results[index] = runs;
      if (++finished === paths.length) {
        end();
        resolvePromise(results.flat());
      }
    };
    const feed = (worker: Worker) => {
      const index = take();
      if (index !== null) worker.postMessage({ index, path: paths[index] } satisfies WorkerRequest);
    };
    for (const worker of pool) {
      worker.on('message', (reply: WorkerReply) => {
        if ('error' in reply) return stop(reply.usage ? new UsageError(reply.error) : new StepwiseError(reply.error));
        land(reply.index, reply.runs);
        if (!stopped) feed(worker);
      });
      worker.on('error', (error) => stop(error));
      feed(worker);
    }
    // This thread grades too; reading each file lets the workers' messages in between.
    void (async () => {
      for (let i = take(); i !== null && !stopped; i = take()) {
        try {
          land(i, await gradeFile(expected, paths[i], options));
        } catch (e) {
          stop(e as Error);
        }
      }
    })();
  });
}

/**
 * A worker running this very module. Bundled into one file, the module is plain JavaScript and
 * starts as is; run from its TypeScript source (bin/stepwise.mjs through tsx), the worker first
 * registers tsx, which worker threads do not inherit.
 */
export function spawnGradeWorker(
  document: Document,
  options: GradeOptions = { format: undefined, diffs: false },
): Worker {
  const setup: WorkerSetup = { tag: WORKER_TAG, document, options };
  const self = import.meta.url;
  if (!self.endsWith('.ts')) return new Worker(new URL(self), { workerData: setup });
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(self)}); });`;
  return new Worker(boot, { eval: true, workerData: setup });
}

/** True inside a grade worker: the CLI's entry must then do nothing (the bundled file runs it too). */
export function isGradeWorker(): boolean {
  return !isMainThread && (workerData as Partial<WorkerSetup> | null)?.tag === WORKER_TAG;
}

function serveAsWorker(): void {
  const setup = workerData as WorkerSetup;
  const expected = expectationsOf(setup.document);
  parentPort!.on('message', (request: WorkerRequest) => {
    gradeFile(expected, request.path, setup.options).then(
      (runs) => parentPort!.postMessage({ index: request.index, runs } satisfies WorkerReply),
      (e: unknown) =>
        parentPort!.postMessage({
          index: request.index,
          error: (e as Error).message,
          usage: e instanceof UsageError,
        } satisfies WorkerReply),
    );
  });
}

if (isGradeWorker()) serveAsWorker();

async function mergeParts(paths: readonly string[]): Promise<GradeOutput> {
  if (paths.length === 0) throw new UsageError('give the JSON parts to merge');
  const parts = [];
  for (const path of paths) {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (e) {
      throw new UsageError(`cannot read ${path}: ${errorCode(e)}`);
    }
    try {
      parts.push({ name: path, value: JSON.parse(text) as unknown });
    } catch (e) {
      throw new UsageError(`${path} is not JSON: ${(e as Error).message}`);
    }
  }
  return mergeOutputs(parts);
}

function render(
  output: GradeOutput,
  runs: readonly GradedRun[],
  format: OutputFormat,
  expected: DocumentExpectations,
): string {
  const texts = expected.steps.map((s) => s.text);
  if (format === 'json') return `${JSON.stringify(output, null, 2)}\n`;
  if (format === 'junit') return gradeJunit(output, texts);
  if (format === 'html') return gradeHtml({ document: output.document, stepTexts: texts, runs });
  return `${gradeText(output, texts)}\n`;
}

/** To standard output, or to FILE written elsewhere and moved into place (never half-written). */
async function emit(text: string, out: string | undefined): Promise<void> {
  if (out === undefined) {
    process.stdout.write(text);
    return;
  }
  const target = resolve(out);
  await writeAtomically(dirname(target), async (staging) => {
    const written = join(staging, 'output');
    await writeFile(written, text).catch(refusedWrite(target));
    return [[written, target]];
  });
}

function errorCode(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? (e as Error).message;
}
