import { expect, test } from '@playwright/test';
import { StepwisePage } from './stepwise';

test('the URL follows the position and file, and opening it restores both', async ({ page }) => {
  const app = new StepwisePage(page);
  await app.open();
  await app.slider.fill('24');
  await expect(page).toHaveURL(
    /\?step=24&file=microservices_ecosystem%2Fservices%2Finventory_service%2Finventory_management\.json$/,
  );
  const url = page.url();

  const other = await page.context().newPage();
  const again = new StepwisePage(other);
  await other.goto(url);
  await again.expectPosition(24);
  await expect(other.getByRole('heading', { name: 'inventory_management.json' })).toBeVisible();
  await expect(other.getByRole('alert', { name: 'Notice' })).toHaveCount(0);
});

test('an invalid deep link is clamped and said so, never a blank page', async ({ page }) => {
  const app = new StepwisePage(page);
  await app.open('?step=999&file=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E');
  await app.expectPosition(85);
  const notice = page.getByRole('alert', { name: 'Notice' });
  await expect(notice).toContainText('There is no step 999; showing step 85 of 85.');
  await expect(notice).toContainText('The scenario has no path “<img src=x onerror=alert(1)>”');
  await expect(page.locator('img')).toHaveCount(0);
  await app.open('?step=abc');
  await app.expectPosition(0);
  await expect(page.getByRole('alert').filter({ hasText: '“abc” is not a step number' })).toBeVisible();
});

test('browser back and forward walk through the visited positions', async ({ page }) => {
  const app = new StepwisePage(page);
  await app.open('?step=10');
  await app.button('Next step').click();
  await app.button('Next step').click();
  await app.expectPosition(12);
  // The address follows the step after the frame is painted: Back waits for it, as a person would.
  await expect(page).toHaveURL(/[?&]step=12(&|$)/);
  await page.goBack();
  await app.expectPosition(11);
  await page.goBack();
  await app.expectPosition(10);
  await page.goForward();
  await app.expectPosition(11);
});

test('a reload keeps the position and the selected file', async ({ page }) => {
  const app = new StepwisePage(page);
  await app.open('?step=30');
  await app.treeItem('event_schema.json').click();
  await page.goto('./');
  await app.expectPosition(30);
  await expect(page.getByRole('heading', { name: 'event_schema.json' })).toBeVisible();
});
