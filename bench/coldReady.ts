/**
 * Time to ready (step list and tree painted) on cold loads of two servers, alternated load by load, so that
 * the machine's load falls on both alike: `npm run bench:cold -- URL_A URL_B [--loads N] [--query Q]`.
 * Each load is a fresh browser context (no cache, no stored state). Prints each side's median and p95 and
 * the ratio B / A of the medians. Used to compare a change with the build before it (see
 * docs/performance.md, "Comparing two builds"); it asserts nothing.
 */
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../scripts/chromium.mjs';
import { newBenchPage, paintedTimes } from './ui';
import { summarize } from './stats';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const at = args.indexOf(name);
  if (at < 0) return fallback;
  const [value] = args.splice(at, 2).slice(1);
  return value ?? fallback;
};
const loads = Number(option('--loads', '15'));
const query = option('--query', '?step=33&file=microservices_ecosystem%2Farchitecture_config.json');
const urls = args;
if (urls.length !== 2 || !Number.isInteger(loads) || loads < 1) {
  console.error('usage: npm run bench:cold -- URL_A URL_B [--loads N] [--query ?step=…]');
  process.exit(2);
}

const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
try {
  const times: number[][] = [[], []];
  // One warm-up load each (the servers' first responses, Chromium's own start) is not counted.
  for (let round = -1; round < loads; round++) {
    // Which side goes first alternates too: a load right after another can find the machine busier.
    const order = round % 2 === 0 ? [0, 1] : [1, 0];
    for (const side of order) {
      const { context, page } = await newBenchPage(browser);
      await page.goto(urls[side] + query);
      const painted = await paintedTimes(page, ['steps', 'tree']);
      if (round >= 0) times[side].push(Math.max(painted.steps, painted.tree));
      await context.close();
    }
  }
  const [a, b] = times.map(summarize);
  const ms = (x: number) => `${x.toFixed(0)} ms`;
  console.log(`cold ready (step list + tree painted), ${loads} alternating loads each`);
  console.log(`  A ${urls[0]}: median ${ms(a.median)}, p95 ${ms(a.p95)}`);
  console.log(`  B ${urls[1]}: median ${ms(b.median)}, p95 ${ms(b.p95)}`);
  console.log(`  B / A (medians): ${(b.median / a.median).toFixed(2)}×`);
} finally {
  await browser.close();
}
