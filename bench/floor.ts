/**
 * How soon this machine's Chromium can paint the app's first frame at all: the page the server renders for a
 * link, as a static page with no script of the app (its CSS inlined), and, for the browser's own cost of a
 * navigation, a page of one line. The app's cold ready figure cannot come in under the first of these.
 */
import type { Browser } from '@playwright/test';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, startPreview, type Preview } from './server';
import { summarize, type Summary } from './stats';
import { newBenchPage } from './ui';

export interface FloorFigures {
  /** Navigation start → first contentful paint of the app's first frame as a static page. */
  firstFrameStatic: Summary;
  /** The same for a page of one line of text: the browser's own cost of a navigation and a paint. */
  oneLine: Summary;
  /** Elements in the first frame's markup. */
  elements: number;
}

/**
 * The page the server sent for a link to a position (its first frame already in it), with its stylesheets
 * inlined (no request to wait for) and every script it loads and module preload taken out; the inline script
 * that scrolls the lists stays, as the policy allows it.
 */
export function staticFirstFrame(servedHtml: string, readAsset: (path: string) => string): string {
  if (servedHtml.includes('<div id="root"></div>')) throw new Error('the server sent the page without its first frame');
  const page = servedHtml
    .replace(/<script\b[^>]*\bsrc=[^>]*>\s*<\/script>/g, '')
    .replace(/<link rel="modulepreload"[^>]*>/g, '')
    .replace(
      /<link rel="stylesheet"[^>]*href="\.?\/?([^"]+\.css)"[^>]*>/g,
      (_, path: string) => `<style>${readAsset(path)}</style>`,
    );
  // A build whose index.html has another shape must fail here, not time a page that still loads the app.
  const left = /<script\b[^>]*\bsrc=|<link\b[^>]*\brel="(?:stylesheet|modulepreload)"/.exec(page);
  if (left) throw new Error(`the page: "${left[0]}" was not taken out or inlined`);
  return page;
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

/** Fetches the page the server renders for `url + query`, then times both static pages, alternating. */
export async function measureFloor(
  browser: Browser,
  url: string,
  query: string,
  dist: string,
  runs: number,
): Promise<FloorFigures> {
  const response = await fetch(url + query);
  if (!response.ok) throw new Error(`the server answered ${response.status} for ${url + query}`);
  const served = await response.text();
  const markup = served.slice(served.indexOf('<div id="root">'), served.indexOf('</body>'));

  const dir = join(ROOT, 'bench/results/floor');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'line'), { recursive: true });
  writeFileSync(
    join(dir, 'index.html'),
    staticFirstFrame(served, (path) => readFileSync(join(dist, path), 'utf8')),
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
