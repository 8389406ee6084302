/**
 * How soon this machine's Chromium can paint the app's first frame at all: the same markup and CSS as a
 * static page, with no script, and, for the browser's own cost of a navigation, a page of one line.
 * Whatever the app's script does, its cold ready figure cannot come in under the first of these.
 */
import type { Browser } from '@playwright/test';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, startPreview, type Preview } from './server';
import { summarize, type Summary } from './stats';
import { newBenchPage, paintedTimes } from './ui';

export interface FloorFigures {
  /** Navigation start → first contentful paint of the app's first frame as a static page. */
  firstFrameStatic: Summary;
  /** The same for a page of one line of text: the browser's own cost of a navigation and a paint. */
  oneLine: Summary;
  /** Elements in the first frame's markup. */
  elements: number;
}

/** Applies the offsets the app scrolled its lists to (see captureFirstFrame in probe.js), as the app's commit does. */
const RESTORE_SCROLL = `<script>for (const e of document.querySelectorAll('[data-bench-scroll-top]')) e.scrollTop = Number(e.dataset.benchScrollTop);</script>`;

/**
 * index.html with the first frame's markup in place of the empty root, its stylesheets inlined (no request to wait
 * for) and every script and module preload taken out. The Content Security Policy goes too: it forbids the one
 * inline script, which scrolls the lists where the app had scrolled them.
 */
export function staticFirstFrame(indexHtml: string, readAsset: (path: string) => string, rootMarkup: string): string {
  const page = indexHtml
    .replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '')
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '')
    .replace(/<link rel="modulepreload"[^>]*>/g, '')
    .replace(
      /<link rel="stylesheet"[^>]*href="\.?\/?([^"]+\.css)"[^>]*>/g,
      (_, path: string) => `<style>${readAsset(path)}</style>`,
    );
  // A build whose index.html has another shape must fail here, not time a page that still loads the app.
  const left = /<script\b[^>]*\bsrc=|<link\b[^>]*\brel="(?:stylesheet|modulepreload)"/.exec(page);
  if (left) throw new Error(`index.html: "${left[0]}" was not taken out or inlined`);
  const root = '<div id="root"></div>';
  if (!page.includes(root)) throw new Error('index.html has no empty <div id="root"></div>');
  return page.replace(root, `${rootMarkup}${RESTORE_SCROLL}`);
}

const ONE_LINE =
  '<!doctype html><html lang="en"><head><meta charset="UTF-8"><title>one line</title></head><body><p>stepwise</p></body></html>';

async function firstContentfulPaint(browser: Browser, url: string): Promise<number> {
  const { context, page } = await newBenchPage(browser);
  try {
    await page.goto(url);
    const handle = await page.waitForFunction(
      () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
    );
    return (await handle.jsonValue()) as number;
  } finally {
    await context.close();
  }
}

/** Captures the first frame of `url + query` from the build in `dist`, then times both static pages, alternating. */
export async function measureFloor(
  browser: Browser,
  url: string,
  query: string,
  dist: string,
  runs: number,
): Promise<FloorFigures> {
  const { context, page } = await newBenchPage(browser);
  await page.addInitScript(() => {
    (window as unknown as { __stepwiseCaptureFirstFrame: boolean }).__stepwiseCaptureFirstFrame = true;
  });
  await page.goto(url + query);
  await paintedTimes(page, ['steps', 'tree']);
  const markup = await page.evaluate(
    () => (window as unknown as { __stepwiseProbe: { firstFrame?: string | null } }).__stepwiseProbe.firstFrame,
  );
  await context.close();
  if (!markup) throw new Error('the probe did not capture the first frame');

  const dir = join(ROOT, 'bench/results/floor');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'line'), { recursive: true });
  const indexHtml = readFileSync(join(dist, 'index.html'), 'utf8');
  writeFileSync(
    join(dir, 'index.html'),
    staticFirstFrame(indexHtml, (path) => readFileSync(join(dist, path), 'utf8'), markup),
  );
  writeFileSync(join(dir, 'line', 'index.html'), ONE_LINE);

  const server: Preview = await startPreview(dir);
  const staticTimes: number[] = [];
  const lineTimes: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      staticTimes.push(await firstContentfulPaint(browser, server.url + query));
      lineTimes.push(await firstContentfulPaint(browser, `${server.url}line/`));
    }
  } finally {
    await server.stop();
  }
  return {
    firstFrameStatic: summarize(staticTimes),
    oneLine: summarize(lineTimes),
    elements: (markup.match(/<[a-zA-Z]/g) ?? []).length,
  };
}
