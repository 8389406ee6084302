/**
 * The app's figures in Chromium, measured through its real controls with the probe (probe.js)
 * injected before the app starts: step and jump latency, time to ready, zip export, scrolling.
 */
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { summarize, type Summary } from './stats';

const PROBE = fileURLToPath(new URL('./probe.js', import.meta.url));

/** The probe's API as the page exposes it (see probe.js). */
interface Probe {
  painted: Record<string, number>;
  inserted: Record<string, number>;
  frameDone(name: string): number;
  keyLatencies: number[];
  recordingKeys: boolean;
  clicks(labels: string[]): Promise<InputTimes>;
  slide(positions: number[]): Promise<InputTimes>;
  armZip(): void;
  zipDone(): Promise<{ ms: number; bytes: number }>;
  scroll(selector: string, step: number, frames: number): Promise<{ intervals: number[]; scrolledTo: number }>;
  rows(): { treeItems: number; stepItems: number; position: number; last: number };
}
type ProbeWindow = Window & { __stepwiseProbe: Probe };

/** What the probe measured for a run of inputs (see measureInputs in probe.js). */
export interface InputTimes {
  /** Input → the new position painted, ms. */
  latencies: number[];
  /** Input → the file pane painted at the new position, ms; empty when the pane is not open. */
  panes: number[];
  position: number;
  /** After how many inputs the current step's row was on screen. */
  inView: number;
}

/** A fresh context with the probe; `marks` (name → selector) replaces the probe's own marks (see probe.js). */
export async function newBenchPage(
  browser: Browser,
  marks?: Record<string, string>,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  if (marks) await context.addInitScript((m) => ((window as { __probeMarks?: object }).__probeMarks = m), marks);
  await context.addInitScript({ path: PROBE });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.warn(`  page error: ${error.message}`));
  return { context, page };
}

/** Waits until the probe has seen every mark in `names` painted; returns their times (ms since navigation). */
export async function paintedTimes(
  page: Page,
  names: readonly string[],
  timeout = 30_000,
): Promise<Record<string, number>> {
  await page.waitForFunction(
    (wanted) => wanted.every((n) => n in (window as unknown as ProbeWindow).__stepwiseProbe.painted),
    names,
    {
      timeout,
    },
  );
  return page.evaluate(() => ({ ...(window as unknown as ProbeWindow).__stepwiseProbe.painted }));
}

export interface ReadyFigures {
  /** Navigation start → step list and file tree painted. */
  listAndTree: Summary;
  /**
   * Where that time went, on the cold loads where it could be split (the frame took 50 ms or more: see probe.js):
   * navigation start → the rows put into the page, → the main thread done with that frame (style, layout, paint),
   * and that frame's raster, compositing and presenting (presented − frameDone, load by load).
   */
  listAndTreeSplit: { inserted: Summary; frameDone: Summary; rasterAndComposite: Summary };
  /** Navigation start → the step's details painted as well: every pane but the file's content. */
  wholePage: Summary;
  /** Navigation start → the selected file's text painted, as plain text or in Monaco. */
  fileText: Summary;
  /** Navigation start → Monaco showing the selected file. */
  editor: Summary;
  /** Monaco's own part of that: its chunk requested (the largest script of the page) → the file shown. */
  editorAfterRequest: Summary;
  firstContentfulPaint: Summary;
  /** The same on the third load in the same context: HTTP cache and V8's code cache filled by the first two. */
  repeat: { listAndTree: Summary; editor: Summary };
}

/**
 * Cold loads of `query` (which must select a file): a fresh context each, so no cache and no stored state.
 * After each cold load, the same context loads the page twice more, and the last load is timed as a returning
 * visitor's: Chromium keeps compiled code for a script from its second load on.
 */
export async function measureReady(browser: Browser, url: string, query: string, runs: number): Promise<ReadyFigures> {
  const list: number[] = [];
  const inserted: number[] = [];
  const frameDone: number[] = [];
  const rasterAndComposite: number[] = [];
  const whole: number[] = [];
  const fileText: number[] = [];
  const editor: number[] = [];
  const editorAfterRequest: number[] = [];
  const fcp: number[] = [];
  const repeatList: number[] = [];
  const repeatEditor: number[] = [];
  for (let i = 0; i < runs; i++) {
    const { context, page } = await newBenchPage(browser);
    for (const visit of ['cold', 'second', 'third']) {
      await page.goto(url + query);
      const painted = await paintedTimes(page, ['steps', 'tree', 'details', 'fileText', 'editor']);
      if (visit === 'cold') {
        const presented = Math.max(painted.steps, painted.tree);
        list.push(presented);
        const split = await page.evaluate(() => {
          const probe = (window as unknown as ProbeWindow).__stepwiseProbe;
          return {
            inserted: Math.max(probe.inserted.steps, probe.inserted.tree),
            frameDone: Math.max(probe.frameDone('steps'), probe.frameDone('tree')),
          };
        });
        if (Number.isFinite(split.inserted) && Number.isFinite(split.frameDone)) {
          inserted.push(split.inserted);
          frameDone.push(split.frameDone);
          rasterAndComposite.push(presented - split.frameDone);
        }
        whole.push(Math.max(painted.steps, painted.tree, painted.details));
        fileText.push(painted.fileText);
        editor.push(painted.editor);
        const monacoRequested = await page.evaluate(() => {
          const scripts = performance
            .getEntriesByType('resource')
            .filter((entry): entry is PerformanceResourceTiming => /\.js$/.test(new URL(entry.name).pathname));
          return scripts.reduce((a, b) => (b.decodedBodySize > a.decodedBodySize ? b : a)).startTime;
        });
        editorAfterRequest.push(painted.editor - monacoRequested);
        fcp.push(
          await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN),
        );
      } else if (visit === 'third') {
        repeatList.push(Math.max(painted.steps, painted.tree));
        repeatEditor.push(painted.editor);
      }
      // Time for the caches to be written before the next load.
      await page.waitForTimeout(1_000);
    }
    await context.close();
  }
  return {
    listAndTree: summarize(list),
    listAndTreeSplit: {
      inserted: summarize(inserted),
      frameDone: summarize(frameDone),
      rasterAndComposite: summarize(rasterAndComposite),
    },
    wholePage: summarize(whole),
    fileText: summarize(fileText),
    editor: summarize(editor),
    editorAfterRequest: summarize(editorAfterRequest),
    firstContentfulPaint: summarize(fcp),
    repeat: { listAndTree: summarize(repeatList), editor: summarize(repeatEditor) },
  };
}

/** Clicks the app's buttons labelled `labels` in turn, one per frame, each once the file pane has settled. */
export async function clicks(page: Page, labels: string[]): Promise<InputTimes> {
  return page.evaluate((l) => (window as unknown as ProbeWindow).__stepwiseProbe.clicks(l), labels);
}

/** Moves the slider as a drag or a keyboard would (an input event) to each of `positions`, as clicks does. */
export async function slide(page: Page, positions: number[]): Promise<InputTimes> {
  return page.evaluate((p) => (window as unknown as ProbeWindow).__stepwiseProbe.slide(p), positions);
}

export async function rows(
  page: Page,
): Promise<{ treeItems: number; stepItems: number; position: number; last: number }> {
  return page.evaluate(() => (window as unknown as ProbeWindow).__stepwiseProbe.rows());
}

export interface SteppingFigures {
  steps: Summary;
  /** Input → the file pane (Monaco) painted at the new position: it is drawn a frame after the rest. */
  paneSteps: Summary;
  /** Where a step's main-thread time goes (a separate, traced pass). */
  stepCpu: CpuSplit;
  jumps: Summary;
  paneJumps: Summary;
  /** Trusted key presses (→), keydown → painted: includes waiting for the next frame. */
  keys: Summary;
}

/**
 * Every step forward then back with Next/Previous step, `jumps` round trips with Last/First step,
 * and `keyPresses` presses of →. One untimed pass first warms up the JIT and loads Monaco.
 */
export async function measureStepping(
  browser: Browser,
  page: Page,
  jumps: number,
  keyPresses: number,
): Promise<SteppingFigures> {
  const { last } = await rows(page);
  await clicks(page, ['First step']);
  const forward = Array<string>(last).fill('Next step');
  const back = Array<string>(last).fill('Previous step');
  await clicks(page, [...forward, ...back]);
  const run = await clicks(page, [...forward, ...back]);
  if (run.position !== 0) throw new Error(`stepping ended at ${run.position}, not 0`);
  const stepCpu = await cpuPerInput(browser, page, [...forward, ...back]);
  const jumped = await clicks(
    page,
    Array.from({ length: jumps * 2 }, (_, i) => (i % 2 === 0 ? 'Last step' : 'First step')),
  );
  if (jumped.position !== 0) throw new Error(`jumping ended at ${jumped.position}, not 0`);

  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.evaluate(() => ((window as unknown as ProbeWindow).__stepwiseProbe.recordingKeys = true));
  const presses = Math.min(keyPresses, last);
  for (let i = 0; i < presses; i++) {
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(
      (n) => (window as unknown as ProbeWindow).__stepwiseProbe.keyLatencies.length >= n,
      i + 1,
    );
  }
  const keys = await page.evaluate(() => {
    const probe = (window as unknown as ProbeWindow).__stepwiseProbe;
    probe.recordingKeys = false;
    return probe.keyLatencies.splice(0);
  });
  const { position } = await rows(page);
  if (position !== presses) throw new Error(`→ ×${presses} ended at ${position}`);
  return {
    steps: summarize(run.latencies),
    paneSteps: summarize(run.panes),
    stepCpu,
    jumps: summarize(jumped.latencies),
    paneJumps: summarize(jumped.panes),
    keys: summarize(keys),
  };
}

export interface ZipFigures {
  /** The first click: includes fetching jszip's chunk. */
  firstMs: number;
  warm: Summary;
  bytes: number;
  fileName: string;
}

/** Download zip at the last position with the real button (a trusted click): click → zip blob handed to the browser. */
export async function measureZip(page: Page, runs: number): Promise<ZipFigures> {
  await clicks(page, ['Last step']);
  const times: number[] = [];
  let bytes = 0;
  let fileName = '';
  for (let i = 0; i < runs + 1; i++) {
    await page.evaluate(() => (window as unknown as ProbeWindow).__stepwiseProbe.armZip());
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 600_000 }),
      page.getByRole('button', { name: 'Download zip' }).click(),
    ]);
    const result = await page.evaluate(() => (window as unknown as ProbeWindow).__stepwiseProbe.zipDone());
    fileName = download.suggestedFilename();
    times.push(result.ms);
    bytes = result.bytes;
    // The button shows "Preparing…" until the promise settles; wait for it to come back.
    await page.getByRole('button', { name: 'Download zip' }).waitFor();
  }
  return { firstMs: Math.round(times[0] * 100) / 100, warm: summarize(times.slice(1)), bytes, fileName };
}

export interface ScrollFigures {
  /** Intervals between frames while scrolling, ms: 16.7 is every frame on time. */
  frames: Summary;
  /** Frames that took longer than 1.5 display frames. */
  late: number;
}

/** Scrolls a virtual list by 90 px per frame for up to `frames` frames. */
export async function measureScroll(page: Page, selector: string, frames = 150): Promise<ScrollFigures> {
  const result = await page.evaluate(
    ([s, f]) => (window as unknown as ProbeWindow).__stepwiseProbe.scroll(s as string, 90, f as number),
    [selector, frames] as const,
  );
  return { frames: summarize(result.intervals), late: result.intervals.filter((ms) => ms > 25).length };
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  tid: number;
}

export interface CpuSplit {
  /** Main-thread CPU time per input, ms (thread time: it does not grow when other processes take the CPU). */
  total: number;
  styleAndLayout: number;
  paint: number;
  /** Everything else: script (React, Monaco, the app), event dispatch, garbage collection. */
  scriptAndOther: number;
}

/** Sum of thread time of the outermost events called `name` (Paint events nest). */
function outermost(events: TraceEvent[], name: string): number {
  let total = 0;
  let end = -1;
  for (const e of events.filter((x) => x.name === name).sort((a, b) => a.ts - b.ts)) {
    if (e.ts < end) continue;
    end = e.ts + (e.dur ?? 0);
    total += e.tdur ?? 0;
  }
  return total / 1000;
}

/** Clicks `labels` under Chromium's tracing and splits the renderer main thread's CPU time per input. */
export async function cpuPerInput(browser: Browser, page: Page, labels: string[]): Promise<CpuSplit> {
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
  await clicks(page, labels);
  const events = (JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] })
    .traceEvents;
  const layoutByThread = new Map<number, number>();
  for (const e of events)
    if (e.name === 'Layout' && e.dur) layoutByThread.set(e.tid, (layoutByThread.get(e.tid) ?? 0) + e.dur);
  const main = [...layoutByThread].sort((a, b) => b[1] - a[1])[0]?.[0];
  const mine = events.filter((e) => e.tid === main && e.ph === 'X');
  const per = (ms: number) => Math.round((ms / labels.length) * 10) / 10;
  const total = outermost(mine, 'RunTask');
  const styleAndLayout = outermost(mine, 'UpdateLayoutTree') + outermost(mine, 'Layout');
  const paint = outermost(mine, 'PrePaint') + outermost(mine, 'Paint') + outermost(mine, 'Layerize');
  return {
    total: per(total),
    styleAndLayout: per(styleAndLayout),
    paint: per(paint),
    scriptAndOther: per(total - styleAndLayout - paint),
  };
}
