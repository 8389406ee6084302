/**
 * `npm run bench`: measures the engine in Node and the production build in headless Chromium,
 * prints every figure beside its target and writes them to bench/results/latest.json.
 * It asserts nothing. Options: --skip-ui, --skip-large-ui, --skip-size (the 100,000-step and flat
 * documents: engine, CLI export and page), --rebuild. --trace-viewer measures only the page side by side with
 * Playwright's trace viewer (bench/traceViewer.ts) and writes bench/results/trace-viewer.json instead.
 */
import { chromium, type Browser } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS, findChromium } from '../scripts/chromium.mjs';
import { replay } from '../src/steps/engine';
import { parseDocument } from '../src/steps/parser';
import { walkTree } from '../src/steps/tree';
import { buildBytes, requestedBytes, type BuildBytes } from './bytes';
import { measureCliExport, type CliExportFigures } from './cliExport';
import type { EngineFigures, SizeFigures } from './engine';
import { DEFAULT_OUT, DOCUMENTS, ensureDocument, writeLargeScenario } from './generate';
import { measureGrading, type GradeFigures } from './grade';
import { measureLarge, type LargeFigures } from './large';
import { referenceWorkloadMs } from './reference';
import { atMost, info, ms, printTable, spread, type Row } from './report';
import { BENCH_DIST, ensureBuild, ROOT, startPreview } from './server';
import { measureSizeUi, type SizeUiFigures } from './size';
import { measureTraceViewer, traceViewerRows, type TraceViewerFigures } from './traceViewer';
import {
  measureReady,
  measureStepping,
  measureZip,
  newBenchPage,
  paintedTimes,
  type ReadyFigures,
  type ScrollFigures,
  type SteppingFigures,
  type ZipFigures,
} from './ui';

/** A file that the built-in scenario creates and later updates: its deep link opens Monaco. */
const READY_QUERY = '?step=33&file=microservices_ecosystem%2Farchitecture_config.json';

interface Results {
  meta: Record<string, unknown>;
  engine: EngineFigures;
  grade: GradeFigures;
  bytes?: BuildBytes & {
    requestedAtFirstPaint: ReturnType<typeof requestedBytes>;
    requestedAfterEverything: ReturnType<typeof requestedBytes>;
  };
  builtin?: { ready: ReadyFigures; stepping: SteppingFigures; zip: ZipFigures };
  large?: LargeFigures | { skipped: string };
  cliExport?: { deep: CliExportFigures; deep100k: CliExportFigures };
  sizeUi?: SizeUiFigures;
  traceViewer?: TraceViewerFigures;
}

/** The results as they are collected: the machine's description first. */
type Collected = Partial<Results> & Pick<Results, 'meta'>;

function measureEngineInChild(largePath: string, size: boolean): EngineFigures {
  const out = execFileSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', 'bench/engine.ts', largePath, '--json', ...(size ? [] : ['--skip-size'])],
    {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  return JSON.parse(out) as EngineFigures;
}

/** Rows of the tree at the last position with every folder open: what the tree pane would list. */
function lastTreeRows(path: string): number {
  const run = replay(parseDocument(readFileSync(path, 'utf8')));
  return [...walkTree(run.snapshots[run.snapshots.length - 1].root)].length;
}

/** Paths (relative to the site) of the JS and CSS the page requests before the step list is painted, then after using everything. */
async function networkBytes(browser: Browser, url: string) {
  const { context, page } = await newBenchPage(browser);
  const requested: string[] = [];
  page.on('request', (request) => requested.push(new URL(request.url()).pathname.slice(1)));
  context.on('request', (request) => requested.push(new URL(request.url()).pathname.slice(1)));
  await page.goto(url);
  // By request start: the probe reports the paint a moment after it, and the chunks the page fetches once
  // idle (the validation's) can be requested in that moment.
  const { steps: paintedAt } = await paintedTimes(page, ['steps']);
  const beforePaint = await page.evaluate(
    (at) =>
      performance
        .getEntriesByType('resource')
        .filter((entry) => entry.startTime <= at)
        .map((entry) => new URL(entry.name).pathname.slice(1)),
    paintedAt,
  );
  const atFirstPaint = requestedBytes(BENCH_DIST, beforePaint);
  // Now use everything: a file in Monaco (its diff too), the zip, every tab.
  await page.goto(`${url}${READY_QUERY}`);
  await paintedTimes(page, ['editor']);
  // Listening before the click: the download can start before a click's promise settles.
  await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download zip' }).click()]);
  for (const tab of await page.getByRole('tab').all()) {
    await tab.click();
    await page.waitForTimeout(300);
  }
  await page.waitForLoadState('networkidle');
  const afterEverything = requestedBytes(BENCH_DIST, requested);
  await context.close();
  return { atFirstPaint, afterEverything };
}

async function main(): Promise<void> {
  const args = new Set(process.argv.slice(2));
  const rowsOut: Row[] = [];
  const started = Date.now();
  const meta: Record<string, unknown> = {
    date: new Date().toISOString(),
    cpus: cpus().length,
    cpu: cpus()[0]?.model,
    node: process.version,
    loadAverageAtStart: loadavg().map((x) => Math.round(x * 100) / 100),
    commit: (() => {
      try {
        return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
      } catch {
        return null;
      }
    })(),
  };
  const results: Collected = { meta };
  if (loadavg()[0] > cpus().length)
    console.warn(`warning: load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores; figures will be noisy`);
  const referenceAtStart = referenceWorkloadMs();
  results.meta.referenceMsAtStart = referenceAtStart;

  if (args.has('--trace-viewer')) await sideBySide(results, rowsOut, args.has('--rebuild'));
  else await everything(args, results, rowsOut);

  const referenceAtEnd = referenceWorkloadMs();
  results.meta.referenceMsAtEnd = referenceAtEnd;
  rowsOut.push(
    info(
      'Machine',
      'reference workload (plain JS, Node), start / end',
      `${ms(referenceAtStart)} / ${ms(referenceAtEnd)}`,
    ),
  );
  results.meta.loadAverageAtEnd = loadavg().map((x) => Math.round(x * 100) / 100);
  results.meta.seconds = Math.round((Date.now() - started) / 1000);
  printTable(rowsOut);
  const out = join(ROOT, `bench/results/${args.has('--trace-viewer') ? 'trace-viewer' : 'latest'}.json`);
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(
    `\nwrote ${out} (${results.meta.seconds} s; load average ${String(results.meta.loadAverageAtStart)} → ${String(results.meta.loadAverageAtEnd)})`,
  );
}

/** The side-by-side mode: stepwise and Playwright's trace viewer (see bench/traceViewer.ts). */
async function sideBySide(results: Collected, rowsOut: Row[], rebuild: boolean): Promise<void> {
  console.log('build…');
  ensureBuild(rebuild);
  const preview = await startPreview();
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  try {
    results.meta.chromium = browser.version();
    console.log("side by side with Playwright's trace viewer…");
    results.traceViewer = await measureTraceViewer(browser, preview.url);
    rowsOut.push(...traceViewerRows(results.traceViewer));
  } finally {
    await browser.close();
    await preview.stop();
  }
}

/** Every figure but the side-by-side ones. */
async function everything(args: Set<string>, results: Collected, rowsOut: Row[]): Promise<void> {
  const largePath = DEFAULT_OUT;
  if (!existsSync(largePath)) writeLargeScenario(largePath);
  console.log('engine (Node)…');
  const size = !args.has('--skip-size');
  const engine = measureEngineInChild(largePath, size);
  results.engine = engine;
  rowsOut.push(
    atMost(
      'Engine (Node)',
      'built-in: parse + replay, median',
      ms(engine.builtin.total.median),
      engine.builtin.total.median,
      2,
      'ms',
    ),
    info(
      'Engine (Node)',
      '  parse / replay, median',
      `${ms(engine.builtin.parse.median)} / ${ms(engine.builtin.replay.median)}`,
    ),
    atMost(
      'Engine (Node)',
      'large: parse + replay, median',
      ms(engine.large.total.median),
      engine.large.total.median,
      200,
      'ms',
    ),
    info(
      'Engine (Node)',
      '  parse / replay, median',
      `${ms(engine.large.parse.median)} / ${ms(engine.large.replay.median)}`,
    ),
    atMost(
      'Engine (Node)',
      'large: heap of all snapshots',
      `${engine.large.replayHeapMB} MB`,
      engine.large.replayHeapMB,
      100,
      'MB',
    ),
    info('Engine (Node)', '  with the parsed document', `${engine.large.totalHeapMB} MB`),
  );
  if (engine.size) rowsOut.push(...engineSizeRows(engine.size));
  if (size) {
    console.log('CLI export of the 10,000- and 100,000-step documents…');
    const cli = {
      deep: measureCliExport(ensureDocument('deep'), DOCUMENTS.deep.steps),
      deep100k: measureCliExport(ensureDocument('deep100k'), DOCUMENTS.deep100k.steps),
    };
    results.cliExport = cli;
    rowsOut.push(...cliRows(cli));
  }

  console.log('grading 1,000 runs (CLI)…');
  const grading = await measureGrading();
  results.grade = grading;
  rowsOut.push(
    atMost(
      'Grade (CLI, Node)',
      `${grading.runs} runs of the built-in scenario, --jobs 2, med.`,
      ms(grading.jobs2.median),
      grading.jobs2.median,
      10_000,
      'ms',
    ),
    info(
      'Grade (CLI, Node)',
      '  --jobs 1 (this thread only)',
      `${ms(grading.jobs1.median)} (${grading.passed} runs pass)`,
    ),
  );

  if (!args.has('--skip-ui')) {
    console.log('build…');
    ensureBuild(args.has('--rebuild'));
    const bytes = buildBytes(BENCH_DIST);
    const preview = await startPreview();
    const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
    try {
      results.meta.chromium = browser.version();
      console.log('bytes…');
      const network = await networkBytes(browser, preview.url);
      results.bytes = {
        ...bytes,
        requestedAtFirstPaint: network.atFirstPaint,
        requestedAfterEverything: network.afterEverything,
      };
      rowsOut.push(
        atMost(
          'Bytes (gzip)',
          'first paint: JS + CSS in index.html',
          `${bytes.firstPaint.gzipKB} KB`,
          bytes.firstPaint.gzipKB,
          100,
          'KB',
        ),
        info(
          'Bytes (gzip)',
          '  requested before the step list painted',
          `${network.atFirstPaint.gzipKB} KB (${network.atFirstPaint.files.length} files)`,
        ),
        info(
          'Bytes (gzip)',
          'requested after using everything',
          `${network.afterEverything.gzipKB} KB (${network.afterEverything.files.length} files)`,
        ),
        info(
          'Bytes (gzip)',
          'every JS + CSS asset in the build',
          `${bytes.total.gzipKB} KB (${bytes.total.rawKB} KB raw)`,
        ),
      );

      console.log('built-in scenario: ready…');
      const ready = await measureReady(browser, preview.url, READY_QUERY, 9);
      const split = ready.listAndTreeSplit;
      console.log('built-in scenario: stepping…');
      const { context, page } = await newBenchPage(browser);
      await page.goto(preview.url);
      await paintedTimes(page, ['steps']);
      const stepping = await measureStepping(browser, page, 20, 40);
      console.log('built-in scenario: zip…');
      // Nine downloads: Chromium lets a page start about ten, trusted clicks or not, and then waits for a
      // permission no headless browser gives.
      const zip = await measureZip(page, 8);
      await context.close();
      results.builtin = { ready, stepping, zip };
      const section = 'Built-in scenario (85 steps), Chromium';
      rowsOut.push(
        atMost(
          section,
          'step (Next/Previous), med / p95 / max',
          spread(stepping.steps),
          stepping.steps.p95,
          16,
          'ms p95',
        ),
        info(section, '  file pane (Monaco) painted, a frame later', spread(stepping.paneSteps)),
        info(
          section,
          '  main-thread CPU per step',
          `${ms(stepping.stepCpu.total)}: script ${ms(stepping.stepCpu.scriptAndOther)}, style+layout ${ms(stepping.stepCpu.styleAndLayout)}, paint ${ms(stepping.stepCpu.paint)}`,
        ),
        atMost(section, 'jump (First↔Last), med / p95 / max', spread(stepping.jumps), stepping.jumps.p95, 16, 'ms p95'),
        info(section, '  file pane (Monaco) painted, a frame later', spread(stepping.paneJumps)),
        info(section, 'real key → painted, incl. wait for frame', spread(stepping.keys)),
        atMost(
          section,
          'ready: step list + tree painted, median',
          ms(ready.listAndTree.median),
          ready.listAndTree.median,
          300,
          'ms',
        ),
        info(
          section,
          '  rows in the page / frame rendered / raster, med.',
          `${ms(split.inserted.median)} / ${ms(split.frameDone.median)} / ${ms(split.rasterAndComposite.median)} (${split.inserted.n} of ${ready.listAndTree.n} loads)`,
        ),
        info(section, '  step details painted too, median', ms(ready.wholePage.median)),
        atMost(
          section,
          'ready: file text readable / list paint, median',
          `${ms(ready.fileText.median)} (${(ready.fileText.median / ready.listAndTree.median).toFixed(2)}×)`,
          ready.fileText.median / ready.listAndTree.median,
          1.3,
          '×',
        ),
        atMost(
          section,
          'ready: Monaco shows the file, median',
          ms(ready.editor.median),
          ready.editor.median,
          1000,
          'ms',
        ),
        info(section, '  its chunk requested → the file shown, median', ms(ready.editorAfterRequest.median)),
        info(section, '  first contentful paint, median', ms(ready.firstContentfulPaint.median)),
        info(
          section,
          '  third load, caches warm: list + tree / Monaco, med.',
          `${ms(ready.repeat.listAndTree.median)} / ${ms(ready.repeat.editor.median)}`,
        ),
        atMost(section, 'zip of the final tree, median (warm)', spread(zip.warm), zip.warm.median, 20, 'ms'),
        info(section, '  first click (loads jszip)', `${ms(zip.firstMs)}, ${zip.bytes} bytes`),
      );

      if (args.has('--skip-large-ui')) results.large = { skipped: '--skip-large-ui' };
      else {
        console.log('large scenario in the UI…');
        const large = await newBenchPage(browser);
        await large.page.goto(preview.url);
        await paintedTimes(large.page, ['steps']);
        const figures = await measureLarge(large.page, largePath, engine.large.steps, lastTreeRows(largePath));
        await large.context.close();
        results.large = figures ?? { skipped: 'the app has no "Load document" control yet' };
        const section = `Large scenario (${engine.large.steps} steps, ${(engine.large.chars / 1e6).toFixed(1)} MB), Chromium`;
        if (!figures) rowsOut.push(info(section, 'not measured', 'the app has no "Load document" control'));
        else
          rowsOut.push(
            atMost(section, 'load: file chosen → step list painted', ms(figures.loadMs), figures.loadMs, 1500, 'ms'),
            info(section, '  file chosen → files counted (worker ended)', ms(figures.workerMs)),
            info(section, 'End → Monaco shows the last file', ms(figures.editorAfterEndMs)),
            atMost(section, 'step, med / p95 / max', spread(figures.steps), figures.steps.p95, 16, 'ms p95'),
            info(section, '  file pane (Monaco) painted, a frame later', spread(figures.paneSteps)),
            info(
              section,
              '  main-thread CPU per step',
              `${ms(figures.stepCpu.total)}: script ${ms(figures.stepCpu.scriptAndOther)}, style+layout ${ms(figures.stepCpu.styleAndLayout)}, paint ${ms(figures.stepCpu.paint)}`,
            ),
            atMost(
              section,
              'jump (First↔Last), med / p95 / max',
              spread(figures.jumps),
              figures.jumps.p95,
              50,
              'ms p95',
            ),
            atMost(
              section,
              'jump anywhere (slider), med / p95 / max',
              spread(figures.jumpAnywhere),
              figures.jumpAnywhere.p95,
              50,
              'ms p95',
            ),
            info(section, '  file pane (Monaco) painted, a frame later', spread(figures.paneJumpAnywhere)),
            atMost(
              section,
              'zip of the final tree, median (warm)',
              spread(figures.zip.warm),
              figures.zip.warm.median,
              1000,
              'ms',
            ),
            info(
              section,
              '  first click (loads jszip)',
              `${ms(figures.zip.firstMs)}, ${(figures.zip.bytes / 1e6).toFixed(2)} MB`,
            ),
            info(section, 'DOM rows: tree items / tree rows', `${figures.dom.treeItems} / ${figures.dom.treeRows}`),
            info(section, 'DOM rows: step items / steps', `${figures.dom.stepItems} / ${figures.dom.steps}`),
            info(
              section,
              'current step row on screen after a step',
              `${figures.currentRowInView.inView} of ${figures.currentRowInView.of}`,
            ),
            scrollRow(section, 'scroll step list: frame interval', figures.scrollSteps),
            scrollRow(section, 'scroll tree: frame interval', figures.scrollTree),
          );
      }
      if (size) {
        console.log('size: 10,000 and 100,000 steps, and a flat folder, in the UI…');
        results.sizeUi = await measureSizeUi(browser, preview.url);
        rowsOut.push(...sizeUiRows(results.sizeUi));
      }
    } finally {
      await browser.close();
      await preview.stop();
    }
  }
}

const SIZE = 'Size: 10,000 against 100,000 steps (deep), and 10,000 in one folder (flat)';
const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;

function engineSizeRows({ deep, deep100k, flat }: NonNullable<EngineFigures['size']>): Row[] {
  const line = (f: SizeFigures) =>
    `${ms(f.total.median)} (CPU ${ms(f.cpu.median)}), ${(f.chars / 1e6).toFixed(1)} MB of text`;
  return [
    info(SIZE, 'engine (Node): parse + replay, deep 10k, median', line(deep)),
    info(SIZE, 'engine (Node): parse + replay, deep 100k, median', line(deep100k)),
    atMost(
      SIZE,
      '  100k ÷ 10k, in alternating runs (CPU)',
      `${ratio(deep100k.total.median, deep.total.median)}× (${ratio(deep100k.cpu.median, deep.cpu.median)}×)`,
      ratio(deep100k.total.median, deep.total.median),
      11,
      '×',
    ),
    info(SIZE, 'engine (Node): parse + replay, flat 10k, median', line(flat)),
    atMost(
      SIZE,
      'heap of all snapshots: deep 100k (10k / flat)',
      `${deep100k.replayHeapMB} MB (${deep.replayHeapMB} / ${flat.replayHeapMB} MB)`,
      deep100k.replayHeapMB,
      150,
      'MB',
    ),
  ];
}

function cliRows({ deep, deep100k }: { deep: CliExportFigures; deep100k: CliExportFigures }): Row[] {
  const perStepKB = ((deep100k.maxRssMB - deep.maxRssMB) * 1024) / (deep100k.steps - deep.steps);
  return [
    atMost(
      SIZE,
      'CLI export --dir, deep 100k: peak resident size',
      `${deep100k.maxRssMB} MB (10k: ${deep.maxRssMB} MB; ${perStepKB.toFixed(1)} KB more per step)`,
      deep100k.maxRssMB,
      400,
      'MB',
    ),
    info(SIZE, '  time, 10k / 100k', `${ms(deep.ms)} / ${ms(deep100k.ms)} (${ratio(deep100k.ms, deep.ms)}×)`),
  ];
}

function sizeUiRows({ loads, workers, steps }: SizeUiFigures): Row[] {
  return [
    info(
      SIZE,
      'page: file chosen → step list painted, deep 10k / 100k, med.',
      `${ms(loads.deep.median)} / ${ms(loads.deep100k.median)}`,
    ),
    atMost(
      SIZE,
      '  100k ÷ 10k, in alternating loads',
      `${ratio(loads.deep100k.median, loads.deep.median)}×`,
      ratio(loads.deep100k.median, loads.deep.median),
      11,
      '×',
    ),
    info(SIZE, '  flat 10k, median', ms(loads.flat.median)),
    info(
      SIZE,
      'page: file chosen → files counted (worker ended), 10k / 100k / flat, med.',
      `${ms(workers.deep.median)} / ${ms(workers.deep100k.median)} / ${ms(workers.flat.median)}`,
    ),
    info(SIZE, 'page: step, deep 10k, med / p95 / max', spread(steps.deep)),
    info(SIZE, 'page: step, deep 100k, med / p95 / max', spread(steps.deep100k)),
    atMost(
      SIZE,
      '  p95 100k ÷ 10k',
      `${ratio(steps.deep100k.p95, steps.deep.p95)}×`,
      ratio(steps.deep100k.p95, steps.deep.p95),
      1.2,
      '×',
    ),
  ];
}

function scrollRow(section: string, figure: string, figures: ScrollFigures): Row {
  return atMost(
    section,
    `${figure}, med / p95 / max`,
    `${spread(figures.frames)}, ${figures.late} late`,
    figures.frames.p95,
    17,
    'ms p95',
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
