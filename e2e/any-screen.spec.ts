import { expect, test, type Page } from '@playwright/test';
import { clippedContent, SCREENS, seriousViolations, sidewaysScroll, smallTargets, TOUCH_TARGET } from './screens';
import { StepwisePage } from './stepwise';

const DETAIL_TABS = ['File', 'Architecture', 'History', 'Compare', 'Validation', 'Check tree', 'Runs', 'Documents'];

/** What must hold on every view of a narrow screen: reflow, nothing cut off, touch targets, axe. */
async function expectUsable(page: Page, where: string, axe: boolean): Promise<void> {
  expect(await sidewaysScroll(page), `${where}: the page scrolls sideways`).toBe(0);
  // The step details cut a long step short on purpose: "Show all" shows the rest.
  expect(await clippedContent(page, '.step-details'), `${where}: content cut off`).toEqual([]);
  expect(await smallTargets(page), `${where}: targets under ${TOUCH_TARGET} px`).toEqual([]);
  if (axe) expect(await seriousViolations(page), `${where}: axe`).toEqual([]);
}

const runs = [
  ...SCREENS.filter((s) => s.name !== '200 % zoom').flatMap((screen) =>
    (['light', 'dark'] as const).map((colorScheme) => ({ screen, colorScheme, axe: true })),
  ),
  { screen: SCREENS.find((s) => s.name === '200 % zoom')!, colorScheme: 'light' as const, axe: false },
];

for (const { screen, colorScheme, axe } of runs) {
  test(`${screen.name} (${screen.viewport.width} × ${screen.viewport.height}, ${colorScheme}): the panes stack behind a switch, and every tab reflows`, async ({
    browser,
  }) => {
    test.setTimeout(240_000);
    const context = await browser.newContext({
      viewport: screen.viewport,
      deviceScaleFactor: screen.deviceScaleFactor,
      colorScheme,
    });
    const page = await context.newPage();
    const app = new StepwisePage(page);
    await app.open('?step=33');

    const panes = page.getByRole('tablist', { name: 'Panes' });
    await expect(panes.getByRole('tab')).toHaveText(['Steps', 'Files', 'Details']);
    await expect(panes.getByRole('tab', { name: 'Steps' })).toHaveAttribute('aria-selected', 'true');
    const steps = page.getByRole('listbox', { name: 'Steps' });
    await expect(steps).toBeVisible();
    await expect(app.tree).toBeHidden();
    await expect(page.getByRole('tablist', { name: 'Views' })).toBeHidden();
    // No splitters: there is nothing beside a pane to resize it against.
    await expect(page.getByRole('separator')).toHaveCount(0);
    await expectUsable(page, 'Steps', axe);
    await app.stepOption(34).click();
    await app.expectPosition(34);

    await panes.getByRole('tab', { name: 'Files' }).click();
    await expect(app.tree).toBeVisible();
    await expect(steps).toBeHidden();
    await expectUsable(page, 'Files', axe);

    // The switch is a tab list: the arrow keys move along it.
    await panes.getByRole('tab', { name: 'Files' }).press('ArrowRight');
    await expect(panes.getByRole('tab', { name: 'Details' })).toBeFocused();
    await expect(app.tree).toBeHidden();
    await app.expectPosition(34);
    for (const tab of DETAIL_TABS) {
      await app.openTab(tab);
      // Each tab's content, not its loading placeholder.
      await expect(page.getByText(/^Loading /)).toHaveCount(0);
      await expectUsable(page, tab, axe);
    }

    // The skip link reaches the file view even when the detail pane is behind the switch.
    await panes.getByRole('tab', { name: 'Steps' }).click();
    const skip = page.getByRole('link', { name: 'Skip to file view' });
    await skip.focus();
    await page.keyboard.press('Enter');
    await expect(panes.getByRole('tab', { name: 'Details' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('tabpanel', { name: 'File' })).toBeFocused();
    await context.close();
  });
}

test('the tab strip wraps at 1024 px: every tab, Check tree and Documents too, stays in sight', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const page = await context.newPage();
  const app = new StepwisePage(page);
  await app.open('?step=33');
  expect(await sidewaysScroll(page)).toBe(0);
  const tabs = page.getByRole('tablist', { name: 'Views' }).getByRole('tab');
  await expect(tabs).toHaveText(DETAIL_TABS);
  for (const tab of DETAIL_TABS) await expect(tabs.filter({ hasText: tab })).toBeInViewport({ ratio: 1 });
  await app.openTab('Documents');
  await app.openTab('Check tree');
  await context.close();
});

test('the first two panes are resized with their splitters, by keyboard or by dragging, and keep their widths', async ({
  page,
}) => {
  const app = new StepwisePage(page);
  await app.open('?step=20');
  const stepsSplitter = page.getByRole('separator', { name: 'Width of the Steps pane' });
  const filesSplitter = page.getByRole('separator', { name: 'Width of the Files pane' });
  const stepsPane = page.getByRole('region', { name: /^Steps/ });
  const width = async () => (await stepsPane.boundingBox())!.width;
  await expect(stepsSplitter).toHaveAttribute('aria-valuenow', '22');
  await expect(filesSplitter).toHaveAttribute('aria-valuenow', '20');
  await expect(stepsSplitter).toHaveAttribute('aria-orientation', 'vertical');

  const before = await width();
  await stepsSplitter.focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await expect(stepsSplitter).toHaveAttribute('aria-valuenow', '25');
  // The arrows moved the splitter, not the timeline.
  await app.expectPosition(20);
  expect(await width()).toBeGreaterThan(before + 30);
  await page.keyboard.press('Shift+ArrowLeft');
  await expect(stepsSplitter).toHaveAttribute('aria-valuenow', '20');
  await page.keyboard.press('Home');
  await expect(stepsSplitter).toHaveAttribute('aria-valuenow', '12');
  await page.keyboard.press('End');
  // As wide as it may be beside the tree's 20 %, leaving the detail pane 30 %.
  await expect(stepsSplitter).toHaveAttribute('aria-valuemax', '40');
  await expect(stepsSplitter).toHaveAttribute('aria-valuenow', '40');
  await expect(filesSplitter).toHaveAttribute('aria-valuemax', '30');
  await page.keyboard.press('Home');

  // Dragged 141 px to the right across a row of about 1412 px: about 10 % more.
  const grip = (await filesSplitter.boundingBox())!;
  await page.mouse.move(grip.x + grip.width / 2, grip.y + grip.height / 2);
  await page.mouse.down();
  await page.mouse.move(grip.x + grip.width / 2 + 70, grip.y + 40, { steps: 4 });
  await page.mouse.move(grip.x + grip.width / 2 + 141, grip.y + 80, { steps: 4 });
  await page.mouse.up();
  const dragged = Number(await filesSplitter.getAttribute('aria-valuenow'));
  expect(dragged).toBeGreaterThan(29.5);
  expect(dragged).toBeLessThan(30.5);

  const widths = [await width(), (await page.getByRole('region', { name: /^Files/ }).boundingBox())!.width];
  await page.reload();
  await expect(stepsSplitter).toHaveAttribute('aria-valuenow', '12');
  await expect(filesSplitter).toHaveAttribute('aria-valuenow', String(dragged));
  expect([await width(), (await page.getByRole('region', { name: /^Files/ }).boundingBox())!.width]).toEqual(widths);
});

test('a long name: its path as a tooltip in the tree, an ellipsis in the file pane title', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const page = await context.newPage();
  const app = new StepwisePage(page);
  const name = `${'a_really_long_configuration_file_name_'.repeat(3)}end.json`;
  await app.open();
  await app.openTab('Documents');
  await page
    .getByRole('textbox', { name: 'Paste a step document' })
    .fill(
      `Long names\n\nStep 1: Create a directory named "configs"\nStep 2: Create a file named "${name}" in configs with content: {"a": 1}`,
    );
  await page.getByRole('button', { name: 'Load pasted text' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Long names');
  await app.slider.fill('2');
  await expect(app.treeItem(name)).toHaveAttribute('title', `configs/${name}`);
  await app.openTab('File');
  const title = page.getByRole('heading', { name, exact: true });
  await expect(title).toHaveAttribute('title', name);
  await expect(title).toHaveCSS('text-overflow', 'ellipsis');
  expect(await title.evaluate((h) => h.scrollWidth > h.clientWidth)).toBe(true);
  expect(await sidewaysScroll(page)).toBe(0);
  await context.close();
});

test('the step details show a long update in full on demand', async ({ page }) => {
  const app = new StepwisePage(page);
  await app.open('?step=33');
  const details = page.getByRole('region', { name: 'Current step' });
  const showAll = details.getByRole('button', { name: 'Show all' });
  // The registry's value is cut at 80 characters; its last service is past the cut.
  await expect(details).not.toContainText('"email_service"');
  await expect(showAll).toHaveAttribute('aria-expanded', 'false');
  const collapsed = (await details.boundingBox())!.height;

  await showAll.click();
  const showLess = details.getByRole('button', { name: 'Show less' });
  await expect(showLess).toHaveAttribute('aria-expanded', 'true');
  await expect(details).toContainText('"email_service":{"port":8008');
  expect((await details.boundingBox())!.height).toBeGreaterThan(collapsed);
  expect(await details.evaluate((box) => box.scrollHeight <= box.clientHeight)).toBe(true);

  await showLess.click();
  await expect(details.getByRole('button', { name: 'Show all' })).toBeVisible();
  expect((await details.boundingBox())!.height).toBe(collapsed);
  // A short step needs no button.
  await app.open('?step=1');
  await expect(details.getByRole('button')).toHaveCount(0);
});
