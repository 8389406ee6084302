import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../src/cli/main';
import { gradeHtml } from '../src/steps/runs/htmlReport';
import { documentDigest, gradeOutput, type DocumentInfo } from '../src/steps/runs/report';
import { gradedRun, passRates, runMismatch } from '../src/steps/runs/reportModel';
import { shownStatus } from '../src/steps/runs/status';
import { withTempDir } from './helpers';
import { gradeFixture, gradeOps, runFixture, SHOP, SHOP_DOCUMENT } from './runs-helpers';

vi.setConfig({ testTimeout: 60_000 });

const DOCUMENT: DocumentInfo = { title: SHOP.replay.document.title, steps: SHOP.steps.length, digest: 'test' };
const TEXTS = SHOP.steps.map((s) => s.text);

async function graded(name: string) {
  const [result] = await gradeFixture(`status/${name}`);
  return gradedRun(result, SHOP);
}

/** The JSON a page carries in its data block. */
function embedded(html: string): unknown {
  const match = /<script type="application\/json" id="grade-data">([^<]*)<\/script>/.exec(html);
  if (!match) throw new Error('no data block');
  return JSON.parse(match[1]) as unknown;
}

describe('the report model', () => {
  it('tells an equivalent step from a done one and counts a step as passed only when done in its place', async () => {
    const combined = await graded('combined-mkdir.jsonl');
    const perfect = await graded('perfect.jsonl');
    expect(shownStatus({ status: 'done', equivalent: true })).toBe('equivalent');
    expect(shownStatus({ status: 'combined', equivalent: false })).toBe('combined');
    const { perStep, perRun } = passRates([combined.report, perfect.report], 11);
    expect(perStep.map((s) => s.passed)).toEqual([2, 2, 2, 2, 1, 1, 1, 2, 2, 2, 2]);
    expect(perRun.map((r) => r.passed)).toEqual([8, 11]);
  });

  it('keeps both sides of every wrong step for its diff', async () => {
    const run = await graded('wrong-update-carried.jsonl');
    expect(run.wrong.map((w) => w.step)).toEqual([10, 11]);
    expect(run.wrong[0]).toMatchObject({ path: 'shop/config/settings.json', kind: 'file', op: 10 });
    expect(run.wrong[0].expected).toBe(SHOP.steps[9].content);
    expect(run.wrong[0].actual).not.toBe(run.wrong[0].expected);
  });

  it('says plainly when a run is of another document, and not otherwise', async () => {
    const other = gradedRun(
      gradeOps([
        { op: 'mkdir', path: 'microservices_ecosystem' },
        { op: 'write', path: 'microservices_ecosystem/a.json', content: '{}' },
      ]),
      SHOP,
    );
    expect(runMismatch(other.report, 'Shop')).toBe(
      'This looks like a run of another document: none of the paths it made are in “Shop” (it made microservices_ecosystem and 1 more).',
    );
    expect(runMismatch((await graded('skipped-file-step.jsonl')).report, 'Shop')).toBeNull();
    expect(runMismatch(gradedRun(gradeOps([{ op: 'shell', command: 'ls' }]), SHOP).report, 'Shop')).toMatch(
      /^This run made no file or folder, so none of “Shop” was made\.$/,
    );
  });
});

describe('the HTML report', () => {
  it('holds the summary, the grid and each run, and carries the JSON grade', async () => {
    const runs = await Promise.all(['perfect.jsonl', 'wrong-update-carried.jsonl', 'combined-mkdir.jsonl'].map(graded));
    const html = gradeHtml({ document: DOCUMENT, stepTexts: TEXTS, runs });
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('3 runs: 1 passed, 2 failed');
    expect(html).toContain('First divergence: step 10 — Update settings.json: add debug: true, workers: 4');
    // The grid: 11 step rows, each with its pass rate and one cell per run.
    expect(html.match(/<tr data-step="/g)).toHaveLength(11);
    expect(html).toContain('<tr data-step="5" data-passed="2">');
    expect(html.match(/⚑ first divergence/g)).toHaveLength(2);
    expect(embedded(html)).toEqual(
      JSON.parse(
        JSON.stringify(
          gradeOutput(
            DOCUMENT,
            runs.map((r) => r.report),
          ),
        ),
      ),
    );
  });

  it('shows a wrong step as a diff of the expected version and the run’s', async () => {
    const html = gradeHtml({ document: DOCUMENT, stepTexts: TEXTS, runs: [await graded('trailing-newline.jsonl')] });
    expect(html).toContain('Expected | actual (after op 4)');
    // The run wrote one more empty line than the document.
    expect(html).toMatch(
      /<span class="d-same"> Run it on the default port\.<\/span>\n<span class="d-add">\+<\/span><\/pre>/,
    );
  });

  it('makes no request and lets no text out of its place', () => {
    const hostile = '</script><script>alert(1)</script><img src=x onerror=alert(2)>\u202e&amp;';
    const run = gradedRun(
      gradeOps([
        { op: 'mkdir', path: 'shop' },
        { op: 'mkdir', path: 'shop/config' },
        { op: 'write', path: 'shop/config/settings.json', content: hostile },
        { op: 'shell', command: `echo '${hostile}' | tee x` },
      ]),
      SHOP,
    );
    const named = { ...run, report: { ...run.report, run: `runs/${hostile}.jsonl` } };
    const html = gradeHtml({ document: { ...DOCUMENT, title: hostile }, stepTexts: TEXTS, runs: [named] });
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect(html).not.toContain('<img');
    // Markup is only what the page writes itself: no element may load anything, links stay in the page.
    const attributes = [...html.matchAll(/<[a-z][a-z0-9]*\b([^>]*)>/gi)].map((m) => m[1]).join(' ');
    const names = attributes.replace(/"[^"]*"/g, '""');
    expect(names).not.toMatch(/\b(?:src|srcset|action|formaction|poster|data|on[a-z]+)=/i);
    expect([...attributes.matchAll(/href="([^"]*)"/g)].every((m) => m[1].startsWith('#'))).toBe(true);
    expect(html).not.toContain('\u202e');
    expect(html).toContain('&lt;/script&gt;');
    expect(html).toContain("default-src 'none'");
    expect(embedded(html)).toMatchObject({ run: `runs/${hostile}.jsonl`, document: { title: hostile } });
  });
});

describe('stepwise grade --format html', () => {
  let stdout: ReturnType<typeof vi.spyOn>;
  beforeEach(() => {
    stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    vi.spyOn(console, 'error').mockImplementation(() => {});
  });
  afterEach(() => vi.restoreAllMocks());

  it('writes the same page as the report module for the same runs, diffs included, in parallel or not', async () => {
    await withTempDir(async (dir) => {
      const files = ['perfect.jsonl', 'wrong-update-carried.jsonl'].map((name) => runFixture(`status/${name}`));
      const out = join(dir, 'report.html');
      expect(
        await main(['grade', ...files, '--steps', SHOP_DOCUMENT, '--format', 'html', '--out', out, '--jobs', '2']),
      ).toBe(1);
      const text = await readFile(SHOP_DOCUMENT, 'utf8');
      const runs = await Promise.all(
        files.map(async (file, i) => {
          const [result] = await gradeFixture(`status/${['perfect.jsonl', 'wrong-update-carried.jsonl'][i]}`);
          const run = gradedRun(result, SHOP);
          return { ...run, report: { ...run.report, run: file } };
        }),
      );
      const expected = gradeHtml({ document: { ...DOCUMENT, digest: documentDigest(text) }, stepTexts: TEXTS, runs });
      expect(await readFile(out, 'utf8')).toBe(expected);
      expect(expected).toContain('<span class="d-del">');
      expect(stdout).not.toHaveBeenCalled();
    });
  });
});
