import { expect, test, type Locator, type Page } from '@playwright/test';
import { builtin, entriesAt } from './engine';
import { StepwisePage } from './stepwise';

/** Holds Monaco's chunk (and the module that sets it up) until `release` is called. */
async function holdMonaco(page: Page): Promise<{ release: () => void; held: () => number }> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let held = 0;
  await page.route(/\/assets\/(editor\.api|setup)-[\w-]+\.js$/, async (route) => {
    held++;
    await released;
    await route.continue();
  });
  return { release, held: () => held };
}

async function box(locator: Locator) {
  const found = await locator.boundingBox();
  if (!found) throw new Error('the element has no box');
  return found;
}

test('the deep-linked file is readable before Monaco loads, and Monaco takes over in place', async ({ page }) => {
  const monaco = await holdMonaco(page);
  const app = new StepwisePage(page);
  await app.open('?step=33&file=microservices_ecosystem%2Fservices%2Fuser_service%2Fapi_definition.yaml');
  const yaml = entriesAt(33).find((e) => e.path.endsWith('api_definition.yaml'))!.content!;
  const pane = page.getByRole('region', { name: 'api_definition.yaml', exact: true });
  await expect(pane.getByRole('region', { name: 'Content of api_definition.yaml' })).toHaveText(yaml);
  await expect(
    pane.getByText('Loading editor for microservices_ecosystem/services/user_service/api_definition.yaml…'),
  ).toBeVisible();
  await expect.poll(() => monaco.held()).toBeGreaterThan(0);
  await expect(page.locator('.monaco-editor')).toHaveCount(0);
  const body = pane.locator('.file-pane__body');
  const before = { pane: await box(pane), body: await box(body) };
  const firstLine = (await box(pane.getByRole('region', { name: 'Content of api_definition.yaml' }))).y;

  monaco.release();
  await expect(app.editorText()).toContainText(yaml.split('\n')[0]);
  // The text starts where it did: the first line does not move when the editor takes over.
  expect((await box(app.editorText())).y).toBeCloseTo(firstLine, 0);
  await expect(pane.getByRole('region', { name: 'Content of api_definition.yaml' })).toHaveCount(0);
  expect({ pane: await box(pane), body: await box(body) }).toEqual(before);
});

test('a deep-linked diff is readable as a line diff before Monaco loads, and Monaco takes over in place', async ({
  page,
}) => {
  const monaco = await holdMonaco(page);
  const app = new StepwisePage(page);
  await app.open('?step=33&file=microservices_ecosystem%2Farchitecture_config.json');
  const change = builtin.snapshots[33].change!;
  if (change.type !== 'modified') throw new Error('step 33 changes a file');
  const pane = page.getByRole('region', { name: 'architecture_config.json', exact: true });
  const modified = pane.getByRole('region', { name: /architecture_config\.json at .*\(modified\)/ });
  await expect(modified).toContainText('"current_state": "services_configured"');
  await expect(pane.getByRole('region', { name: /architecture_config\.json at .*\(original\)/ })).toContainText(
    '"current_state": "initializing"',
  );
  // The lines the step added are marked on the modified side.
  await expect(modified.locator('.file-view__mark--added').first()).toBeAttached();
  await expect(page.locator('.monaco-editor')).toHaveCount(0);
  const body = pane.locator('.file-pane__body');
  const before = { pane: await box(pane), body: await box(body) };

  monaco.release();
  const diff = page.locator('.monaco-diff-editor');
  await expect(diff.locator('.editor.modified')).toContainText('"current_state": "services_configured"');
  await expect(modified).toHaveCount(0);
  expect({ pane: await box(pane), body: await box(body) }).toEqual(before);
});

test('Monaco opens where the plain text was scrolled to', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 560 });
  const monaco = await holdMonaco(page);
  const app = new StepwisePage(page);
  await app.open('?step=85&file=microservices_ecosystem%2Foperational_runbook.md');
  const pane = page.getByRole('region', { name: 'operational_runbook.md', exact: true });
  const plain = pane.getByRole('region', { name: 'Content of operational_runbook.md' });
  await expect(plain).toContainText('Operational Runbook');
  await plain.hover();
  await page.mouse.wheel(0, 190);
  await expect.poll(() => plain.evaluate((pre) => pre.scrollTop)).toBeGreaterThan(0);
  const scrolledTo = await plain.evaluate((pre) => pre.scrollTop);

  monaco.release();
  await expect(plain).toHaveCount(0);
  // Monaco draws its lines shifted up by how far it is scrolled.
  await expect(pane.locator('.monaco-editor .lines-content')).toHaveCSS('top', `-${scrolledTo}px`);
});

test('a link to a step that shows no file loads the editor while the page is idle, so the next file opens in it', async ({
  page,
}) => {
  const scripts: string[] = [];
  page.on('request', (request) => scripts.push(new URL(request.url()).pathname));
  const app = new StepwisePage(page);
  await app.open('?step=5');
  await expect(page.getByText('Select a file in the tree to see its content.')).toBeVisible();
  // No file is shown, yet the editor's chunk is fetched.
  await expect.poll(() => scripts.some((path) => /\/assets\/setup-[\w-]+\.js$/.test(path))).toBe(true);
  await expect(page.locator('.monaco-editor')).toHaveCount(0);

  await app.button('Next step').click();
  await expect(app.editorText()).toContainText('"architecture_version"');
});

test('the first diff in a narrow pane is inline from its first frame', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const app = new StepwisePage(page);
  await app.open('?step=32');
  await expect(app.editorText()).toContainText('"templates"');
  // What each frame is about to show: the class of every diff's labels, read before the frame's paint.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { labelsSeen: string[] }).labelsSeen = seen;
    const sample = () => {
      document.querySelectorAll('.diff-view__labels').forEach((labels) => seen.push(labels.className));
      requestAnimationFrame(sample);
    };
    requestAnimationFrame(sample);
  });

  await app.button('Next step').click();
  await expect(page.locator('.monaco-diff-editor .editor.modified')).toContainText('"services_configured"');
  const seen = await page.evaluate(() => (window as unknown as { labelsSeen: string[] }).labelsSeen);
  expect(seen.length).toBeGreaterThan(0);
  expect(new Set(seen)).toEqual(new Set(['diff-view__labels diff-view__labels--inline']));
});
