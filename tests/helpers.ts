import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeEach, vi } from 'vitest';
import type { ProducedEntry } from '../src/steps/compare';
import { replay, type Replay } from '../src/steps/engine';
import type { StorageLike } from '../src/io/library';
import type { SerialEntry } from '../src/steps/entries';
import { parseDocument } from '../src/steps/parser';
import type { DirectoryNode } from '../src/steps/tree';

/** The built-in scenario document, read from disk (not through the code under test). */
export const BUILTIN_PATH = fileURLToPath(
  new URL('../src/scenarios/microservices_ecosystem_steps.txt', import.meta.url),
);

export function builtinSource(): string {
  return readFileSync(BUILTIN_PATH, 'utf8');
}

/** The raw text of the line that starts with "Step N:" in the built-in document. */
export function builtinStepLine(n: number): string {
  const line = builtinSource()
    .split('\n')
    .find((l) => l.startsWith(`Step ${n}: `));
  if (line === undefined) throw new Error(`no line for step ${n}`);
  return line;
}

/** A document whose lines are numbered steps: doc('Create …', 'Update …') → "Step 1: Create …\nStep 2: Update …". */
export function doc(...bodies: string[]): string {
  return bodies.map((body, i) => `Step ${i + 1}: ${body}`).join('\n');
}

export function run(source: string): Replay {
  return replay(parseDocument(source));
}

/** These entries as somebody would produce them: every file's text as UTF-8 bytes. */
export function asProduced(entries: readonly SerialEntry[]): ProducedEntry[] {
  return entries.map((e) =>
    e.kind === 'directory'
      ? { path: e.path, kind: 'directory' }
      : { path: e.path, kind: 'file', bytes: new TextEncoder().encode(e.content ?? '') },
  );
}

/** The file contents of the last usable position, keyed by path. */
export function files(result: Replay, position = result.snapshots.length - 1): Map<string, string> {
  const out = new Map<string, string>();
  const snapshot = result.snapshots[position];
  for (const entry of result.created.slice(0, snapshot.createdCount)) {
    if (entry.kind !== 'file') continue;
    let node: unknown = snapshot.root;
    for (const segment of entry.path.split('/')) node = (node as DirectoryNode).get(segment);
    out.set(entry.path, (node as { content: string }).content);
  }
  return out;
}

/** Runs `body` with a fresh temporary directory that is removed afterwards. */
export async function withTempDir<T>(body: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'stepwise-test-'));
  try {
    return await body(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The CLI as users run it: src/cli/main.ts bundled by scripts/build-cli.mjs into dist-cli/stepwise.mjs, where
 * bin/stepwise.mjs finds it. Built afresh from the current sources by each test file that asks for it.
 */
export async function builtCli(): Promise<typeof import('../src/cli/main')> {
  const { buildCli } = await import('../scripts/build-cli.mjs');
  return (await import(/* @vite-ignore */ pathToFileURL(await buildCli()).href)) as typeof import('../src/cli/main');
}

/**
 * Stops a suite at once, with the line that installs it, when a tool it uses as an oracle is missing or is not the
 * one expected (`version` must match what `command --version` prints).
 */
export function requireTool(command: string, version: RegExp, install: string): void {
  let printed = '';
  try {
    printed = execFileSync(command, ['--version'], { encoding: 'utf8', stdio: 'pipe' });
  } catch {
    // Not on the PATH: reported below.
  }
  if (!version.test(printed))
    throw new Error(`These tests need ${command} matching ${version} on the PATH (Debian: ${install}).`);
}

/**
 * Stubs requestAnimationFrame and cancelAnimationFrame so that a test paints frames by hand (use with fake timers).
 * Returns paintFrame: it runs the callbacks requested for the next frame, as a browser does before it paints that
 * frame; timers queued from them are left for the test to run.
 */
export function stubAnimationFrames(): () => void {
  let callbacks: Array<FrameRequestCallback | null> = [];
  vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => callbacks.push(callback));
  vi.stubGlobal('cancelAnimationFrame', (handle: number) => {
    callbacks[handle - 1] = null;
  });
  return () => {
    const due = callbacks;
    callbacks = [];
    for (const callback of due) callback?.(performance.now());
  };
}

export interface Sent {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A response exactly as the server sent it: the path is not normalised and the body not decoded, as fetch would. */
export function rawGet(
  origin: string,
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<Sent> {
  return new Promise((resolve, reject) => {
    request(`${origin}${path}`, { method, headers: { 'accept-encoding': 'identity', ...headers } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
      );
    })
      .on('error', reject)
      .end();
  });
}

/**
 * Fake timers and hand-painted frames (see stubAnimationFrames) for every test of the calling file; returns
 * what paints the next frame.
 */
export function handPaintedFrames(): () => void {
  let paint = () => {};
  beforeEach(() => {
    vi.useFakeTimers();
    paint = stubAnimationFrames();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });
  return () => paint();
}

/** localStorage's contract in memory, with an optional quota in characters like the browser's. */
export class MemoryStorage implements StorageLike {
  readonly map = new Map<string, string>();
  constructor(private readonly quota = Infinity) {}
  get length() {
    return this.map.size;
  }
  key(i: number) {
    return [...this.map.keys()][i] ?? null;
  }
  getItem(key: string) {
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    let used = key.length + value.length;
    for (const [k, v] of this.map) if (k !== key) used += k.length + v.length;
    if (used > this.quota) throw new DOMException('full', 'QuotaExceededError');
    this.map.set(key, value);
  }
  removeItem(key: string) {
    this.map.delete(key);
  }
}
