import { expect, test } from '@playwright/test';
import { StepwisePage } from './stepwise';
import { axeOn } from './screens';

test('no request leaves the origin and the console stays clean', async ({ page, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const foreign: string[] = [];
  const problems: string[] = [];
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) foreign.push(url);
  });
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));

  const app = new StepwisePage(page);
  await app.open('?step=32');
  await expect(app.editorText()).toContainText('templates');
  await app.button('Next step').click();
  await expect(page.locator('.monaco-diff-editor')).toBeVisible();
  await app.slider.fill('44');
  await expect(app.editorText()).toContainText('IstioOperator');
  await app.slider.fill('83');
  await expect(app.editorText()).toContainText('Runbook');
  await Promise.all([page.waitForEvent('download'), app.button('Download zip').click()]);
  expect(foreign).toEqual([]);
  expect(problems).toEqual([]);
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`no serious or critical accessibility violations (${colorScheme})`, async ({ page }) => {
    test.setTimeout(180_000);
    await page.emulateMedia({ colorScheme });
    const app = new StepwisePage(page);
    await app.open('?step=33');
    await expect(page.locator('.monaco-diff-editor')).toBeVisible();
    await page.screenshot({ path: test.info().outputPath(`app-${colorScheme}.png`) });
    const results = await axeOn(page).exclude('.monaco-editor').exclude('.monaco-diff-editor').analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
}
