import { expect, test, type Page } from '@playwright/test';
import { StepwisePage } from './stepwise';
import { axeOn } from './screens';

const GARDEN = [
  'Garden plan',
  '',
  'Step 1: Create a directory named "garden"',
  'Step 2: Create a file named "beds.json" in garden with content: {"beds": 3}',
].join('\n');
const ARCH = 'microservices_ecosystem/architecture_config.json';

const title = (page: Page) => page.getByRole('heading', { level: 1 });
const notice = (page: Page) => page.getByRole('alert', { name: 'Notice' });

/** Opens "Open file…" in the Documents tab and picks a file holding `text`. */
async function openFile(page: Page, name: string, text: string): Promise<void> {
  await page.getByRole('tab', { name: 'Documents' }).click();
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('button', { name: 'Open file…' }).click(),
  ]);
  await chooser.setFiles({ name, mimeType: 'text/plain', buffer: Buffer.from(text) });
}

/** A `#doc=` link to GARDEN, made by the app in its own page. */
async function gardenLink(page: Page): Promise<string> {
  const app = new StepwisePage(page);
  await app.open();
  await page.getByRole('tab', { name: 'Documents' }).click();
  await page.getByRole('textbox', { name: 'Paste a step document' }).fill(GARDEN);
  await page.getByRole('button', { name: 'Load pasted text' }).click();
  await expect(title(page)).toContainText('Garden plan');
  await page.getByRole('button', { name: 'Create share link' }).click();
  return page.getByRole('textbox', { name: 'Share link' }).inputValue();
}

test('a reload reopens your own document at the same step, file and tab', async ({ page }) => {
  const app = new StepwisePage(page);
  await app.open('?step=33');
  await openFile(page, 'garden.txt', GARDEN);
  await expect(title(page)).toContainText('Garden plan · 2 steps');
  await app.button('Last step').click();
  await app.expectPosition(2, 2);
  await expect(page).toHaveURL(/\?doc=doc-[0-9a-z]+&step=2&file=garden%2Fbeds\.json&view=documents$/);

  await page.reload();
  await expect(title(page)).toContainText('Garden plan · 2 steps');
  await app.expectPosition(2, 2);
  await expect(page.getByRole('tab', { name: 'Documents' })).toHaveAttribute('aria-selected', 'true');
  await app.openTab('File');
  await expect(page.getByRole('heading', { name: 'beds.json' })).toBeVisible();
  await expect(notice(page)).toHaveCount(0);
});

test('Back and Forward move between documents and their positions', async ({ page }) => {
  const app = new StepwisePage(page);
  await app.open(`?step=33&file=${encodeURIComponent(ARCH)}`);
  await openFile(page, 'garden.txt', GARDEN);
  await expect(title(page)).toContainText('Garden plan · 2 steps');
  await app.button('Last step').click();
  await app.expectPosition(2, 2);
  await expect(page).toHaveURL(/[?&]step=2(&|$)/);

  await page.goBack();
  await app.expectPosition(0, 2);
  await page.goBack();
  // The built-in scenario again, where it was: the old address is not applied to the garden.
  await expect(title(page)).toContainText('Microservices Architecture Simulation');
  await app.expectPosition(33);
  await expect(app.tree.getByRole('treeitem', { name: 'architecture_config.json', selected: true })).toBeVisible();
  await expect(notice(page)).toHaveCount(0);
  await page.goBack();
  await expect(page.getByRole('tab', { name: 'File' })).toHaveAttribute('aria-selected', 'true');

  await page.goForward();
  await page.goForward();
  await expect(title(page)).toContainText('Garden plan · 2 steps');
  await app.expectPosition(0, 2);
  await page.goForward();
  await app.expectPosition(2, 2);
  await expect(notice(page)).toHaveCount(0);
});

test('a notice about the previous document goes when another document is opened', async ({ page }) => {
  const app = new StepwisePage(page);
  await app.open('?step=999');
  await expect(notice(page)).toContainText('There is no step 999');
  await page.getByRole('tab', { name: 'Documents' }).click();
  await page.getByRole('button', { name: 'Bookshop sample' }).click();
  await expect(title(page)).toContainText('Bookshop Services');
  await expect(notice(page)).toHaveCount(0);
  // A sample has an address too: a reload keeps it.
  await app.slider.fill('3');
  await expect(page).toHaveURL(/\?doc=doc-[0-9a-z]+&step=3(&|$)/);
  await page.reload();
  await expect(title(page)).toContainText('Bookshop Services');
  await expect(app.slider).toHaveValue('3');
});

test('a shared link keeps its position on reload and offers to save the document', async ({ page, browser }) => {
  const link = await gardenLink(page);
  // Another browser: nothing of the garden in its storage.
  const context = await browser.newContext();
  const other = await context.newPage();
  const app = new StepwisePage(other);
  await other.goto(link.replace('#doc=', '?step=2#doc='));
  await expect(title(other)).toContainText('Garden plan · 2 steps');
  await app.expectPosition(2, 2);
  const offer = other.getByRole('region', { name: 'Shared document' });
  await expect(offer).toContainText('“Garden plan” was opened from a link and is not in your documents.');

  await app.button('Previous step').click();
  await app.expectPosition(1, 2);
  await expect(other).toHaveURL(/\?step=1&file=garden%2Fbeds\.json#doc=/);
  await other.reload();
  await expect(title(other)).toContainText('Garden plan');
  await app.expectPosition(1, 2);

  await offer.getByRole('button', { name: 'Save to your documents' }).click();
  await expect(offer.getByRole('status')).toHaveText('“Garden plan” is saved in your documents.');
  await other.getByRole('tab', { name: 'Documents' }).click();
  await expect(other.getByRole('list', { name: 'Your documents' })).toContainText('Garden plan');
  await offer.getByRole('button', { name: 'Dismiss' }).click();
  await expect(offer).toHaveCount(0);
  await context.close();
});

test('an address naming a bad document or view says so in one sentence and shows the built-in scenario', async ({
  page,
}) => {
  const app = new StepwisePage(page);
  await app.open('?doc=%3Cimg%20src%3Dx%3E&step=3');
  await expect(notice(page)).toHaveText(
    /“<img src=x>” in the address is not a document id; showing the built-in scenario\./,
  );
  await expect(page.locator('img')).toHaveCount(0);
  await app.expectPosition(0);

  await app.open('?doc=doc-zzzzzz&step=1&file=garden%2Fbeds.json');
  await expect(notice(page)).toContainText('(doc-zzzzzz) that is not in your documents in this browser');
  await expect(title(page)).toContainText('Microservices Architecture Simulation');
  await app.expectPosition(0);
  await expect(page).toHaveURL(/\?step=0$/);

  await app.open('?step=3&view=nonsense');
  await expect(notice(page)).toContainText('There is no view “nonsense”; showing the file view.');
  await expect(page.getByRole('tab', { name: 'File' })).toHaveAttribute('aria-selected', 'true');
  await app.expectPosition(3);
});

test('the tab is part of the address: a link opens the same view, Back returns to the tab before', async ({ page }) => {
  const app = new StepwisePage(page);
  await app.open(`?step=40&file=${encodeURIComponent(ARCH)}&view=history`);
  const history = page.getByRole('tabpanel', { name: 'History' });
  await expect(history.getByRole('heading', { name: 'History of architecture_config.json' })).toBeVisible();
  await app.openTab('Compare');
  await expect(page).toHaveURL(/&view=compare$/);
  await page.goBack();
  await expect(page.getByRole('tab', { name: 'History' })).toHaveAttribute('aria-selected', 'true');
  await expect(history).toBeVisible();
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the offer to save a shared document is accessible (${colorScheme})`, async ({ page, browser }) => {
    const link = await gardenLink(page);
    const context = await browser.newContext({ colorScheme });
    const other = await context.newPage();
    await other.goto(link);
    const offer = other.getByRole('region', { name: 'Shared document' });
    await expect(offer.getByRole('button', { name: 'Save to your documents' })).toBeVisible();
    await other.screenshot({ path: test.info().outputPath(`shared-offer-${colorScheme}.png`) });
    const before = await axeOn(other).include('.shared-offer').analyze();
    await offer.getByRole('button', { name: 'Save to your documents' }).click();
    await expect(offer.getByRole('status')).toBeVisible();
    const after = await axeOn(other).include('.shared-offer').analyze();
    const serious = [...before.violations, ...after.violations].filter(
      (v) => v.impact === 'serious' || v.impact === 'critical',
    );
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await context.close();
  });
}

test('a shared link pasted into an open page opens its document; Back returns to the one before', async ({
  page,
  context,
}) => {
  const link = await gardenLink(await context.newPage());
  const app = new StepwisePage(page);
  await app.open('?step=12');
  // Only the fragment changes: the address still asks for step 12, which the garden has not.
  await page.evaluate((hash) => (window.location.hash = hash), new URL(link).hash);
  await expect(title(page)).toContainText('Garden plan · 2 steps');
  await app.expectPosition(2, 2);
  await expect(notice(page)).toHaveText(/There is no step 12; showing step 2 of 2\./);
  await page.goBack();
  await expect(title(page)).toContainText('Microservices Architecture Simulation');
  await app.expectPosition(12);
  await expect(notice(page)).toHaveCount(0);
});
