import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { replay } from '../src/steps/engine';
import { parseDocument } from '../src/steps/parser';
import { StepwisePage } from './stepwise';
import { axeOn } from './screens';

const sample = (name: string) => readFileSync(fileURLToPath(new URL(`../samples/${name}`, import.meta.url)), 'utf8');
const BOOKSHOP = replay(parseDocument(sample('bookshop.txt')));
const BOOKSHOP_LAST = BOOKSHOP.snapshots.length - 1;

const MINE = [
  'Garden plan',
  '',
  'Step 1: Create a directory named "garden"',
  'Step 2: Create a file named "beds.json" in garden with content: {"beds": 3}',
].join('\n');
const BROKEN = [
  'Broken plan',
  '',
  'Step 1: Create a directory named "shed"',
  'Step 2: Build a shed named "tools"',
  'Step 3: Create a directory named "x"',
].join('\n');

async function openDocuments(page: Page, query = ''): Promise<StepwisePage> {
  const app = new StepwisePage(page);
  await app.open(query);
  await page.getByRole('tab', { name: 'Documents' }).click();
  await expect(page.getByRole('heading', { name: 'Documents', exact: true })).toBeVisible();
  return app;
}

const title = (page: Page) => page.getByRole('heading', { level: 1 });
const pasteBox = (page: Page) => page.getByRole('textbox', { name: 'Paste a step document' });

async function paste(page: Page, text: string): Promise<void> {
  await pasteBox(page).fill(text);
  await page.getByRole('button', { name: 'Load pasted text' }).click();
}

test('a line that looks like a mistyped step loads as description, with a warning in the header and the Validation tab', async ({
  page,
}) => {
  const app = await openDocuments(page);
  await paste(page, [...MINE.split('\n'), 'Step 3 Create a directory named "shed" inside garden'].join('\n'));
  await expect(title(page)).toContainText('Garden plan · 2 steps');
  const badge = page.getByRole('banner').getByRole('note', { name: 'Validation' });
  await expect(badge).toContainText('· 1 document warning');
  const panel = await app.openTab('Validation');
  await expect(panel.getByRole('list', { name: 'Document warnings' }).getByRole('listitem')).toHaveText([
    'Line 5: "Step 3 Create a directory named "shed" inside garden" looks like a step but is read as description; a step line starts with "Step <number>:"',
  ]);
});

test('a sample document becomes the scenario; the built-in one is one click away', async ({ page }) => {
  const app = await openDocuments(page, '?step=30');
  await page.getByRole('button', { name: 'Bookshop sample' }).click();
  await expect(title(page)).toContainText(`Bookshop Services · ${BOOKSHOP_LAST} steps`);
  await app.expectPosition(0, BOOKSHOP_LAST);
  await app.slider.fill(String(BOOKSHOP_LAST));
  await expect(app.treeItem('README.md')).toBeVisible();
  await expect(app.treeItem('shop_config.json')).toBeVisible();

  await page.getByRole('button', { name: 'Tiny rules sample' }).click();
  await expect(title(page)).toContainText('Tiny Rules · 11 steps');
  await page.getByRole('button', { name: 'Built-in scenario' }).click();
  await expect(title(page)).toContainText('Microservices Architecture Simulation · 85 steps');
  await app.expectPosition(0);
});

test('a broken document names its line and step, shows the line, and the previous scenario stays', async ({ page }) => {
  await openDocuments(page);
  await page.getByRole('button', { name: 'Bookshop sample' }).click();
  await expect(title(page)).toContainText('Bookshop Services');

  await paste(page, BROKEN);
  const alert = page.getByRole('alert').filter({ hasText: 'could not be loaded' });
  await expect(alert).toContainText('“pasted text” could not be loaded. The previous scenario is still shown.');
  await expect(alert).toContainText('Line 4, step 2: unknown step form');
  await expect(alert.getByLabel('Line 4')).toHaveText('4Step 2: Build a shed named "tools"');
  await expect(title(page)).toContainText(`Bookshop Services · ${BOOKSHOP_LAST} steps`);
  await page.screenshot({ path: test.info().outputPath('documents-error-light.png') });

  // A replay error (a missing parent) is reported the same way.
  await paste(page, 'Oops\nStep 1: Create a directory named "a" inside nowhere');
  await expect(alert).toContainText('Line 2, step 1: no directory named "nowhere" exists yet');
  await alert.getByRole('button', { name: 'Dismiss' }).click();
  await expect(alert).toBeHidden();
  await expect(title(page)).toContainText('Bookshop Services');
});

test('a file that is not UTF-8 is refused with a clear message', async ({ page }) => {
  await openDocuments(page);
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('button', { name: 'Open file…' }).click(),
  ]);
  await chooser.setFiles({
    name: 'latin1.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from([0x53, 0x74, 0x65, 0x70, 0xe9, 0x0a]),
  });
  await expect(page.getByRole('alert').filter({ hasText: '“latin1.txt” could not be loaded' })).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'The file is not valid UTF-8' })).toBeVisible();

  const [again] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('button', { name: 'Open file…' }).click(),
  ]);
  await again.setFiles({
    name: 'garden.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from(`\uFEFF${MINE.replace(/\n/g, '\r\n')}`),
  });
  await expect(title(page)).toContainText('Garden plan · 2 steps');
});

test('loaded documents are remembered: listed after a reload, opened and deleted', async ({ page }) => {
  const app = await openDocuments(page);
  const yours = page.getByRole('list', { name: 'Your documents' });
  await paste(page, MINE);
  await expect(title(page)).toContainText('Garden plan');
  await expect(yours.getByRole('listitem')).toHaveCount(1);
  await expect(yours).toContainText('Garden plan');

  // Listed in a fresh page of this browser (a reload would reopen the document itself: its address names it).
  await app.open();
  await page.getByRole('tab', { name: 'Documents' }).click();
  await page.getByRole('button', { name: 'Built-in scenario' }).click();
  await expect(title(page)).toContainText('Microservices Architecture Simulation');
  await yours.getByRole('button', { name: 'Open Garden plan' }).click();
  await expect(title(page)).toContainText('Garden plan · 2 steps');
  await app.expectPosition(0, 2);
  await expect(yours).toContainText('open');

  await yours.getByRole('button', { name: 'Delete Garden plan' }).click();
  await expect(yours).toBeHidden();
  await expect(page.getByText('Documents you load are remembered here')).toBeVisible();
});

test('a corrupt stored document is dropped with a notice', async ({ page }) => {
  await page.addInitScript(() => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem('stepwise:doc:doc-broken', '{"version":1,"id":"doc-broken"');
      sessionStorage.setItem('seeded', '1');
    }
  });
  await openDocuments(page);
  await expect(
    page.getByRole('alert').filter({ hasText: '1 saved document could not be read and was removed.' }),
  ).toBeVisible();
  expect(await page.evaluate(() => localStorage.getItem('stepwise:doc:doc-broken'))).toBeNull();
});

test('a share link round-trips the document; a damaged one leaves the built-in loaded', async ({ page, context }) => {
  await openDocuments(page);
  await expect(page.getByText('The built-in scenario is part of the app')).toBeVisible();
  await paste(page, MINE);
  await expect(title(page)).toContainText('Garden plan');
  await page.getByRole('button', { name: 'Create share link' }).click();
  const link = await page.getByRole('textbox', { name: 'Share link' }).inputValue();
  expect(link).toMatch(/#doc=[A-Za-z0-9_-]+$/);
  expect(new URL(link).search).toBe('');

  const other = await context.newPage();
  await other.goto(link);
  await expect(title(other)).toContainText('Garden plan · 2 steps');
  const app = new StepwisePage(other);
  await app.slider.fill('2');
  await expect(app.treeItem('beds.json')).toBeVisible();
  // sync.ts keeps the fragment while it rewrites the query.
  expect(other.url()).toContain('#doc=');
  // Loading another scenario drops the fragment, so a reload does not bring the shared one back.
  await other.getByRole('tab', { name: 'Documents' }).click();
  await other.getByRole('button', { name: 'Built-in scenario' }).click();
  await expect(title(other)).toContainText('Microservices');
  await expect.poll(() => other.url()).not.toContain('#doc=');

  const broken = await context.newPage();
  await broken.goto(link.slice(0, link.length - 20));
  await expect(broken.getByRole('alert').filter({ hasText: 'The shared document could not be opened' })).toBeVisible();
  await expect(title(broken)).toContainText('Microservices Architecture Simulation');
  await new StepwisePage(broken).button('Next step').click();
  await new StepwisePage(broken).expectPosition(1);
});

test('a long document shows progress and can be cancelled; the scenario stays', async ({ page }) => {
  await openDocuments(page);
  // Ninety thousand steps take long enough to read and replay to watch the progress and cancel it.
  const steps = ['Step 1: Create a directory named "wide"'];
  for (let i = 2; i <= 90_000; i++) steps.push(`Step ${i}: Create a directory named "d${i}" inside wide`);
  // Through "Open file…": Playwright's fill() types large text far slower than a paste.
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('button', { name: 'Open file…' }).click(),
  ]);
  await chooser.setFiles({
    name: 'wide.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from(`Wide\n${steps.join('\n')}`),
  });
  const progress = page.getByRole('progressbar', { name: 'Loading wide.txt' });
  await expect(progress).toBeVisible();
  await expect(
    page.getByRole('status').filter({ hasText: /Replaying wide\.txt — step [\d,]+ of 90,000/ }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(progress).toBeHidden();
  await expect(page.getByText('Loading “wide.txt” was cancelled; the previous scenario is still shown.')).toBeVisible();
  await expect(title(page)).toContainText('Microservices Architecture Simulation · 85 steps');
});

test('the header button opens the documents in a keyboard-accessible dialog', async ({ page }) => {
  const app = new StepwisePage(page);
  await app.open();
  const open = page.getByRole('button', { name: 'Load document' });
  await open.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Load a document' });
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  await open.click();
  await dialog.getByRole('button', { name: 'Tiny rules sample' }).click();
  await expect(dialog).toBeHidden();
  await expect(title(page)).toContainText('Tiny Rules · 11 steps');
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the documents views are accessible and look right (${colorScheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await openDocuments(page);
    await paste(page, MINE);
    await expect(title(page)).toContainText('Garden plan');
    await page.getByRole('button', { name: 'Create share link' }).click();
    await paste(page, BROKEN);
    await expect(page.getByRole('alert').filter({ hasText: 'Line 4, step 2' })).toBeVisible();
    await page.screenshot({ path: test.info().outputPath(`documents-${colorScheme}.png`) });
    const tab = await axeOn(page).include('.documents').analyze();
    await page.getByRole('alert').getByRole('button', { name: 'Dismiss' }).click();
    await page.getByRole('heading', { name: 'Your documents' }).scrollIntoViewIfNeeded();
    await expect(page.getByRole('textbox', { name: 'Share link' })).toBeVisible();
    await page.screenshot({ path: test.info().outputPath(`documents-library-${colorScheme}.png`) });

    await page.getByRole('button', { name: 'Load document' }).click();
    const dialogView = page.getByRole('dialog', { name: 'Load a document' });
    await expect(dialogView.getByRole('heading', { name: 'Documents', exact: true })).toBeVisible();
    await page.screenshot({ path: test.info().outputPath(`documents-dialog-${colorScheme}.png`) });
    const dialog = await axeOn(page).include('.load-document').analyze();
    const serious = [...tab.violations, ...dialog.violations].filter(
      (v) => v.impact === 'serious' || v.impact === 'critical',
    );
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
}

test('the header badge of a loaded document counts the files that parse at every step, the last first', async ({
  page,
}) => {
  const app = await openDocuments(page);
  await paste(
    page,
    [
      'Mixed plan',
      '',
      'Step 1: Create a directory named "r"',
      'Step 2: Create a file named "a.json" in r with content: "{\\"a\\": "',
      'Step 3: Create a file named "b.yaml" in r with content: "b: [1"',
      'Step 4: Create a file named "c.yaml" in r with content: "c: 1"',
      'Step 5: Create a file named "d.json" in r with content: {"d": 1}',
      'Step 6: Update d.json: add e: 2',
    ].join('\n'),
  );
  await expect(title(page)).toContainText('Mixed plan · 6 steps');
  const badge = page.getByRole('banner').getByRole('note', { name: 'Validation' });
  await app.slider.fill('6');
  await expect(badge).toHaveText('2/4 files valid');
  await app.slider.fill('3');
  await expect(badge).toHaveText('0/2 files valid');
  await app.slider.fill('4');
  await expect(badge).toHaveText('1/3 files valid');
});
