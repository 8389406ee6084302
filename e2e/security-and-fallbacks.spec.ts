import { expect, test, type Page } from '@playwright/test';
import { formatJson } from '../src/steps/formatJson';
import { builtin, entriesAt } from './engine';
import { StepwisePage, strayInlineScripts, watchPolicy } from './stepwise';

/**
 * Requests to any origin but `appUrl`'s, the server the tests run against (see playwright.config.ts): there
 * must be none (no CDN, no telemetry); data: and blob: stay in the page.
 */
function watchOrigins(page: Page, appUrl: string | undefined): string[] {
  const foreign: string[] = [];
  if (!appUrl) throw new Error('no baseURL: the tests run against the server in playwright.config.ts');
  const own = new URL(appUrl).host;
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (!['data:', 'blob:'].includes(url.protocol) && url.host !== own) foreign.push(request.url());
  });
  return foreign;
}

test('the built page carries a strict Content-Security-Policy, and the browser enforces it', async ({ page }) => {
  const violations = await watchPolicy(page);
  const app = new StepwisePage(page);
  await app.open();
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(policy).not.toBeNull();
  const directives = new Map(
    policy!.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );
  expect(directives.get('default-src')).toEqual(["'self'"]);
  // No inline script (the page carries none), no eval, no remote origins.
  expect(directives.get('script-src')).toEqual(["'self'"]);
  expect(await strayInlineScripts(page)).toEqual([]);
  expect(policy).not.toMatch(/unsafe-eval|https?:|\*/);
  expect(directives.get('object-src')).toEqual(["'none'"]);
  expect(directives.get('connect-src')).toEqual(["'self'"]);
  // The policy must come before any script to cover it.
  const order = await page.evaluate(() =>
    Array.from(document.head.children).map((el) =>
      el.tagName === 'META' ? el.getAttribute('http-equiv') : el.tagName,
    ),
  );
  expect(order.indexOf('Content-Security-Policy')).toBeLessThan(order.indexOf('SCRIPT'));

  // An injected inline script does not run, and the watcher used by the tests below does see it.
  expect(await violations()).toEqual([]);
  const ran = await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__injected = true';
    document.head.append(script);
    return (window as unknown as { __injected?: boolean }).__injected ?? false;
  });
  expect(ran).toBe(false);
  await expect.poll(violations).toContainEqual(expect.stringMatching(/^script-src-elem blocked inline/));
});

test('no policy violation while stepping, reading a file in Monaco, diffing, opening every tab and downloading', async ({
  page,
  baseURL,
}) => {
  const violations = await watchPolicy(page);
  const foreign = watchOrigins(page, baseURL);
  const app = new StepwisePage(page);
  await app.open('?step=15');
  await app.button('Next step').click();
  await app.expectPosition(16);
  await expect(app.editorText()).toContainText('title: User Service API');

  await app.slider.fill('33');
  await expect(page.locator('.monaco-diff-editor .editor.modified')).toContainText('"service_registry"');

  for (const tab of ['Architecture', 'History', 'Compare', 'Validation', 'Check tree', 'Runs', 'Documents', 'File']) {
    await app.openTab(tab);
  }
  const [download] = await Promise.all([page.waitForEvent('download'), app.button('Download zip').click()]);
  expect(download.suggestedFilename()).toMatch(/\.zip$/);
  await app.button('Next step').click();
  await app.expectPosition(34);

  expect(await violations()).toEqual([]);
  expect(foreign).toEqual([]);
});

test('a hostile URL is only parsed: the notice quotes it as text and nothing runs', async ({ page }) => {
  const violations = await watchPolicy(page);
  let dialogs = 0;
  page.on('dialog', (dialog) => {
    dialogs++;
    void dialog.dismiss();
  });
  const step = '<img src=x onerror=alert(1)>';
  const file = '<script>alert(2)</script>';
  const app = new StepwisePage(page);
  await page.goto(`./?step=${encodeURIComponent(step)}&file=${encodeURIComponent(file)}#<svg onload=alert(3)>`);
  await expect(app.slider).toBeVisible();
  await app.expectPosition(0);
  await expect(page.getByText(`“${step}” is not a step number; showing step 0.`)).toBeVisible();
  await expect(page.getByText(`The scenario has no path “${file}”; no file is selected.`)).toBeVisible();
  expect(await page.locator('img[src="x"], svg[onload]').count()).toBe(0);
  expect(await strayInlineScripts(page)).toEqual([]);
  await app.button('Next step').click();
  await app.expectPosition(1);
  expect(dialogs).toBe(0);
  expect(await page.title()).toBe('stepwise');
  expect(await violations()).toEqual([]);
});

test('Monaco cannot load: the file and the diff are shown as plain text, and the timeline still works', async ({
  page,
}) => {
  const blocked: string[] = [];
  // The editor chunk, the module that sets it up, and its workers (see dist/assets).
  await page.route(/\/assets\/(editor\.api|setup|[\w.]*worker)-[\w-]+\.js$/, (route) => {
    blocked.push(route.request().url());
    return route.abort();
  });
  const app = new StepwisePage(page);
  await app.open('?step=16');
  const yaml = entriesAt(16).find((e) => e.path.endsWith('api_definition.yaml'))!.content!;
  const text = page.getByRole('region', { name: 'Content of api_definition.yaml' });
  await expect(text).toHaveText(yaml);
  await expect(
    page.getByText(/The editor could not be loaded; .*api_definition\.yaml is shown as plain text\./),
  ).toBeVisible();
  expect(blocked.length).toBeGreaterThan(0);

  // The timeline moves on, and each step's file shows up as plain text.
  await app.button('Next step').click();
  await app.expectPosition(17);
  const created = builtin.snapshots[17].change!;
  const name = created.path.split('/').pop()!;
  const bytes = entriesAt(17).find((e) => e.path === created.path)!.content!;
  const content = page.getByRole('region', { name: `Content of ${name}` });
  // A JSON file is shown formatted until Format is unticked; then it is the bytes as written.
  await expect(content).toHaveText(formatJson(bytes)!);
  await page.getByRole('checkbox', { name: 'Format' }).uncheck();
  await expect(content).toHaveText(bytes);

  // A changing step shows both versions.
  await app.slider.fill('33');
  await expect(page.getByText(/The diff editor could not be loaded/)).toBeVisible();
  const change = builtin.snapshots[33].change!;
  if (change.type !== 'modified') throw new Error('step 33 changes a file');
  // JSON is diffed pretty-printed (see formatJson), so compare values rather than bytes.
  const shown = async (side: 'original' | 'modified') =>
    JSON.parse(
      await page.getByRole('region', { name: new RegExp(`architecture_config\\.json at .*\\(${side}\\)`) }).innerText(),
    ) as unknown;
  await expect(page.getByRole('region', { name: /architecture_config\.json at .*\(original\)/ })).toBeVisible();
  expect(await shown('original')).toEqual(JSON.parse(change.before));
  expect(await shown('modified')).toEqual(JSON.parse(change.after));
  await page.keyboard.press('Home');
  await app.expectPosition(0);
});

test('a tab whose code cannot load fails alone; the other panes and tabs keep working', async ({ page }) => {
  await page.route(/\/assets\/ArchitectureView-[\w-]+\.js$/, (route) => route.abort());
  const app = new StepwisePage(page);
  await app.open('?step=20');
  await page.getByRole('tab', { name: 'Architecture' }).click();
  const failed = page.getByRole('alert').filter({ hasText: 'The Architecture pane failed' });
  await expect(failed).toBeVisible();
  await expect(failed.getByRole('button', { name: 'Try again' })).toBeVisible();
  await app.button('Next step').click();
  await app.expectPosition(21);
  await expect(app.tree).toBeVisible();
  await app.openTab('History');
  await app.openTab('File');
  await expect(page.getByRole('alert').filter({ hasText: 'pane failed' })).toHaveCount(0);
});

test('only the editor workers fail: the file is still readable and the app goes on', async ({ page }) => {
  await page.route(/\/assets\/[\w.]*worker-[\w-]+\.js$/, (route) => route.abort());
  const app = new StepwisePage(page);
  await app.open('?step=33');
  const change = builtin.snapshots[33].change!;
  if (change.type !== 'modified') throw new Error('step 33 changes a file');
  // Without its worker Monaco cannot compute the diff, so both versions fall back to plain text.
  await expect(page.getByText(/The diff editor could not be loaded/)).toBeVisible();
  await expect(page.getByRole('region', { name: /architecture_config\.json at .*\(modified\)/ })).toContainText(
    '"current_state": "services_configured"',
  );
  await app.slider.fill('16');
  await expect(page.getByRole('region', { name: 'Content of api_definition.yaml' })).toContainText(
    'title: User Service API',
  );
  await app.button('Next step').click();
  await app.expectPosition(17);
});

test('the document reader (a worker) cannot load: a clear message, and the previous scenario stays', async ({
  page,
}) => {
  await page.route(/\/assets\/parseWorker-[\w-]+\.js$/, (route) => route.abort());
  const app = new StepwisePage(page);
  await app.open('?step=5');
  await page.getByRole('tab', { name: 'Documents' }).click();
  await page.getByRole('textbox', { name: 'Paste a step document' }).fill('Tiny\nStep 1: Create a directory named "t"');
  await page.getByRole('button', { name: 'Load pasted text' }).click();
  const outcome = page.getByRole('alert').filter({ hasText: 'could not be loaded' });
  await expect(outcome).toContainText('The previous scenario is still shown.');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Microservices Architecture Simulation');
  await app.button('Next step').click();
  await app.expectPosition(6);
});
