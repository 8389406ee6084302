import { expect, test, type Locator } from '@playwright/test';
import { StepwisePage } from './stepwise';
import { axeOn } from './screens';

const SERVICES = [
  'user_service',
  'order_service',
  'payment_service',
  'inventory_service',
  'notification_service',
  'analytics_service',
  'auth_service',
  'email_service',
];

/** A service node of the graph, found by its accessible name ("order_service: registered; …"). */
function node(panel: Locator, service: string): Locator {
  return panel.getByRole('img', { name: new RegExp(`^${service}: `) });
}

async function expectAll(panel: Locator, status: string): Promise<void> {
  for (const service of SERVICES)
    await expect(node(panel, service)).toHaveAccessibleName(new RegExp(`^${service}: ${status}(;|$)`));
}

test('the architecture view follows the services from directories to registration', async ({ page }) => {
  const app = new StepwisePage(page);
  await app.open('?step=14');
  const panel = await app.openTab('Architecture');
  await expect(panel.getByRole('heading', { name: 'Architecture at step 14' })).toBeVisible();
  await expectAll(panel, 'directory created');
  await expect(node(panel, 'email_service')).toHaveAccessibleName(/changed at this step from not yet created/);
  await expect(node(panel, 'order_service')).not.toHaveAccessibleName(/depends on/);

  await app.slider.fill('31');
  await expect(panel.getByRole('heading', { name: 'Architecture at step 31' })).toBeVisible();
  await expectAll(panel, 'configured');
  await expect(node(panel, 'order_service')).toHaveAccessibleName(
    'order_service: configured; port 8002; 5 replicas; circuit breaker failure threshold 3; depends on user_service, inventory_service, payment_service',
  );
  await expect(node(panel, 'payment_service')).toHaveAccessibleName(/depends on user_service, notification_service$/);
  await expect(node(panel, 'email_service')).toHaveAccessibleName(/changed at this step from directory created/);
  await expect(
    panel
      .getByRole('table')
      .filter({ hasText: 'Failure threshold' })
      .getByRole('row', { name: /email_service/ }),
  ).toContainText('8');

  await app.slider.fill('33');
  await expectAll(panel, 'registered');
  const subsystems = panel.getByRole('table').filter({ hasText: 'Subsystem' });
  await expect(subsystems.getByRole('row', { name: /current_state/ })).toContainText('services_configured');
  await expect(subsystems.getByRole('row', { name: /current_state/ })).toContainText('this step');
  await expect(subsystems.getByRole('row', { name: /api_gateway/ })).toContainText('not set yet');
});

test('at the last step every subsystem is set, the saga is shown, and a subsystem jumps to its step', async ({
  page,
}) => {
  const app = new StepwisePage(page);
  await app.open('?step=85');
  const panel = await app.openTab('Architecture');
  await expectAll(panel, 'registered');
  for (const service of SERVICES) await expect(node(panel, service)).not.toHaveAccessibleName(/changed at this step/);
  const subsystems = panel.getByRole('table').filter({ hasText: 'Subsystem' });
  await expect(subsystems.getByRole('row', { name: /tracing/ })).toContainText('jaeger');
  await expect(subsystems.getByText('not set yet')).toHaveCount(0);
  const saga = panel.getByRole('table').filter({ hasText: 'order_processing_saga' });
  await expect(saga.getByRole('row', { name: /reserve_inventory/ })).toContainText('release_inventory');
  await expect(saga.getByRole('row')).toHaveCount(5);
  await panel.getByRole('region', { name: 'Services' }).screenshot({ path: test.info().outputPath('services-85.png') });
  await panel
    .getByRole('region', { name: 'Subsystems' })
    .screenshot({ path: test.info().outputPath('subsystems-85.png') });
  await panel.getByRole('region', { name: 'Sagas' }).screenshot({ path: test.info().outputPath('sagas-85.png') });

  await subsystems.getByRole('button', { name: 'Go to step 59, which set event_store' }).click();
  await app.expectPosition(59);
  await expect(panel.getByRole('heading', { name: 'Architecture at step 59' })).toBeVisible();
});

for (const scheme of ['light', 'dark'] as const) {
  test(`the architecture view reads well in ${scheme} mode, wide and at 1024 px`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    const app = new StepwisePage(page);
    await app.open('?step=18');
    const panel = await app.openTab('Architecture');
    await expect(node(panel, 'order_service')).toBeVisible();
    await page.screenshot({ path: test.info().outputPath(`architecture-${scheme}-1440.png`) });
    await page.setViewportSize({ width: 1024, height: 768 });
    await expect(node(panel, 'order_service')).toBeVisible();
    const graph = panel.getByRole('group', { name: /Service dependency graph/ });
    const box = (await graph.boundingBox())!;
    const panelBox = (await panel.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(panelBox.x + panelBox.width + 1);
    await page.screenshot({ path: test.info().outputPath(`architecture-${scheme}-1024.png`), fullPage: true });
  });
}

for (const scheme of ['light', 'dark'] as const) {
  test(`the architecture, history, compare and validation tabs have no serious accessibility problems (${scheme})`, async ({
    page,
  }) => {
    // Four axe runs: slow on a busy two-core machine.
    test.slow();
    await page.emulateMedia({ colorScheme: scheme });
    const app = new StepwisePage(page);
    await app.open('?step=33');
    for (const tab of ['Architecture', 'History', 'Compare', 'Validation']) {
      const panel = await app.openTab(tab);
      await expect(panel.getByRole('heading').first()).toBeVisible();
      const results = await axeOn(page)
        .include('[role="tabpanel"]')
        .include('header')
        .exclude('.monaco-editor')
        .exclude('.monaco-diff-editor')
        .analyze();
      const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(serious.map((v) => `${tab}: ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    }
  });
}
