import { expect, test } from '@playwright/test';
import { builtin, LAST } from './engine';
import { StepwisePage } from './stepwise';

test('the header badge says every file is valid and the final structure matches at step 85', async ({ page }) => {
  const app = new StepwisePage(page);
  await app.open(`?step=${LAST}`);
  const badge = page.getByRole('banner').getByRole('note', { name: 'Validation' });
  await expect(badge).toHaveText('50/50 files valid · structure matches');
  expect(builtin.snapshots[LAST].fileCount).toBe(50);
});

test('at an earlier step the badge counts the files that exist then, and the panel explains the structure check', async ({
  page,
}) => {
  const app = new StepwisePage(page);
  await app.open('?step=20');
  const badge = page.getByRole('banner').getByRole('note', { name: 'Validation' });
  const files = builtin.snapshots[20].fileCount;
  await expect(badge).toHaveText(`${files}/${files} files valid`);

  const panel = await app.openTab('Validation');
  await expect(panel.getByRole('heading', { name: 'Validation at step 20' })).toBeVisible();
  const rows = panel.getByRole('table').getByRole('row');
  await expect(rows).toHaveCount(files + 1);
  await expect(rows.filter({ hasText: 'api_definition.yaml' })).toContainText('✓ parses');
  await expect(panel).toContainText(/\d+ of \d+ expected entries exist so far/);

  await panel.getByRole('button', { name: `Go to step ${LAST}` }).click();
  await app.expectPosition(LAST);
  await expect(badge).toHaveText('50/50 files valid · structure matches');
  await expect(panel).toContainText('The tree matches the expected structure exactly');
  await page.screenshot({ path: test.info().outputPath('validation-85.png') });
});
