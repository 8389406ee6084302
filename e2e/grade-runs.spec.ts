import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { buildZip } from '../src/io/zip';
import { replay } from '../src/steps/engine';
import { parseDocument } from '../src/steps/parser';
import { readFile } from '../src/steps/tree';
import { StepwisePage } from './stepwise';
import { axeOn } from './screens';

const fixture = (name: string) => fileURLToPath(new URL(`../tests/fixtures/runs/${name}`, import.meta.url));
const status = (name: string) => fixture(`status/${name}.jsonl`);
const SHOP = readFileSync(fixture('document.txt'), 'utf8');
const BUILTIN = replay(
  parseDocument(
    readFileSync(fileURLToPath(new URL('../src/scenarios/microservices_ecosystem_steps.txt', import.meta.url)), 'utf8'),
  ),
);

/**
 * A run of the built-in scenario in stepwise operations: each step's own effect, in order, except
 * the steps in `skip` (which the run leaves out).
 */
function builtinRun(name: string, skip: readonly number[] = []): { name: string; mimeType: string; buffer: Buffer } {
  const lines = BUILTIN.snapshots.slice(1).flatMap((snapshot) => {
    const { change, step } = snapshot;
    if (!change || !step || skip.includes(step.number)) return [];
    const op =
      change.entryKind === 'directory'
        ? { op: 'mkdir', path: change.path }
        : { op: 'write', path: change.path, content: readFile(snapshot.root, change.path) };
    return [JSON.stringify(op)];
  });
  return { name, mimeType: 'application/jsonl', buffer: Buffer.from(lines.join('\n')) };
}

/** The Inspect fixture as the zip Inspect writes (a .eval), one sample. */
async function evalFile(): Promise<{ name: string; mimeType: string; buffer: Buffer }> {
  const { samples, ...header } = JSON.parse(readFileSync(fixture('inspect.json'), 'utf8')) as {
    samples: Array<{ id: string; epoch: number }>;
  };
  const bytes = await buildZip([
    { path: 'header.json', kind: 'file', content: JSON.stringify(header) },
    { path: 'samples', kind: 'directory' },
    ...samples.map((s) => ({
      path: `samples/${s.id}_epoch_${s.epoch}.json`,
      kind: 'file' as const,
      content: JSON.stringify(s),
    })),
  ]);
  return { name: 'shop.eval', mimeType: 'application/zip', buffer: Buffer.from(bytes) };
}

async function openShop(page: Page): Promise<StepwisePage> {
  const app = new StepwisePage(page);
  await app.open();
  await app.loadDocumentText(SHOP);
  return app;
}

test('a run in each format the grader reads opens, graded in the worker: all pass', async ({ page }) => {
  const app = await openShop(page);
  await app.openRuns([
    fixture('stepwise-ops.jsonl'),
    fixture('claude-code.jsonl'),
    fixture('atif.json'),
    fixture('openhands.json'),
    fixture('inspect.json'),
    await evalFile(),
  ]);
  const grid = app.runGrid();
  for (const name of [
    'stepwise-ops.jsonl',
    'claude-code.jsonl',
    'atif.json',
    'openhands.json',
    'inspect.json#shop-1_epoch_1',
    'shop.eval#shop-1_epoch_1',
  ])
    await expect(
      grid.getByRole('columnheader', { name: `${name}: pass, 11 of 11 steps passed. Open this run` }),
    ).toBeVisible();
  await expect(grid.getByRole('row')).toHaveCount(12);
  // Every step passes in every run: "6/6" in each row's pass rate.
  await expect(grid.getByRole('gridcell', { name: '6/6 · 100 %' })).toHaveCount(11);
});

test('the first divergence is named in the summary, marked in the step list, and one click or key away', async ({
  page,
}) => {
  const app = await openShop(page);
  await app.openRuns([status('skipped-file-step')]);
  const summary = app.runSummary();
  await expect(summary).toContainText(
    'First divergence: step 9 — Create a file named "notes.txt" in orders with content: "orders service"',
  );
  await expect(summary).toContainText('10 done');
  await expect(summary).toContainText('1 missing');
  await expect(app.stepOption(9)).toContainText('missing');
  await expect(app.stepOption(9).getByRole('img', { name: 'first divergence' })).toBeVisible();
  await expect(app.stepOption(3)).toContainText('done');

  await summary.getByRole('button', { name: 'Go to step 9' }).click();
  await app.expectPosition(9, 11);
  await expect(app.runs().getByRole('region', { name: 'This step in the run' })).toContainText(
    'No operation of the run did this step.',
  );

  // n / Shift+N: the next and previous problem steps (keys of the page, here from the button just used).
  await page.keyboard.press('Home');
  await app.expectPosition(0, 11);
  await page.keyboard.press('n');
  await app.expectPosition(9, 11);
  await page.keyboard.press('n');
  await app.expectPosition(9, 11);
  await page.keyboard.press('End');
  await page.keyboard.press('Shift+N');
  await app.expectPosition(9, 11);
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toContainText(
    'Next / previous problem step of the open run',
  );
});

test('at a wrong step the tree shows expected | actual, and a file opens as a diff', async ({ page }) => {
  const app = await openShop(page);
  await app.openRuns([status('wrong-update-carried')]);
  await app.runSummary().getByRole('button', { name: 'Go to step 10' }).click();
  const here = app.runs().getByRole('region', { name: 'This step in the run' });
  await expect(here).toContainText('Step 10 in the run');
  await expect(here.getByRole('listitem').filter({ hasText: 'Operation 10' })).toContainText(
    'left the closest version',
  );
  const tree = here.getByRole('table', { name: 'Expected after step 10 and actual (after operation 10)' });
  const row = tree.getByRole('row').filter({ hasText: 'shop/config/settings.json' });
  await expect(row).toContainText('different');
  await row.getByRole('button', { name: 'shop/config/settings.json' }).click();
  const diff = here.getByRole('region', { name: 'Diff of shop/config/settings.json: expected | actual' });
  await expect(diff).toBeVisible();
  await expect(diff).toContainText('expected (step 10)');
  await expect(diff).toContainText('actual (after operation 10)');
  // Step 11 follows from step 10: one cause, not two symptoms.
  await expect(app.runSummary()).toContainText('Step 10 (wrong) is the cause of 1 later failure: step 11');
});

test('the operations track shows combined steps, and an operation shows the tree after it', async ({ page }) => {
  const app = await openShop(page);
  await app.openRuns([status('combined-mkdir')]);
  const operations = app.operations();
  await expect(operations.getByRole('option')).toHaveCount(8);
  const mkdir = operations.getByRole('option', {
    name: 'Operation 5: mkdir -p shop/services/orders shop/services/payments shop/services/users — did steps 5, 6, 7, 8 (5, 6, 7 combined)',
  });
  await mkdir.click();
  await expect(mkdir).toHaveAttribute('aria-selected', 'true');
  const after = app.runs().getByRole('region', { name: 'Tree after operation 5' });
  await expect(after).toContainText('It did steps 5, 6, 7, 8.');
  await expect(after.getByRole('listitem').filter({ hasText: 'shop/services/users/' })).toContainText(
    'changed by this operation',
  );
  // The arrow keys walk the operations.
  await page.keyboard.press('ArrowRight');
  await expect(app.runs().getByRole('region', { name: 'Tree after operation 6' })).toBeVisible();
  await expect(operations.getByRole('option', { selected: true })).toHaveAttribute('data-op', '6');
});

test('not replayed, outside and failed operations are listed and jump to their operation', async ({ page }) => {
  const app = await openShop(page);
  await app.openRuns([status('loop-not-replayed')]);
  const list = app.runs().getByRole('region', { name: 'Operations not applied or not expected' });
  await expect(list).toContainText('Not replayed (1)');
  await expect(list).toContainText('for d in orders payments users');
  await list.getByRole('button', { name: 'Operation 6' }).click();
  await expect(app.runs().getByRole('region', { name: 'Tree after operation 6' })).toContainText('not replayed');
  await app.expectPosition(6, 11);
});

test('three runs in the grid; a cell opens that run at that step; Back returns to the grid', async ({ page }) => {
  const app = await openShop(page);
  await app.openRuns([status('perfect'), status('skipped-file-step'), status('combined-mkdir')]);
  const grid = app.runGrid();
  await expect(grid.getByRole('row')).toHaveCount(12);
  await expect(
    grid.getByRole('button', { name: 'Step 5 in combined-mkdir.jsonl: combined, first divergence' }),
  ).toBeVisible();
  await expect(grid.getByRole('gridcell', { name: '2/3 · 66 %' })).toHaveCount(4);
  await page.screenshot({ path: test.info().outputPath('grid.png') });

  // Sorting by pass rate puts the steps most runs miss first.
  await grid.getByRole('button', { name: 'Passed by' }).click();
  await expect(grid.getByRole('columnheader', { name: 'Passed by' })).toHaveAttribute('aria-sort', 'ascending');
  await expect(grid.getByRole('rowheader').first()).toContainText('5 Create a directory named "services"');

  await grid.getByRole('button', { name: 'Step 9 in skipped-file-step.jsonl: missing, first divergence' }).click();
  await app.expectPosition(9, 11);
  await expect(app.runSummary()).toContainText('skipped-file-step.jsonl');
  await expect(page).toHaveURL(/[?&]run=run-/);
  await page.goBack();
  await expect(app.runGrid()).toBeVisible();
});

test('the grid is usable with the keyboard alone', async ({ page }) => {
  const app = await openShop(page);
  await app.openRuns([status('perfect'), status('swapped-steps')]);
  const grid = app.runGrid();
  await app.runs().getByRole('button', { name: 'Runs by steps passed, fewest first' }).focus();
  // One Tab stop: the grid's first step cell of the first run.
  await page.keyboard.press('Tab');
  await expect(grid.getByRole('button', { name: 'Step 1 in perfect.jsonl: done' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  await expect(
    grid.getByRole('button', { name: 'Step 3 in swapped-steps.jsonl: out of order, first divergence' }),
  ).toBeFocused();
  await page.keyboard.press('Home');
  await expect(grid.getByRole('rowheader').nth(2)).toBeFocused();
  await page.keyboard.press('End');
  await page.keyboard.press('Control+End');
  await expect(grid.getByRole('button', { name: 'Step 11 in swapped-steps.jsonl: done' })).toBeFocused();
  await page.keyboard.press('Control+Home');
  await expect(grid.getByRole('button', { name: 'Step', exact: true })).toBeFocused();
  // The slider did not move: arrow keys stay in the grid.
  await app.expectPosition(0, 11);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await app.expectPosition(3, 11);
  await expect(app.runSummary()).toContainText('swapped-steps.jsonl');
  await expect(app.runs().getByRole('region', { name: 'This step in the run' })).toContainText('out of order');
});

test('reload and Back keep the runs of the document shown', async ({ page }) => {
  const app = new StepwisePage(page);
  await app.open();
  await app.openRuns([builtinRun('agent-a.jsonl', [16]), builtinRun('agent-b.jsonl')]);
  await app.runGrid().getByRole('button', { name: 'Step 16 in agent-a.jsonl: missing, first divergence' }).click();
  await app.expectPosition(16);
  await expect(app.runSummary()).toContainText('First divergence: step 16 — Create a file named "api_definition.yaml"');
  await page.reload();
  await app.expectPosition(16);
  await expect(app.stepOption(16)).toContainText('missing');
  await app.openTab('Runs');
  await expect(app.runSummary()).toContainText('agent-a.jsonl');

  // Back and forth between the runs.
  const shown = app.runs().getByRole('combobox', { name: 'Run shown' });
  const showingA = page.url();
  await shown.selectOption({ label: 'PASS · agent-b.jsonl' });
  await expect(app.runSummary()).toContainText('agent-b.jsonl');
  // The address names the run shown after the frame is painted; Back before that would leave run a's entry.
  await expect(page).not.toHaveURL(showingA);
  await page.goBack();
  await expect(app.runSummary()).toContainText('agent-a.jsonl');

  // Removed runs stay removed.
  await app.runs().getByRole('button', { name: 'Remove this run' }).click();
  await page.reload();
  await app.openTab('Runs');
  await expect(shown.getByRole('option')).toHaveText(['All runs: the step × run grid', 'PASS · agent-b.jsonl']);
});

test('a run of another document says so plainly', async ({ page }) => {
  const app = new StepwisePage(page);
  await app.open();
  await app.openRuns([status('perfect')]);
  await expect(app.runSummary().getByRole('note')).toHaveText(
    `This looks like a run of another document: none of the paths it made are in “${BUILTIN.document.title}” (it made shop and 8 more).`,
  );
});

test('a file that is not a run is refused with its reason; the runs already open stay', async ({ page }) => {
  const app = await openShop(page);
  await app.openRuns([status('perfect')]);
  await app.openRuns([{ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"hello": 1}') }]);
  const alert = app.runs().getByRole('alert');
  await expect(alert).toContainText('A run could not be read; the runs already open stay as they were.');
  await expect(alert).toContainText('notes.json: notes.json: cannot tell what kind of run this is');
  await expect(app.runSummary()).toContainText('perfect.jsonl');
});

test('the downloaded report opens from disk, makes no request and sorts its grid', async ({ page, context }) => {
  const app = await openShop(page);
  await app.openRuns([status('perfect'), status('wrong-update-carried'), status('trailing-newline')]);
  const download = page.waitForEvent('download');
  await app.runs().getByRole('button', { name: 'Download report' }).click();
  const file = test.info().outputPath('report.html');
  await (await download).saveAs(file);
  // A hostile name must not change what the page does: it is text like any other.
  writeFileSync(test.info().outputPath('copy.html'), readFileSync(file));

  const requests: string[] = [];
  await context.route('**/*', (route) => {
    requests.push(route.request().url());
    return route.request().url() === pathToFileURL(file).href ? route.continue() : route.abort();
  });
  const report = await context.newPage();
  report.on('request', (request) => requests.push(request.url()));
  const errors: string[] = [];
  report.on('pageerror', (error) => errors.push(error.message));
  await report.goto(pathToFileURL(file).href);
  await expect(report.getByRole('heading', { level: 1 })).toHaveText('Grade: Test: A small shop service');
  await expect(report.getByText('3 runs: 1 passed, 2 failed')).toBeVisible();
  const grid = report.getByRole('table').nth(1);
  await grid.getByRole('button', { name: 'Passed by' }).click();
  await expect(grid.getByRole('rowheader').first()).toContainText('4 Create a file named "README.md"');
  await expect(report.getByText("Expected | actual (after op 10): − expected, + the run's version")).toBeVisible();
  expect(new Set(requests)).toEqual(new Set([pathToFileURL(file).href]));
  expect(errors).toEqual([]);
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the Runs views have no serious accessibility problem (${colorScheme})`, async ({ page }) => {
    test.slow();
    await page.emulateMedia({ colorScheme });
    const app = await openShop(page);
    await app.openRuns([status('wrong-update-carried'), status('combined-mkdir')]);
    await expect(app.runGrid()).toBeVisible();
    const scan = async (what: string) => {
      const results = await axeOn(page)
        .include('[role="tabpanel"]')
        .include('.timeline')
        .include('.step-list')
        .exclude('.monaco-diff-editor')
        .analyze();
      return results.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${what}: ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    };
    const grid = await scan('grid');
    await page.screenshot({ path: test.info().outputPath(`runs-grid-${colorScheme}.png`) });
    await app
      .runGrid()
      .getByRole('button', { name: 'Step 10 in wrong-update-carried.jsonl: wrong, first divergence' })
      .click();
    await app.runs().getByRole('button', { name: 'shop/config/settings.json' }).click();
    await app.operations().getByRole('option').nth(9).click();
    await page.screenshot({ path: test.info().outputPath(`runs-run-${colorScheme}.png`) });
    const run = await scan('run');
    expect([...grid, ...run]).toEqual([]);
  });
}
