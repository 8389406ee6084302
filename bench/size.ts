/**
 * How the page copes with size and shape: the generated 10,000- and 100,000-step deep documents
 * loaded in alternation (each in a new browser context, through Load document → Open file…) and
 * stepped the same way after every load, once the loader's counting worker has ended, and the flat document loaded.
 */
import type { Browser } from '@playwright/test';
import { DOCUMENTS, ensureDocument, type DocumentName } from './generate';
import { openDocument, sampleSteps } from './large';
import { summarize, type Summary } from './stats';
import { newBenchPage, paintedTimes } from './ui';

export interface SizeUiFigures {
  /** File chosen → step list painted (the worker's parse and replay, then the page's). */
  loads: Record<DocumentName, Summary>;
  /** File chosen → the loader's counting worker ended (it starts once the document is painted). */
  workers: Record<DocumentName, Summary>;
  /**
   * Steps sampled after every load of each deep document, pooled: the loads alternate, so a stretch of the run
   * when the machine is slower falls on both documents alike (one sample of each moved their p95 ratio by 0.5).
   */
  steps: { deep: Summary; deep100k: Summary };
}

const ROUNDS = 3;

export async function measureSizeUi(browser: Browser, url: string): Promise<SizeUiFigures> {
  const names: DocumentName[] = ['deep', 'deep100k', 'flat'];
  const loads = new Map<DocumentName, number[]>(names.map((name) => [name, []]));
  const workers = new Map<DocumentName, number[]>(names.map((name) => [name, []]));
  const steps = { deep: [] as number[], deep100k: [] as number[] };
  for (let round = 1; round <= ROUNDS; round++)
    for (const name of names) {
      const { context, page } = await newBenchPage(browser);
      try {
        await page.goto(url);
        await paintedTimes(page, ['steps']);
        const opened = await openDocument(page, ensureDocument(name), DOCUMENTS[name].steps);
        if (opened === null) throw new Error('the app has no "Load document" control');
        loads.get(name)!.push(opened.loadMs);
        workers.get(name)!.push(opened.workerMs);
        if (name !== 'flat') steps[name].push(...(await sampleSteps(page, DOCUMENTS[name].steps)).samples);
      } finally {
        await context.close();
      }
    }
  const byName = (times: Map<DocumentName, number[]>) =>
    Object.fromEntries(names.map((name) => [name, summarize(times.get(name)!)])) as Record<DocumentName, Summary>;
  return {
    loads: byName(loads),
    workers: byName(workers),
    steps: { deep: summarize(steps.deep), deep100k: summarize(steps.deep100k) },
  };
}
