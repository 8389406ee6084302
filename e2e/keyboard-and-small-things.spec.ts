import { expect, test } from '@playwright/test';
import { describeChange } from '../src/steps/describe';
import { builtin } from './engine';
import { StepwisePage } from './stepwise';
import { axeOn } from './screens';

const ARCH = 'microservices_ecosystem/architecture_config.json';
const archAt = (step: number, more = '') => `?step=${step}&file=${encodeURIComponent(ARCH)}${more}`;

test('the step list is one Tab stop, entered at the current step; arrow keys move and Enter jumps', async ({
  page,
}) => {
  const app = new StepwisePage(page);
  await app.open('?step=40');
  await app.filter.focus();
  await app.tabInto(app.stepList, 3);
  await expect(app.stepOption(40)).toBeFocused();
  await expect(app.stepOption(40)).toHaveAttribute('aria-selected', 'true');

  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(app.stepOption(42)).toBeFocused();
  await app.expectPosition(40);
  await page.keyboard.press('Enter');
  await app.expectPosition(42);
  await expect(app.stepOption(42)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Home');
  await expect(app.stepOption(1)).toBeFocused();
  await page.keyboard.press('End');
  await expect(app.stepOption(85)).toBeFocused();
  await page.keyboard.press('PageUp');
  await expect(app.stepOption(75)).toBeFocused();
  await page.keyboard.press(' ');
  await app.expectPosition(75);

  // One stop: the next Tab leaves the list; Shift+Tab comes back to the current step.
  await page.keyboard.press('Tab');
  expect(await app.stepList.evaluate((list) => list.contains(document.activeElement))).toBe(false);
  await page.keyboard.press('Shift+Tab');
  await expect(app.stepOption(75)).toBeFocused();
});

test('from the slider, the tree is a handful of Tab presses away; a skip link goes straight to the file', async ({
  page,
}) => {
  const app = new StepwisePage(page);
  await app.open('?step=10');
  await app.slider.focus();
  // The step details, the filter, its kind, the step list, the tree.
  expect(await app.tabInto(app.tree)).toBeLessThanOrEqual(5);

  await app.open(archAt(33, '&view=history'));
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to file view' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  const filePanel = page.getByRole('tabpanel', { name: 'File' });
  await expect(filePanel).toBeFocused();
  await expect(filePanel.getByRole('heading', { name: 'architecture_config.json' })).toBeVisible();
  // Not a fragment: the address still names the view.
  await expect(page).toHaveURL(/step=33/);
});

test('a slider drag adds one history entry, not one per position', async ({ page }) => {
  const app = new StepwisePage(page);
  await app.open('?step=10');
  const box = (await app.slider.boundingBox())!;
  // Chromium's thumb is 16 px wide: position p sits at 8 + p/85 of the rest of the width.
  const xOf = (position: number) => box.x + 8 + (position / 85) * (box.width - 16);
  const y = box.y + box.height / 2;
  await page.mouse.move(xOf(10), y);
  await page.mouse.down();
  await page.mouse.move(xOf(60), y, { steps: 12 });
  await page.mouse.up();
  await expect.poll(async () => Number(await app.slider.inputValue())).toBeGreaterThan(50);
  await expect(page).toHaveURL(new RegExp(`step=${await app.slider.inputValue()}`));
  await page.goBack();
  await app.expectPosition(10);
});

test('at step 0 the step list is scrolled to the top', async ({ page }) => {
  const app = new StepwisePage(page);
  await app.open('?step=80');
  await expect(app.stepOption(80)).toBeInViewport();
  await expect(app.stepOption(1)).not.toBeInViewport();
  await page.keyboard.press('Home');
  await app.expectPosition(0);
  await expect(app.stepOption(1)).toBeInViewport();
});

test('History follows the selected file, marks later versions, and says when a file has one version', async ({
  page,
}) => {
  const app = new StepwisePage(page);
  await app.open(archAt(40, '&view=history'));
  const panel = page.getByRole('tabpanel', { name: 'History' });
  await expect(panel.getByRole('heading', { name: 'History of architecture_config.json' })).toBeVisible();
  const versions = panel.getByRole('list', { name: 'Versions of architecture_config.json' });
  const later = versions.getByRole('listitem').filter({ hasText: 'later' });
  await expect(later).toHaveCount(4);
  await expect(later.getByRole('button')).toHaveText(['50', '59', '69', '82']);

  // Another file selected in the tree: History follows it.
  const config = 'microservices_ecosystem/services/user_service/service_config.json';
  const created = builtin.fileChanges.get(config)!;
  expect(created).toHaveLength(1);
  await app.tree.getByRole('treeitem', { name: 'service_config.json' }).first().click();
  await expect(panel).toContainText(
    `service_config.json has one version: step ${created[0]} creates it and no later step changes it.`,
  );
  await panel.getByRole('combobox', { name: 'File' }).selectOption(ARCH);
  await expect(panel.getByRole('heading', { name: 'History of architecture_config.json' })).toBeVisible();
  await expect(app.tree.getByRole('treeitem', { name: 'architecture_config.json', selected: true })).toBeVisible();
});

test('the filter says why each row matched, and filters by kind', async ({ page }) => {
  const app = new StepwisePage(page);
  await app.open();
  await app.filter.fill('payment');
  // Step 18's own path is inventory_service's config; its instruction names payment_service: quoted, marked.
  const quoted = app.stepOption(18);
  await expect(quoted).toContainText('“');
  await expect(quoted.locator('mark')).toHaveText('payment');
  // A row found by its path marks the match in the path.
  const byPath = app.stepList.getByRole('option', { name: /payment_flow\.json/ });
  await expect(byPath.locator('mark')).toHaveText('payment');
  await expect(byPath).not.toContainText('“');
  // …in its folder's path too, shown from just before the match.
  const inFolder = builtin.document.steps.findIndex((_, i) =>
    /\/payment_service\/[^/]+$/.test(builtin.snapshots[i + 1].change?.path ?? ''),
  );
  const folderRow = app.stepOption(inFolder + 1);
  await expect(folderRow.locator('mark')).toHaveText('payment');
  await expect(folderRow.locator('mark')).toBeInViewport({ ratio: 1 });

  const updates = builtin.document.steps.filter((step) => step.kind === 'update');
  await app.filter.fill('');
  await page.getByRole('combobox', { name: 'Kind of step' }).selectOption({ label: 'Updates' });
  await expect(app.stepList.getByRole('option')).toHaveCount(updates.length);
  await expect(page.getByRole('heading', { name: `Steps ${updates.length} of 85` })).toBeVisible();
  await app.filter.fill('registry');
  const both = builtin.document.steps.filter((s) => s.kind === 'update' && s.text.includes('registry'));
  await expect(app.stepList.getByRole('option')).toHaveCount(both.length);
});

test('a later path opens the step that creates it', async ({ page }) => {
  const app = new StepwisePage(page);
  await app.open('?step=5');
  await page.getByRole('checkbox', { name: 'Later paths' }).check();
  const later = app.treeItem('api_definition.yaml');
  await expect(later).toHaveAttribute('aria-description', 'created at step 16; opens that step');
  await later.click();
  await app.expectPosition(16);
  await expect(page.getByRole('heading', { name: 'api_definition.yaml' })).toBeVisible();
});

test('"Compare with" lists each earlier version once, never the one shown', async ({ page }) => {
  const app = new StepwisePage(page);
  const compareWith = page.getByRole('combobox', { name: 'Compare with' });
  await app.open('?step=50');
  await expect(compareWith.getByRole('option')).toHaveText(['nothing (show content)', 'step 6', 'step 33']);
  await expect(compareWith).toHaveValue('33');
  await expect(page.getByText('Step 33', { exact: true })).toBeVisible();
  await app.open(archAt(55));
  await expect(compareWith.getByRole('option')).toHaveText(['nothing (show content)', 'step 6', 'step 33']);
});

test('why Download zip is disabled at step 0 is on the page', async ({ page }) => {
  const app = new StepwisePage(page);
  await app.open('?step=0');
  const zip = app.button('Download zip');
  await expect(zip).toBeDisabled();
  await expect(page.getByText('Empty at step 0: nothing to zip')).toBeVisible();
  await expect(zip).toHaveAccessibleDescription('Empty at step 0: nothing to zip');
  await app.button('Next step').click();
  await expect(zip).toBeEnabled();
  await expect(page.getByText('Empty at step 0: nothing to zip')).toHaveCount(0);
});

test('timeline markers say which step changes the file and how; a click goes there', async ({ page }) => {
  const app = new StepwisePage(page);
  await app.open(archAt(33));
  const tip = `Step 50: ${describeChange(builtin.snapshots[50].change)}`;
  expect(tip).toMatch(/^Step 50: updated architecture_config\.json, \d+ keys changed$/);
  await expect(page.getByText(tip)).toBeHidden();
  await app.timelineMarker(50).hover();
  await expect(page.getByText(tip)).toBeVisible();
  await app.timelineMarker(50).click();
  await app.expectPosition(50);
});

test('the ? dialog lists the editor keys Ctrl+M and F7, and the editor does what it says', async ({ page }) => {
  const app = new StepwisePage(page);
  await app.open(archAt(33));
  await page.keyboard.press('Shift+?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog.getByRole('row', { name: /^Ctrl\+M In the editor: .*Tab always leaves/ })).toBeVisible();
  await expect(dialog.getByRole('row', { name: /^F7 \/ Shift\+F7 In a diff: next \/ previous change/ })).toBeVisible();
  await page.keyboard.press('Escape');

  await expect(page.locator('.monaco-diff-editor')).toBeVisible();
  const modified = page.locator('.monaco-diff-editor .editor.modified');
  await modified.locator('.view-lines:not(.line-delete)').click();
  // As the dialog says: Tab leaves the editor, Shift+Tab comes back.
  const inModified = () => modified.evaluate((editor) => editor.contains(document.activeElement));
  await page.keyboard.press('Tab');
  expect(await inModified()).toBe(false);
  await page.keyboard.press('Shift+Tab');
  expect(await inModified()).toBe(true);
  await page.keyboard.press('F7');
  await expect(page.locator('.monaco-diff-editor .diff-review')).toBeVisible();
});

test('counts say "1 file", not "1 files"', async ({ page }) => {
  const app = new StepwisePage(page);
  const first = builtin.snapshots.find((s) => s.fileCount === 1)!;
  await app.open(`?step=${first.position}`);
  const dirs = first.directoryCount;
  await expect(page.getByRole('heading', { name: /^Files/ })).toContainText(
    `1 file · ${dirs} ${dirs === 1 ? 'dir' : 'dirs'}`,
  );
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`what these journeys add is accessible (${colorScheme})`, async ({ page }) => {
    test.setTimeout(180_000);
    await page.emulateMedia({ colorScheme });
    const app = new StepwisePage(page);
    const serious: string[] = [];
    /** Axe on the parts these journeys add to (the whole page has its own journey). */
    const check = async (what: string, parts: string[]) => {
      let axe = axeOn(page).exclude('.monaco-editor').exclude('.monaco-diff-editor');
      for (const part of parts) axe = axe.include(part);
      const results = await axe.analyze();
      for (const v of results.violations)
        if (v.impact === 'serious' || v.impact === 'critical')
          serious.push(`${what}: ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      await page.screenshot({ path: test.info().outputPath(`${what}-${colorScheme}.png`) });
    };

    // Step 0: the reason beside Download zip, the skip link in view.
    await app.open('?step=0');
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Skip to file view' })).toBeFocused();
    await check('step-0', ['.app__skip', '.header', '.step-list']);

    // The filter's reasons and kind, the list focused, later paths, a marker's tooltip, History's later versions.
    // Step 41 (a folder): its instruction fits the details box, whose long-text case is another journey's.
    await app.open(archAt(41, '&view=history'));
    await app.filter.fill('payment');
    await page.getByRole('combobox', { name: 'Kind of step' }).selectOption({ label: 'Files' });
    await app.stepList.getByRole('option').first().focus();
    await page.getByRole('checkbox', { name: 'Later paths' }).check();
    await app.timelineMarker(50).hover();
    await expect(page.getByText(/^Step 50: updated/)).toBeVisible();
    await expect(page.getByRole('tabpanel', { name: 'History' }).getByText('later').first()).toBeVisible();
    await check('filtered', ['.timeline', '.step-list', '.file-tree', '.file-history']);

    // History of a file with one version.
    await app.tree.getByRole('treeitem', { name: 'service_config.json' }).first().click();
    await expect(page.getByText(/has one version/)).toBeVisible();
    await check('one-version', ['.file-history']);
    expect(serious).toEqual([]);
  });
}
