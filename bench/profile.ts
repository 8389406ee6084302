/**
 * Where the main thread spends a step: an unminified production build, the large scenario loaded
 * through the app's loader, 200 steps under Chromium's sampling profiler, and the functions with
 * the most self time. `npx tsx bench/profile.ts [steps|jumps|zip|builtin-steps] [--trace]
 * [--document deep|deep100k|flat]` (a generated document; default deep, the large scenario); writes
 * bench/results/ui.cpuprofile (open it in Chrome DevTools → Performance).
 */
import { chromium } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, findChromium } from '../scripts/chromium.mjs';
import { DOCUMENTS, ensureDocument, type DocumentName } from './generate';
import { openDocument } from './large';
import { ensureBuild, ROOT, startPreview } from './server';
import { newBenchPage, paintedTimes } from './ui';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time per function, ms, largest first. */
export function selfTimes(profile: Profile, top = 25): Array<[string, number]> {
  const byNode = new Map<number, number>();
  profile.samples.forEach((id, i) => byNode.set(id, (byNode.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const byFunction = new Map<string, number>();
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber } = node.callFrame;
    const key = `${functionName || '(anonymous)'} ${url.split('/').pop() ?? ''}:${lineNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + (byNode.get(node.id) ?? 0) / 1000);
  }
  return [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top);
}

interface TraceEvent {
  name: string;
  ph: string;
  dur?: number;
  /** Thread (CPU) time: unlike dur, it does not grow when other processes take the CPU. */
  tdur?: number;
  tid: number;
}

/**
 * Complete events on the renderer's main thread (the one that ran the most layout), summed by
 * name, largest first, as [name, wall ms, CPU ms]. Events nest, so the sums overlap.
 */
function traceTotals(events: TraceEvent[], top = 24): Array<[string, number, number]> {
  const layoutByThread = new Map<number, number>();
  for (const e of events)
    if (e.name === 'Layout' && e.dur) layoutByThread.set(e.tid, (layoutByThread.get(e.tid) ?? 0) + e.dur);
  const main = [...layoutByThread].sort((a, b) => b[1] - a[1])[0]?.[0];
  const totals = new Map<string, [number, number]>();
  for (const e of events) {
    if (e.tid !== main || e.ph !== 'X' || !e.dur) continue;
    const sum = totals.get(e.name) ?? [0, 0];
    totals.set(e.name, [sum[0] + e.dur / 1000, sum[1] + (e.tdur ?? 0) / 1000]);
  }
  return [...totals]
    .sort((a, b) => b[1][1] - a[1][1])
    .slice(0, top)
    .map(([name, [wall, cpu]]) => [name, wall, cpu]);
}

/**
 * Inclusive time per function (itself and everything it called), ms, largest first; a function
 * that appears several times on one stack is counted once.
 */
export function inclusiveTimes(
  profile: Profile & { nodes: Array<ProfileNode & { children?: number[] }> },
  top = 30,
): Array<[string, number]> {
  const selfByNode = new Map<number, number>();
  profile.samples.forEach((id, i) => selfByNode.set(id, (selfByNode.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const name = (n: ProfileNode) =>
    `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').pop() ?? ''}:${n.callFrame.lineNumber + 1}`;
  const totals = new Map<string, number>();
  for (const [id, time] of selfByNode) {
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const key = name(byId.get(at)!);
      if (seen.has(key)) continue;
      seen.add(key);
      totals.set(key, (totals.get(key) ?? 0) + time / 1000);
    }
  }
  return [...totals].sort((a, b) => b[1] - a[1]).slice(0, top);
}

async function main(): Promise<void> {
  const what = process.argv[2] ?? 'steps';
  // PROFILE_DIST lets two people profile different working states without rebuilding under each other.
  const outDir = join(ROOT, process.env.PROFILE_DIST ?? 'bench/results/dist-profile');
  ensureBuild(false, outDir, ['--minify', 'false']);
  const named = process.argv[process.argv.indexOf('--document') + 1];
  const document = (process.argv.includes('--document') ? named : 'deep') as DocumentName;
  if (!(document in DOCUMENTS)) throw new Error(`--document: one of ${Object.keys(DOCUMENTS).join(', ')}`);
  const preview = await startPreview(outDir);
  const browser = await chromium.launch({
    executablePath: findChromium(),
    args: CHROMIUM_ARGS,
  });
  try {
    const { page } = await newBenchPage(browser);
    await page.goto(preview.url);
    await paintedTimes(page, ['steps']);
    const builtin = what.startsWith('builtin');
    const { steps } = DOCUMENTS[document];
    if (!builtin) await openDocument(page, ensureDocument(document), steps);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await page.getByRole('slider', { name: 'Step' }).fill(builtin ? '0' : String(steps / 2));
    if (builtin) {
      // One untimed pass: loads Monaco and warms the JIT, as the benchmark does.
      const pass = [...Array<string>(85).fill('Next step'), ...Array<string>(85).fill('Previous step')];
      await page.evaluate(
        (l) =>
          (window as unknown as { __stepwiseProbe: { clicks(l: string[]): Promise<unknown> } }).__stepwiseProbe.clicks(
            l,
          ),
        pass,
      );
    }
    const tracing = process.argv.includes('--trace');
    if (tracing) await browser.startTracing(page, { categories: ['devtools.timeline', 'blink', 'v8'] });
    await cdp.send('Profiler.start');
    const labels =
      what === 'builtin-steps'
        ? [...Array<string>(85).fill('Next step'), ...Array<string>(85).fill('Previous step')]
        : what === 'jumps'
          ? Array.from({ length: 40 }, (_, i) => (i % 2 ? 'First step' : 'Last step'))
          : what === 'zip'
            ? []
            : [...Array<string>(100).fill('Next step'), ...Array<string>(100).fill('Previous step')];
    const latencies = await page.evaluate(
      (l) =>
        (
          window as unknown as { __stepwiseProbe: { clicks(l: string[]): Promise<{ latencies: number[] }> } }
        ).__stepwiseProbe.clicks(l),
      labels,
    );
    if (what === 'zip') {
      await page.getByRole('button', { name: 'Last step' }).click();
      const download = page.waitForEvent('download', { timeout: 300_000 });
      await page.getByRole('button', { name: 'Download zip' }).click();
      await download;
    }
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
    if (tracing) {
      const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] };
      console.log('main-thread trace events:     wall       CPU');
      for (const [name, wall, cpu] of traceTotals(trace.traceEvents))
        console.log(
          `  ${name.slice(0, 40).padEnd(40)} ${wall.toFixed(0).padStart(7)} ms ${cpu.toFixed(0).padStart(7)} ms`,
        );
    }
    writeFileSync(join(ROOT, 'bench/results/ui.cpuprofile'), JSON.stringify(profile));
    const total = latencies.latencies.reduce((a, b) => a + b, 0);
    console.log(`${labels.length} inputs, ${total.toFixed(0)} ms input → painted in all`);
    console.log('self time:');
    for (const [name, ms] of selfTimes(profile)) console.log(`${ms.toFixed(1).padStart(8)} ms  ${name}`);
    console.log('inclusive time, app code:');
    for (const [name, ms] of inclusiveTimes(profile, 600)
      .filter(([n]) =>
        /^[A-Z]\w* |^(?:renderRow|treeRows|currentRows|indexOfPath|stepRows|writeStored|pushState|setItem|checkFiles) /.test(
          n,
        ),
      )
      .slice(0, 40))
      console.log(`${ms.toFixed(1).padStart(8)} ms  ${name}`);
  } finally {
    await browser.close();
    await preview.stop();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
