/**
 * The large scenario in the UI, loaded the way a person loads a document: Load document →
 * Open file… → the file chooser. Positions to sample are spread over the whole document, because
 * stepping through all 10,000 steps twice would take many minutes without telling more.
 */
import type { Page } from '@playwright/test';
import { summarize, type Summary } from './stats';
import {
  clicks,
  cpuPerInput,
  measureScroll,
  measureZip,
  paintedTimes,
  rows,
  slide,
  type CpuSplit,
  type ScrollFigures,
  type ZipFigures,
} from './ui';

type ProbeWindow = Window & {
  __stepwiseProbe: {
    painted: Record<string, number>;
    lastKey: number;
    rewatch(name: string): void;
  };
};

export interface LargeFigures {
  /** File chosen → step list of the new document painted. */
  loadMs: number;
  /** File chosen → the loader's counting worker ended. */
  workerMs: number;
  /** End → Monaco showing the last step's file, ms. */
  editorAfterEndMs: number;
  steps: Summary;
  /** Input → the file pane painted at the new position (it is drawn a frame after the rest). */
  paneSteps: Summary;
  /** Where a step's main-thread time goes (a separate, traced pass at mid-document). */
  stepCpu: CpuSplit;
  /** Last/First step buttons. */
  jumps: Summary;
  /** Slider moved to random positions. */
  jumpAnywhere: Summary;
  paneJumpAnywhere: Summary;
  zip: ZipFigures;
  dom: { treeItems: number; treeRows: number; stepItems: number; steps: number };
  /** After how many of the sampled steps the current step's row was on screen. */
  currentRowInView: { inView: number; of: number };
  scrollSteps: ScrollFigures;
  scrollTree: ScrollFigures;
}

/** What opening a document through the app's loader took. */
export interface Opened {
  /** File chosen → the step list of the new document painted. */
  loadMs: number;
  /**
   * File chosen (setFiles returned) → the loader's counting worker closed, both on the bench's clock; the worker
   * starts once the document is painted (see documentLoader.ts).
   */
  workerMs: number;
}

/**
 * Opens the document through the app's own loader; resolves null when the app has no such control.
 * Resolves once the loader's second worker, which counts the files that parse at every position, has ended
 * too: the steps sampled after this are not slowed down by what the load left running on the second core.
 */
export async function openDocument(page: Page, path: string, steps: number): Promise<Opened | null> {
  const open = page.getByRole('button', { name: 'Load document' });
  if ((await open.count()) === 0) return null;
  await open.click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open file…' }).click();
  // The probe timestamps the file input's change event: the moment the app receives the file.
  await page.evaluate((text) => {
    const w = window as unknown as {
      __stepwiseChosen?: number;
      __stepwiseProbe: { watchText(n: string, s: string, t: string): void };
    };
    document.addEventListener('change', (event) => (w.__stepwiseChosen = event.timeStamp), {
      capture: true,
      once: true,
    });
    w.__stepwiseProbe.watchText('loaded', '#step-list-title', text);
  }, String(steps));
  let readers = 0;
  const workerEnded = page
    .waitForEvent('worker', {
      predicate: (worker) => worker.url().includes('parseWorker') && ++readers === 2,
      timeout: 120_000,
    })
    .then((worker) => new Promise<number>((resolve) => worker.once('close', () => resolve(performance.now()))));
  await (await chooser).setFiles(path);
  const chosenAt = performance.now();
  const painted = await paintedTimes(page, ['loaded'], 120_000);
  const chosen = await page.evaluate(() => (window as unknown as { __stepwiseChosen: number }).__stepwiseChosen);
  return { loadMs: painted.loaded - chosen, workerMs: (await workerEnded) - chosenAt };
}

/**
 * Steps sampled where a person would step: 20 forward and back at ten places spread over the
 * document (`last` positions), after one untimed run of the same at the first place. `samples` are the
 * latencies one by one, to pool with other loads'.
 */
export async function sampleSteps(
  page: Page,
  last: number,
): Promise<{ latencies: Summary; panes: Summary; inView: number; samples: number[] }> {
  const latencies: number[] = [];
  const panes: number[] = [];
  let inView = 0;
  const starts = Array.from({ length: 10 }, (_, k) => Math.round((k * last) / 10) + 7);
  const there = [...Array<string>(20).fill('Next step'), ...Array<string>(20).fill('Previous step')];
  await slide(page, [starts[0]]);
  await clicks(page, there); // warm-up
  for (const start of starts) {
    await slide(page, [start]);
    const run = await clicks(page, there);
    if (run.position !== start) throw new Error(`stepping at ${start} ended at ${run.position}`);
    latencies.push(...run.latencies);
    panes.push(...run.panes);
    inView += run.inView;
  }
  return { latencies: summarize(latencies), panes: summarize(panes), inView, samples: latencies };
}

/** Every large-scenario figure; `treeRows` is the number of tree rows at the last position, all folders open. */
export async function measureLarge(
  page: Page,
  path: string,
  steps: number,
  treeRows: number,
): Promise<LargeFigures | null> {
  const opened = await openDocument(page, path, steps);
  if (opened === null) return null;
  const { last } = await rows(page);
  if (last !== steps) throw new Error(`the app shows ${last} positions, expected ${steps}`);

  const { latencies, panes, inView } = await sampleSteps(page, last);
  await slide(page, [Math.round(last / 2)]);
  const stepCpu = await cpuPerInput(page.context().browser()!, page, [
    ...Array<string>(40).fill('Next step'),
    ...Array<string>(40).fill('Previous step'),
  ]);
  const jumped = await clicks(
    page,
    Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? 'Last step' : 'First step')),
  );
  let seed = 7;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31) * last;
  const anywhere = await slide(
    page,
    Array.from({ length: 40 }, () => Math.round(random())),
  );

  // End selects the last step's file; time until Monaco shows it.
  await slide(page, [0]);
  await page.evaluate(() => (window as unknown as ProbeWindow).__stepwiseProbe.rewatch('editor'));
  await page.keyboard.press('End');
  const editor = await paintedTimes(page, ['editor'], 30_000);
  const endPressed = await page.evaluate(() => (window as unknown as ProbeWindow).__stepwiseProbe.lastKey);

  const zip = await measureZip(page, 1);
  const dom = await rows(page);
  const scrollSteps = await measureScroll(page, '.step-list .virtual-list');
  const scrollTree = await measureScroll(page, '.file-tree .virtual-list');
  return {
    loadMs: Math.round(opened.loadMs),
    workerMs: Math.round(opened.workerMs),
    editorAfterEndMs: Math.round(editor.editor - endPressed),
    steps: latencies,
    paneSteps: panes,
    stepCpu,
    jumps: summarize(jumped.latencies),
    jumpAnywhere: summarize(anywhere.latencies),
    paneJumpAnywhere: summarize(anywhere.panes),
    zip,
    dom: { treeItems: dom.treeItems, treeRows, stepItems: dom.stepItems, steps },
    currentRowInView: { inView, of: latencies.n },
    scrollSteps,
    scrollTree,
  };
}
