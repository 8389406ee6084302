/**
 * How the page copes with size and shape: the generated 10,000- and 100,000-step deep documents
 * loaded in alternation (each in a new browser context, through Load document → Open file…) and
 * stepped the same way, and the flat document loaded.
 */
import type { Browser } from '@playwright/test';
import { DOCUMENTS, ensureDocument, type DocumentName } from './generate';
import { openDocument, sampleSteps } from './large';
import { summarize, type Summary } from './stats';
import { newBenchPage, paintedTimes } from './ui';

export interface SizeUiFigures {
  /** File chosen → step list painted (the worker's parse and replay, then the page's). */
  loads: Record<DocumentName, Summary>;
  /** Steps sampled after the last load of each deep document. */
  steps: { deep: Summary; deep100k: Summary };
}

const ROUNDS = 3;

export async function measureSizeUi(browser: Browser, url: string): Promise<SizeUiFigures> {
  const names: DocumentName[] = ['deep', 'deep100k', 'flat'];
  const loads = new Map<DocumentName, number[]>(names.map((name) => [name, []]));
  const steps: Partial<SizeUiFigures['steps']> = {};
  for (let round = 1; round <= ROUNDS; round++)
    for (const name of names) {
      const { context, page } = await newBenchPage(browser);
      try {
        await page.goto(url);
        await paintedTimes(page, ['steps']);
        const ms = await openDocument(page, ensureDocument(name), DOCUMENTS[name].steps);
        if (ms === null) throw new Error('the app has no "Load document" control');
        loads.get(name)!.push(ms);
        if (round === ROUNDS && name !== 'flat')
          steps[name] = (await sampleSteps(page, DOCUMENTS[name].steps)).latencies;
      } finally {
        await context.close();
      }
    }
  return {
    loads: Object.fromEntries(names.map((name) => [name, summarize(loads.get(name)!)])) as SizeUiFigures['loads'],
    steps: steps as SizeUiFigures['steps'],
  };
}
