/**
 * Side by side with Playwright's trace viewer (`npm run bench -- --trace-viewer`): the same probe (probe.js) on
 * stepwise and on `npx playwright show-trace`, in the same Chromium, a fresh context for each load, in alternating
 * rounds, at 85 and 2,000 rows: stepwise's built-in scenario and a generated 2,000-step document against recorded
 * traces of as many actions. Figures: navigation → the first list row painted; a key press moving the selection
 * (→ in stepwise, ↓ in the trace viewer's action list) → the new selection painted; and → the pane that follows
 * the selection settled (stepwise's file pane, the trace viewer's DOM snapshot). It asserts nothing.
 */
import type { Browser, Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { LIBRARY_PREFIX, saveDocument, type StorageLike } from '../src/io/library';
import { DEFAULT_SEED, generateFlatScenario } from './generate';
import { info, ms, type Row } from './report';
import { freePort, ROOT } from './server';
import { summarize, type Summary } from './stats';
import { newBenchPage, paintedTimes } from './ui';

/** Rows on each side, and the row the key presses start from. 85 is the built-in scenario's number of steps. */
const SIZES = [
  { rows: 85, start: 5 },
  { rows: 2_000, start: 1_000 },
] as const;
const ROUNDS = 4;
/** Key presses per load: the first ones are not counted (JIT, the first snapshot loads). */
const WARM_UP = 3;
const PRESSES = 25;
const TRACES = join(ROOT, 'bench/results/trace-viewer');

type Side = 'stepwise' | 'traceViewer';
export interface SideFigures {
  /** Navigation start → the first row of the list painted (Element Timing). */
  listPaint: Summary;
  /** Keydown → the end of the first frame showing the next row selected. */
  selection: Summary;
  /** Keydown → the pane following the selection settled (see settled in probe.js). */
  paneSettled: Summary;
}
/** By number of rows, each side's figures. */
export type TraceViewerFigures = { sizes: Record<string, Record<Side, SideFigures>> } | { skipped: string };

type ProbeWindow = Window & {
  __stepwiseProbe: { armKey(side: Side): void; keyDone(): Promise<{ selection: number; pane: number }> };
};

/**
 * What "the list painted" waits for: on stepwise the row of the step the address opens at (a stored document is
 * opened after the built-in scenario's list has been painted, and only its list has that row), on the trace
 * viewer the first action's title.
 */
const listMark = (side: Side, start: number): Record<string, string> => ({
  list:
    side === 'stepwise'
      ? `ol[aria-label="Steps"] [data-step="${start}"] .step-list__number`
      : '[role="tree"] [role="treeitem"] .action-title-method',
});

/**
 * A trace of `actions` actions with DOM snapshots (Create page, setContent, then clicks and fills that each change
 * the page), recorded once and kept under bench/results/trace-viewer.
 */
async function recordTrace(browser: Browser, actions: number): Promise<string> {
  const path = join(TRACES, `trace-${actions}.zip`);
  if (existsSync(path)) return path;
  console.log(`  recording a trace of ${actions} actions…`);
  mkdirSync(TRACES, { recursive: true });
  const context = await browser.newContext();
  await context.tracing.start({ snapshots: true });
  const page = await context.newPage();
  await page.setContent(
    '<script>let clicks = 0</script><button onclick="out.textContent = `clicked ${++clicks}`">Next</button>' +
      '<input oninput="out.textContent = `typed ${this.value}`"><output id="out">start</output>',
  );
  for (let action = 3; action <= actions; action++)
    if (action % 2 === 1) await page.click('button');
    else await page.fill('input', `value ${action}`);
  await context.tracing.stop({ path: `${path}.part` });
  await context.close();
  renameSync(`${path}.part`, path);
  return path;
}

interface TraceViewer {
  url(trace: string): string;
  stop(): Promise<void>;
}

/** `playwright show-trace` (`cli`) serving `trace`'s folder on a free port; a reason when it cannot be started. */
async function startTraceViewer(cli: string, trace: string): Promise<TraceViewer | string> {
  const port = await freePort(4400);
  // With --host or --port the viewer opens the address in the system's browser (xdg-open on Linux); xdg-open
  // runs $BROWSER when it finds no desktop, and `true` opens nothing.
  const child: ChildProcess = spawn(
    process.execPath,
    [cli, 'show-trace', '--host', '127.0.0.1', '--port', String(port), trace],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, BROWSER: 'true' } },
  );
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  const root = await new Promise<string | null>((resolve) => {
    let out = '';
    const timer = setTimeout(() => resolve(null), 30_000);
    child.once('exit', () => resolve(null));
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const listening = /Listening on (\S+)/.exec(out);
      if (listening) {
        clearTimeout(timer);
        resolve(listening[1]);
      }
    });
  });
  const redirect = root && (await fetch(root, { redirect: 'manual' })).headers.get('location');
  if (!root || !redirect) {
    await stop();
    return `playwright show-trace did not start (exit code ${child.exitCode})`;
  }
  const page = new URL(redirect, root);
  return {
    url: (path) => {
      page.searchParams.set('trace', `file?path=${path}`);
      return page.href;
    },
    stop,
  };
}

/** The generated document in "Your documents" storage form, so that `?doc=<id>` opens it as a fresh page load. */
function storedDocument(steps: number): { id: string; entries: [string, string][] } {
  const entries = new Map<string, string>();
  const storage: StorageLike = {
    getItem: (key) => entries.get(key) ?? null,
    setItem: (key, value) => void entries.set(key, value),
    removeItem: (key) => void entries.delete(key),
    key: (index) => [...entries.keys()][index] ?? null,
    get length() {
      return entries.size;
    },
  };
  const source = generateFlatScenario(DEFAULT_SEED, steps);
  const saved = saveDocument(storage, { name: `flat_${steps}_steps.txt`, source, savedAt: 0 });
  if (!saved.saved) throw new Error(`the ${steps}-step document cannot be stored: ${saved.reason}`);
  const id = [...entries.keys()][0].slice(LIBRARY_PREFIX.length);
  return { id, entries: [...entries] };
}

interface Load {
  list: number;
  selection: number[];
  pane: number[];
}

/** One load of one side in a fresh context: list paint, then timed key presses from row `start` on. */
async function measureLoad(
  browser: Browser,
  side: Side,
  url: string,
  rows: number,
  start: number,
  stored?: [string, string][],
): Promise<Load> {
  const { context, page } = await newBenchPage(browser, listMark(side, start));
  try {
    if (stored)
      await context.addInitScript((items) => {
        for (const [key, value] of items) if (localStorage.getItem(key) === null) localStorage.setItem(key, value);
      }, stored);
    await page.goto(url);
    const { list } = await paintedTimes(page, ['list'], 120_000);
    // Key presses start once the page has loaded what it loads after its first paint (stepwise's editor, the
    // trace viewer's trace and first snapshot): stepping is timed here, loading is timed by the other figures.
    await page.waitForLoadState('networkidle');
    const listed =
      side === 'stepwise'
        ? Number(await page.locator('input[type="range"][aria-label="Step"]').getAttribute('max'))
        : await page.getByRole('tree').getByRole('treeitem').count();
    if (listed !== rows) throw new Error(`${side} lists ${listed} rows, not ${rows}`);
    if (side === 'stepwise') await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    else
      await page
        .getByRole('tree')
        .getByRole('treeitem')
        .nth(start - 1)
        .click();
    const key = side === 'stepwise' ? 'ArrowRight' : 'ArrowDown';
    const selection: number[] = [];
    const pane: number[] = [];
    for (let i = 0; i < WARM_UP + PRESSES; i++) {
      const moved = await pressKey(page, side, key);
      if (i < WARM_UP) continue;
      selection.push(moved.selection);
      pane.push(moved.pane);
    }
    return { list, selection, pane };
  } finally {
    await context.close();
  }
}

async function pressKey(page: Page, side: Side, key: string): Promise<{ selection: number; pane: number }> {
  await page.evaluate((s) => (window as unknown as ProbeWindow).__stepwiseProbe.armKey(s), side);
  await page.keyboard.press(key);
  return page.evaluate(() => (window as unknown as ProbeWindow).__stepwiseProbe.keyDone());
}

export async function measureTraceViewer(browser: Browser, stepwiseUrl: string): Promise<TraceViewerFigures> {
  let cli: string;
  try {
    cli = createRequire(import.meta.url).resolve('@playwright/test/cli');
  } catch {
    return { skipped: '@playwright/test is not installed' };
  }
  const traces = new Map<number, string>();
  for (const { rows } of SIZES) traces.set(rows, await recordTrace(browser, rows));
  const viewer = await startTraceViewer(cli, traces.get(SIZES[0].rows)!);
  if (typeof viewer === 'string') return { skipped: viewer };
  try {
    const large = storedDocument(SIZES[1].rows);
    const loads = new Map<string, Load[]>();
    // One round first that is not counted (the servers' first responses, Chromium's own start); which side goes
    // first alternates, as a load right after another can find the machine busier.
    for (let round = -1; round < ROUNDS; round++)
      for (const { rows, start } of SIZES) {
        const builtin = rows === SIZES[0].rows;
        const sides: Side[] = round % 2 === 0 ? ['stepwise', 'traceViewer'] : ['traceViewer', 'stepwise'];
        for (const side of sides) {
          console.log(`  ${round < 0 ? 'warm-up' : `round ${round + 1} of ${ROUNDS}`}, ${rows} rows: ${side}`);
          const url =
            side === 'traceViewer'
              ? viewer.url(traces.get(rows)!)
              : `${stepwiseUrl}?${builtin ? '' : `doc=${large.id}&`}step=${start}`;
          const stored = side === 'stepwise' && !builtin ? large.entries : undefined;
          const load = await measureLoad(browser, side, url, rows, start, stored);
          if (round >= 0) loads.set(`${rows} ${side}`, [...(loads.get(`${rows} ${side}`) ?? []), load]);
        }
      }
    const figures = (of: Load[]): SideFigures => ({
      listPaint: summarize(of.map((load) => load.list)),
      selection: summarize(of.flatMap((load) => load.selection)),
      paneSettled: summarize(of.flatMap((load) => load.pane)),
    });
    const sizes = Object.fromEntries(
      SIZES.map(({ rows }) => [
        String(rows),
        { stepwise: figures(loads.get(`${rows} stepwise`)!), traceViewer: figures(loads.get(`${rows} traceViewer`)!) },
      ]),
    );
    return { sizes };
  } finally {
    await viewer.stop();
  }
}

/** Each figure for both, and stepwise ÷ trace viewer. */
export function traceViewerRows(figures: TraceViewerFigures): Row[] {
  const section = "Side by side with Playwright's trace viewer, Chromium (stepwise / trace viewer)";
  if ('skipped' in figures) return [info(section, 'not measured', figures.skipped)];
  const line = (a: number, b: number) => `${ms(a)} / ${ms(b)} = ${(a / b).toFixed(2)}×`;
  return Object.entries(figures.sizes).flatMap(([size, { stepwise: s, traceViewer: t }]) => [
    info(section, `${size} rows: list painted, median`, line(s.listPaint.median, t.listPaint.median)),
    info(section, `  key → selection painted, median`, line(s.selection.median, t.selection.median)),
    info(section, `  key → selection painted, p95`, line(s.selection.p95, t.selection.p95)),
    info(section, `  key → pane settled, p95`, line(s.paneSettled.p95, t.paneSettled.p95)),
  ]);
}
