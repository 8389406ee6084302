import { readFile } from 'node:fs/promises';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { buildZip } from '../src/io/zip';
import { builtin, entriesAt, LAST } from './engine';
import { seriousViolations } from './screens';
import { StepwisePage } from './stepwise';

const CONFIG = 'microservices_ecosystem/architecture_config.json';
const CONFIG_QUERY = `file=${encodeURIComponent(CONFIG)}`;
const bytesAt = (position: number, path = CONFIG) => entriesAt(position).find((e) => e.path === path)!.content!;

/**
 * The text of each line of `editor`'s own model that Monaco draws (only lines in view are in the page);
 * not the removed lines an inline diff draws between them.
 */
function lines(editor: Locator): Promise<string[]> {
  return editor
    .locator('.lines-content > .view-lines > .view-line')
    .evaluateAll((items) => items.map((item) => (item.textContent ?? '').replace(/\u00a0/g, ' ')));
}

/** Lines the diff shows as removed, wherever it draws them: the left editor, or between the lines inline. */
function removedLines(diff: Locator): Promise<string[]> {
  return diff
    .locator('.editor.original .view-line:has(.char-delete), .editor.modified .view-zones .line-delete .view-line')
    .evaluateAll((items) => items.map((item) => (item.textContent ?? '').replace(/\u00a0/g, ' ').trim()));
}

const diffFormatted = (page: Page) => page.getByRole('checkbox', { name: 'Diff formatted JSON' });

test('the History diff of architecture_config.json from step 6 to 33 shows the keys line by line', async ({ page }) => {
  const app = new StepwisePage(page);
  await app.open(`?step=33&${CONFIG_QUERY}`);
  const history = await app.openTab('History');
  await expect(history.getByRole('combobox', { name: 'From version' })).toHaveValue('6');
  await expect(history.getByRole('combobox', { name: 'To version' })).toHaveValue('33');
  const diff = history.locator('.monaco-diff-editor');
  const modified = diff.locator('.editor.modified');

  // Formatted (the default): one member per line, so the new key and the replaced value each stand alone.
  await expect(diffFormatted(page)).toBeChecked();
  await expect.poll(() => lines(modified)).toContain('  "service_registry": {');
  expect(await lines(modified)).toContain('  "current_state": "services_configured",');
  await expect.poll(() => removedLines(diff)).toEqual(['"current_state": "initializing"']);
  expect(await lines(diff.locator('.editor.original'))).toContain('  "tracing": "distributed",');

  // As written, step 6 is one line and step 33 (written by an update) many: the one line is removed whole
  // and every line of the new text added.
  await diffFormatted(page).uncheck();
  await expect.poll(() => removedLines(diff)).toEqual([bytesAt(6)]);
  expect(await lines(modified)).toEqual(
    bytesAt(33)
      .split('\n')
      .slice(0, (await lines(modified)).length),
  );

  // The choice is remembered, and the file view's diff follows it too.
  await page.reload();
  await expect(app.slider).toHaveValue('33');
  await expect(diffFormatted(page)).not.toBeChecked();
  await expect.poll(() => removedLines(page.locator('.monaco-diff-editor'))).toEqual([bytesAt(32)]);
  await diffFormatted(page).check();
  await expect
    .poll(() => lines(page.locator('.monaco-diff-editor .editor.modified')))
    .toContain('  "service_registry": {');
});

test('Compare and Check tree diff formatted JSON as well', async ({ page }) => {
  const app = new StepwisePage(page);
  await app.open('?step=33');
  const compare = await app.openTab('Compare');
  await compare.getByRole('spinbutton', { name: 'From step' }).fill('6');
  await compare.getByRole('button', { name: new RegExp(`${CONFIG}`) }).click();
  const compared = compare.locator('.monaco-diff-editor .editor.modified');
  await expect.poll(() => lines(compared)).toContain('  "service_registry": {');
  await diffFormatted(page).uncheck();
  await expect.poll(() => removedLines(compare.locator('.monaco-diff-editor'))).toEqual([bytesAt(6)]);
  await diffFormatted(page).check();

  // A produced tree whose one-line service config has another port: the diff names that line.
  const changed = 'microservices_ecosystem/services/order_service/service_config.json';
  const produced = entriesAt(LAST).map((e) =>
    e.path === changed ? { ...e, content: e.content!.replace('"port": 8002', '"port": 9999') } : e,
  );
  expect(produced.find((e) => e.path === changed)!.content).toContain('9999');
  const check = await app.openTab('Check tree');
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    check.getByRole('button', { name: 'Choose zip…' }).click(),
  ]);
  await chooser.setFiles({
    name: 'tree.zip',
    mimeType: 'application/zip',
    buffer: Buffer.from(await buildZip(produced)),
  });
  await check.getByRole('button', { name: `different: ${changed}`, exact: true }).click();
  const theirs = check.locator('.monaco-diff-editor .editor.modified');
  await expect.poll(() => lines(theirs)).toContain('  "port": 9999,');
  await expect.poll(() => removedLines(check.locator('.monaco-diff-editor'))).toEqual(['"port": 8002,']);
  await diffFormatted(page).uncheck();
  await expect.poll(() => lines(theirs)).toEqual([produced.find((e) => e.path === changed)!.content!]);
});

test('the file view formats JSON and wraps lines on request; Download file saves the bytes as written', async ({
  page,
}) => {
  const app = new StepwisePage(page);
  await app.open(`?step=6&${CONFIG_QUERY}`);
  const bytes = bytesAt(6);
  expect(bytes).not.toContain('\n');
  const editor = page.locator('.file-pane__body .monaco-editor');
  const format = page.getByRole('checkbox', { name: 'Format' });
  const wrap = page.getByRole('checkbox', { name: 'Wrap lines' });

  await expect(format).toBeChecked();
  await expect.poll(() => lines(editor)).toContain('  "tracing": "distributed",');
  const [download] = await Promise.all([page.waitForEvent('download'), app.button('Download file').click()]);
  expect(await readFile(await download.path(), 'utf8')).toBe(bytes);

  await format.uncheck();
  await expect.poll(() => lines(editor)).toEqual([bytes]);
  await expect(wrap).not.toBeChecked();
  await wrap.check();
  // Wrapped, the one line is drawn as several, which together are still exactly the bytes.
  await expect.poll(async () => (await lines(editor)).length).toBeGreaterThan(1);
  expect((await lines(editor)).join('')).toBe(bytes);

  await page.reload();
  await expect(format).not.toBeChecked();
  await expect(wrap).toBeChecked();
  // Wrapping is offered for every file, formatting only for JSON.
  await app.open('?step=16');
  await expect(page.getByRole('heading', { name: 'api_definition.yaml' })).toBeVisible();
  await expect(wrap).toBeChecked();
  await expect(format).toHaveCount(0);
});

test('stored view settings are untrusted: anything unusable falls back to its default', async ({ page }) => {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  await page.addInitScript(() =>
    localStorage.setItem(
      'stepwise:prefs',
      '{"formatJson":"yes","wordWrap":true,"diffLayout":"<img src=x onerror=alert(1)>","paneWidths":{"steps":-5,"files":25}}',
    ),
  );
  const app = new StepwisePage(page);
  await app.open(`?step=33&${CONFIG_QUERY}`);
  await expect(page.getByRole('separator', { name: 'Width of the Steps pane' })).toHaveAttribute('aria-valuenow', '22');
  await expect(page.getByRole('separator', { name: 'Width of the Files pane' })).toHaveAttribute('aria-valuenow', '25');
  await expect(page.getByRole('radio', { name: 'Inline' })).toBeChecked();
  await page.getByRole('combobox', { name: 'Compare with' }).selectOption({ label: 'nothing (show content)' });
  await expect(page.getByRole('checkbox', { name: 'Format' })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Wrap lines' })).toBeChecked();
  expect(problems).toEqual([]);
});

test('diffs are inline in a narrow pane and side by side in a wide one, unless the reader picks', async ({
  browser,
}) => {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1000 } });
  const page = await context.newPage();
  const app = new StepwisePage(page);
  await app.open('?step=33');
  const diff = page.locator('.monaco-diff-editor');
  const original = diff.locator('.editor.original');
  const inline = page.getByRole('radio', { name: 'Inline' });
  const sideBySide = page.getByRole('radio', { name: 'Side by side' });
  const width = async (locator: Locator) => (await locator.boundingBox())?.width ?? 0;

  // 58 % of 1920 px is under 1100 px: inline, with both steps named in one row.
  await expect(inline).toBeChecked();
  await expect.poll(() => removedLines(diff)).toEqual(['"current_state": "initializing"']);
  await expect.poll(() => width(original)).toBeLessThan(100);

  // Narrower side panes leave the diff over 1100 px: it goes side by side by itself.
  for (const name of ['Width of the Steps pane', 'Width of the Files pane']) {
    await page.getByRole('separator', { name }).focus();
    await page.keyboard.press('Home');
  }
  await expect(sideBySide).toBeChecked();
  await expect.poll(() => width(original)).toBeGreaterThan(300);
  await expect(diff.locator('.editor.original')).toContainText('"current_state": "initializing"');

  // A choice holds whatever the width, and after a reload.
  await inline.check();
  await expect.poll(() => width(original)).toBeLessThan(100);
  await page.reload();
  await expect(inline).toBeChecked();
  await sideBySide.check();
  await expect.poll(() => width(original)).toBeGreaterThan(300);
  await context.close();
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`changed lines keep their text readable: no colour-contrast failure in any diff (${colorScheme})`, async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await page.emulateMedia({ colorScheme });
    const app = new StepwisePage(page);
    const contrast = async (where: string) => {
      await expect(page.locator('.monaco-diff-editor .line-insert').first()).toBeVisible();
      const found = await seriousViolations(page, (axe) => axe.withRules(['color-contrast']));
      expect(found, where).toEqual([]);
    };
    await app.open(`?step=33&${CONFIG_QUERY}`);
    await contrast('file view, inline');
    await page.getByRole('radio', { name: 'Side by side' }).check();
    await contrast('file view, side by side');
    // A YAML file's diff: other token colours.
    const yaml = [...builtin.fileChanges].find(([path, v]) => path.endsWith('.yaml') && v.length > 1);
    if (yaml) {
      await app.open(`?step=${yaml[1][1]}&file=${encodeURIComponent(yaml[0])}`);
      await contrast('a YAML diff');
    }
    await app.open(`?step=33&${CONFIG_QUERY}`);
    await app.openTab('History');
    await contrast('History');
    const compare = await app.openTab('Compare');
    await compare.getByRole('spinbutton', { name: 'From step' }).fill('6');
    await compare.getByRole('button', { name: new RegExp(CONFIG) }).click();
    await page.getByRole('radio', { name: 'Inline' }).check();
    await contrast('Compare, inline');
  });
}
