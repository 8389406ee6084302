/**
 * The production build the benchmark drives, and the app's own static server (scripts/serve.mjs) serving it. The build goes to
 * bench/results/dist rather than dist/ so that an e2e run rebuilding dist/ at the same time
 * cannot swap files under a measurement.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from '../scripts/build.mjs';
import { buildIsStale } from '../scripts/buildFreshness.mjs';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const BENCH_DIST = join(ROOT, 'bench/results/dist');

/**
 * Builds into `outDir` when it is missing or older than any source file; returns whether it built.
 * `extra` adds build flags (the profiler's build is unminified).
 */
export function ensureBuild(force = false, outDir = BENCH_DIST, extra: readonly string[] = []): boolean {
  if (!force && !buildIsStale(ROOT, outDir)) return false;
  build(outDir, ['--logLevel', 'warn', ...extra]);
  return true;
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

/** The first free port from `from` on. */
export async function freePort(from = 4180): Promise<number> {
  for (let port = from; port < from + 100; port++) if (await portIsFree(port)) return port;
  throw new Error(`no free port in ${from}..${from + 99}`);
}

export interface Preview {
  readonly url: string;
  stop(): Promise<void>;
}

/** Starts scripts/serve.mjs on `outDir`, as `npm start` does, and resolves once it answers. */
export async function startPreview(outDir = BENCH_DIST): Promise<Preview> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    ['scripts/serve.mjs', outDir, '--host', '127.0.0.1', '--port', String(port)],
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(2_000) })).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the server did not answer on ${url}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
