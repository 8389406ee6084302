import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page, type Route } from '@playwright/test';
import sirv from 'sirv';
import { StepwisePage, watchPolicy } from './stepwise';

const LINK = '?step=33&file=microservices_ecosystem%2Farchitecture_config.json';

/** Console errors and warnings, and uncaught page errors. */
function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return problems;
}

test('a link to a step opens scrolled to that step and its file, and the app works from there', async ({ page }) => {
  const violations = await watchPolicy(page);
  const problems = watchConsole(page);
  const app = new StepwisePage(page);
  await app.open(LINK);
  await expect(page.getByRole('tree', { name: 'Files at step 33' })).toBeVisible();
  // Step 33 is far down the list and the file deep in the tree: both lists are scrolled to them.
  await expect(app.stepButton(33)).toBeInViewport();
  await expect(app.stepButton(33)).toHaveAttribute('aria-current', 'step');
  await expect(
    app.tree.getByRole('treeitem', { name: 'architecture_config.json', exact: true, selected: true }),
  ).toBeInViewport();
  await expect(app.slider).toHaveValue('33');
  await expect(page.getByRole('region', { name: 'Current step' })).toContainText('Step 33:');
  await expect(app.editorText()).toContainText('"architecture_version"');

  await page.keyboard.press('ArrowRight');
  await app.expectPosition(34);
  await expect(page.getByRole('tree', { name: 'Files at step 34' })).toBeVisible();
  await expect(app.treeItem('kong_gateway')).toHaveAttribute('aria-description', 'new at this step');
  await expect(page).toHaveURL(/\?step=34&file=microservices_ecosystem%2Farchitecture_config\.json$/);
  expect(problems).toEqual([]);
  expect(await violations()).toEqual([]);
});

test('the step list and the tree paint before any Monaco, zip or tab code has arrived', async ({ page }) => {
  // What index.html loads itself (entry script, module preloads, stylesheet) is let through; every other script
  // and stylesheet is held until the lists are on screen.
  const html = await (await page.request.get('./')).text();
  const entry = new Set([...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+)"/g)].map((match) => match[1]));
  expect(entry.size).toBeGreaterThan(0);
  const later: string[] = [];
  const held: Route[] = [];
  let holding = true;
  await page.route(/\/assets\/[^/]+\.(?:js|css)$/, (route) => {
    const asset = new URL(route.request().url()).pathname.replace(/^.*\/(assets\/)/, '$1');
    if (entry.has(asset)) return route.continue();
    later.push(asset);
    if (!holding) return route.continue();
    held.push(route);
  });
  const app = new StepwisePage(page);
  await page.goto(`./${LINK}`);
  await expect(app.stepButton(33)).toHaveAttribute('aria-current', 'step');
  await expect(app.tree.getByRole('treeitem', { name: 'architecture_config.json', selected: true })).toBeVisible();
  // The file is asked for by the link: Monaco's chunk is requested, and waits.
  await expect.poll(() => later).toContainEqual(expect.stringMatching(/^assets\/setup-.*\.js$/));
  holding = false;
  await Promise.all(held.map((route) => route.continue()));
  await expect(app.editorText()).toContainText('"architecture_version"');
  await app.openTab('Architecture');
  await Promise.all([page.waitForEvent('download'), app.button('Download zip').click()]);
  expect(later).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/^assets\/ArchitectureView-.*\.js$/),
      expect.stringMatching(/^assets\/zip-.*\.js$/),
    ]),
  );
});

test.describe('dist/ unchanged under a sub-path of a plain static server', () => {
  const SUB_PATH = '/some/sub/path/';
  let site: string;
  let server: Server;
  let origin: string;

  test.beforeAll(async () => {
    site = mkdtempSync(join(tmpdir(), 'stepwise-site-'));
    cpSync(process.env.E2E_DIST ?? 'dist', join(site, SUB_PATH), { recursive: true });
    // sirv with no options: files as they are, no compression, no headers of ours.
    server = createServer(sirv(site));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  test.afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(site, { recursive: true, force: true });
  });

  test('opens a link, shows a file in Monaco, downloads a zip and loads a sample in the worker', async ({ page }) => {
    const violations = await watchPolicy(page);
    const problems = watchConsole(page);
    const failed: string[] = [];
    const outside: string[] = [];
    page.on('response', (response) => {
      if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
    });
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.protocol.startsWith('http') && !url.pathname.startsWith(SUB_PATH)) outside.push(request.url());
    });
    const app = new StepwisePage(page);
    await page.goto(`${origin}${SUB_PATH}${LINK}`);
    await app.expectPosition(33);
    await expect(app.editorText()).toContainText('"architecture_version"');
    await expect(page).toHaveURL(`${origin}${SUB_PATH}${LINK}`);
    const [download] = await Promise.all([page.waitForEvent('download'), app.button('Download zip').click()]);
    expect(download.suggestedFilename()).toMatch(/\.zip$/);

    await app.openTab('Documents');
    await page.getByRole('button', { name: 'Bookshop sample' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Bookshop Services');

    expect(failed).toEqual([]);
    expect(outside).toEqual([]);
    expect(problems).toEqual([]);
    expect(await violations()).toEqual([]);
  });
});
