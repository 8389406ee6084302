import { expect, test } from '@playwright/test';
import { builtin, LAST } from './engine';
import { StepwisePage } from './stepwise';

/** The names the tree should show at a position: every created entry, in tree (depth-first) order. */
function expectedNames(position: number): string[] {
  const paths = builtin.created.slice(0, builtin.snapshots[position].createdCount).map((e) => e.path);
  const sorted: string[] = [];
  const children = new Map<string, string[]>();
  for (const path of paths) {
    const parent = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
    children.set(parent, [...(children.get(parent) ?? []), path]);
  }
  const visit = (parent: string) => {
    for (const path of children.get(parent) ?? []) {
      sorted.push(path.slice(path.lastIndexOf('/') + 1));
      visit(path);
    }
  };
  visit('');
  return sorted;
}

test('walks all 85 steps forward and back with the keyboard', async ({ page }) => {
  test.setTimeout(180_000);
  const app = new StepwisePage(page);
  await app.open();
  await app.expectPosition(0);
  await expect(app.page.getByText('The tree is empty before step 1.')).toBeVisible();

  const checkpoints = new Set([1, 7, 15, 33, 50, 60, 85]);
  for (let position = 1; position <= LAST; position++) {
    await page.keyboard.press('ArrowRight');
    if (!checkpoints.has(position)) continue;
    await app.expectPosition(position);
    // The tree may draw its rows in a render after the one that moved the slider: read until they are there.
    await expect.poll(() => app.treeNames()).toEqual(expectedNames(position));
    await expect(app.narration).toContainText(`Step ${position} of 85`);
  }
  await expect(app.narration).toHaveText('Step 85 of 85: created file microservices_ecosystem_complete.txt');
  await expect(app.button('Next step')).toBeDisabled();

  await page.keyboard.press('ArrowLeft');
  await app.expectPosition(84);
  await page.keyboard.press('Home');
  await app.expectPosition(0);
  await page.keyboard.press('End');
  await app.expectPosition(85);
  await page.screenshot({ path: test.info().outputPath('step-85.png') });
});

test('marks what the current step added or changed, in words', async ({ page }) => {
  const app = new StepwisePage(page);
  await app.open('?step=15');
  const added = app.treeItem('service_config.json').first();
  await expect(added).toHaveAttribute('aria-description', 'new at this step');
  await expect(app.narration).toHaveText('Step 15 of 85: created file service_config.json');

  await page.keyboard.press('End');
  await app.open('?step=33');
  await expect(app.treeItem('architecture_config.json')).toHaveAttribute('aria-description', 'modified at this step');
  await expect(app.narration).toHaveText('Step 33 of 85: updated architecture_config.json, 2 keys changed');
});

test('the file tree follows the WAI-ARIA tree pattern', async ({ page }) => {
  const app = new StepwisePage(page);
  await app.open('?step=10');
  const root = app.treeItem('microservices_ecosystem');
  await root.click();
  await expect(root).toHaveAttribute('aria-expanded', 'false');
  await page.keyboard.press('ArrowRight');
  await expect(root).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('ArrowDown');
  await expect(app.treeItem('services')).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(app.treeItem('services')).toHaveAttribute('aria-expanded', 'false');
  await expect(app.treeItem('user_service')).toHaveCount(0);
  await page.keyboard.press('Enter');
  await expect(app.treeItem('user_service')).toBeVisible();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(root).toBeFocused();
  // Arrow keys in the tree move in the tree, never the timeline.
  await app.expectPosition(10);
});

test('shortcuts are inert while typing and list themselves on ?', async ({ page }) => {
  const app = new StepwisePage(page);
  await app.open('?step=5');
  await page.keyboard.press('/');
  await expect(app.filter).toBeFocused();
  await page.keyboard.type('payment');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Space');
  await app.expectPosition(5);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Shift+?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  // Focus goes back to the page, which had it when the dialog opened.
  await expect.poll(() => page.evaluate(() => document.activeElement === document.body)).toBe(true);
  const scroll = await page.evaluate(() => window.scrollY);
  await page.keyboard.press('Space');
  await expect(app.button('Pause')).toBeVisible();
  await page.keyboard.press('Space');
  await expect(app.button('Play')).toBeVisible();
  expect(await page.evaluate(() => window.scrollY)).toBe(scroll);

  // As a dialog closes, focus stays on its hidden button until the browser's next focus fix-up: a key
  // pressed in that moment still belongs to the page.
  await page.keyboard.press('Shift+?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toBeVisible();
  await dialog.evaluate((element: HTMLDialogElement) => {
    element.close();
    const key = new KeyboardEvent('keydown', { key: ' ', bubbles: true, cancelable: true });
    document.activeElement?.dispatchEvent(key);
  });
  await expect(app.button('Pause')).toBeVisible();
});
