/**
 * `stepwise export --dir` as a user runs it (bin/stepwise.mjs, in a process of its own), on each
 * generated document: wall time and peak resident size (the process's own maxRSS, read as it
 * exits by bench/peakRss.mjs).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './server';

export interface CliExportFigures {
  steps: number;
  ms: number;
  maxRssMB: number;
}

const RSS_LINE = /^peak resident size: (\d+) KB$/m;

/** Exports the tree after the last step of `document` into a temporary folder, then removes it. */
export function measureCliExport(document: string, steps: number): CliExportFigures {
  const out = mkdtempSync(join(tmpdir(), 'stepwise-bench-'));
  try {
    const started = performance.now();
    const run = spawnSync(
      process.execPath,
      ['bench/peakRss.mjs', 'export', '--dir', join(out, 'tree'), '--steps', document],
      { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] },
    );
    const ms = performance.now() - started;
    const rss = RSS_LINE.exec(run.stderr);
    if (run.status !== 0 || !rss) throw new Error(`stepwise export failed (exit ${run.status}): ${run.stderr}`);
    return { steps, ms: Math.round(ms), maxRssMB: Math.round(Number(rss[1]) / 1024) };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
