/**
 * The engine's figures in Node: parse + replay time of the built-in and the large document, and the
 * heap that every snapshot of the large replay holds. Needs `--expose-gc` for the heap figure.
 *
 * Run: `node --expose-gc --import tsx bench/engine.ts [large-document] [--json]`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { replay, type Replay } from '../src/steps/engine';
import { parseDocument } from '../src/steps/parser';
import { DEFAULT_OUT, writeLargeScenario } from './generate';
import { summarize, type Summary } from './stats';

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

/** Every engine figure; `largePath` is generated first when it does not exist. */
export function measureEngine(largePath = DEFAULT_OUT): EngineFigures {
  const builtin = readFileSync(BUILTIN, 'utf8');
  if (!existsSync(largePath)) writeLargeScenario(largePath);
  const large = readFileSync(largePath, 'utf8');
  const memory = heap(large);
  return {
    builtin: { chars: builtin.length, ...time(builtin, 500, 200, false) },
    large: { chars: large.length, steps: parseDocument(large).steps.length, ...time(large, 15, 3, true), ...memory },
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const path = args.find((a) => !a.startsWith('--'));
  const figures = measureEngine(path ? resolve(path) : DEFAULT_OUT);
  console.log(args.includes('--json') ? JSON.stringify(figures) : JSON.stringify(figures, null, 2));
}
