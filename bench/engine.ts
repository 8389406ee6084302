/**
 * The engine's figures in Node: parse + replay time of the built-in and the large document, the
 * heap that every snapshot of the large replay holds, and how both grow with the document (the
 * 10,000- and 100,000-step deep documents, timed in alternation, and the flat one). Needs
 * `--expose-gc` for the heap figures.
 *
 * Run: `node --expose-gc --import tsx bench/engine.ts [large-document] [--json] [--skip-size]`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { replay, type Replay } from '../src/steps/engine';
import { parseDocument } from '../src/steps/parser';
import { DEFAULT_OUT, ensureDocument, writeLargeScenario } from './generate';
import { summarize, type Summary } from './stats';

/** One generated document: parse + replay, and the heap of its replay. */
export interface SizeFigures {
  chars: number;
  steps: number;
  total: Summary;
  /** CPU time (all threads, the collector's included) of the same runs: steadier than wall time on a busy machine. */
  cpu: Summary;
  replayHeapMB: number;
}

export interface EngineFigures {
  builtin: { chars: number; parse: Summary; replay: Summary; total: Summary };
  large: {
    chars: number;
    steps: number;
    parse: Summary;
    replay: Summary;
    total: Summary;
    /** Heap held by the replay alone (the parsed document was already alive), MB. */
    replayHeapMB: number;
    /** Heap held by the parsed document and the replay together, MB. */
    totalHeapMB: number;
  };
  /** The deep 10,000-step (the large document above) and 100,000-step documents, and the flat one. */
  size?: { deep: SizeFigures; deep100k: SizeFigures; flat: SizeFigures };
}

const BUILTIN = fileURLToPath(new URL('../src/scenarios/microservices_ecosystem_steps.txt', import.meta.url));

function time(
  source: string,
  runs: number,
  warmup: number,
  collectFirst: boolean,
): { parse: Summary; replay: Summary; total: Summary } {
  const parse: number[] = [];
  const run: number[] = [];
  const total: number[] = [];
  for (let i = 0; i < warmup + runs; i++) {
    // A large run starts from a collected heap, as the app's one replay per document does;
    // otherwise it would pay for collecting the 20 MB of snapshots of the run before it.
    if (collectFirst) collect();
    const t0 = performance.now();
    const document = parseDocument(source);
    const t1 = performance.now();
    const result = replay(document);
    const t2 = performance.now();
    if (result.error) throw result.error;
    if (i >= warmup) {
      parse.push(t1 - t0);
      run.push(t2 - t1);
      total.push(t2 - t0);
    }
  }
  return { parse: summarize(parse), replay: summarize(run), total: summarize(total) };
}

function collect(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run node with --expose-gc');
  gc();
}

function heapAfterGc(): number {
  collect();
  collect();
  return process.memoryUsage().heapUsed;
}

/** Heap that the parsed document and its replay hold while both stay reachable. */
function heap(source: string): { replayHeapMB: number; totalHeapMB: number } {
  const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
  const start = heapAfterGc();
  const document = parseDocument(source);
  const parsed = heapAfterGc();
  const kept: Replay = replay(document);
  const replayed = heapAfterGc();
  // Reading a field after the measurement keeps the replay reachable through it.
  if (kept.snapshots.length === 0) throw new Error('empty replay');
  return { replayHeapMB: mb(replayed - parsed), totalHeapMB: mb(replayed - start) };
}

/** Parse + replay of each source once per round, the sources in turn, after one untimed round. */
function alternate(sources: readonly string[], rounds: number): Array<{ total: Summary; cpu: Summary }> {
  const wall: number[][] = sources.map(() => []);
  const cpu: number[][] = sources.map(() => []);
  for (let round = 0; round <= rounds; round++)
    sources.forEach((source, i) => {
      collect();
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      const result = replay(parseDocument(source));
      const c1 = process.cpuUsage(c0);
      const t1 = performance.now();
      if (result.error) throw result.error;
      if (round === 0) return;
      wall[i].push(t1 - t0);
      cpu[i].push((c1.user + c1.system) / 1000);
    });
  return sources.map((_, i) => ({ total: summarize(wall[i]), cpu: summarize(cpu[i]) }));
}

/** How parse + replay and its heap grow: 10,000 against 100,000 steps (in alternation), and the flat document. */
function measureSize(): NonNullable<EngineFigures['size']> {
  const [deep, deep100k, flat] = (['deep', 'deep100k', 'flat'] as const).map((name) =>
    readFileSync(ensureDocument(name), 'utf8'),
  );
  const [deepTimes, deep100kTimes] = alternate([deep, deep100k], 5);
  const [flatTimes] = alternate([flat], 5);
  const figures = (source: string, times: { total: Summary; cpu: Summary }): SizeFigures => ({
    chars: source.length,
    steps: parseDocument(source).steps.length,
    ...times,
    replayHeapMB: heap(source).replayHeapMB,
  });
  return {
    deep: figures(deep, deepTimes),
    deep100k: figures(deep100k, deep100kTimes),
    flat: figures(flat, flatTimes),
  };
}

/** Every engine figure; `largePath` is generated first when it does not exist. */
export function measureEngine(largePath = DEFAULT_OUT, size = true): EngineFigures {
  const builtin = readFileSync(BUILTIN, 'utf8');
  if (!existsSync(largePath)) writeLargeScenario(largePath);
  const large = readFileSync(largePath, 'utf8');
  const memory = heap(large);
  return {
    builtin: { chars: builtin.length, ...time(builtin, 500, 200, false) },
    large: { chars: large.length, steps: parseDocument(large).steps.length, ...time(large, 15, 3, true), ...memory },
    ...(size ? { size: measureSize() } : {}),
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const path = args.find((a) => !a.startsWith('--'));
  const figures = measureEngine(path ? resolve(path) : DEFAULT_OUT, !args.includes('--skip-size'));
  console.log(args.includes('--json') ? JSON.stringify(figures) : JSON.stringify(figures, null, 2));
}
