import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import JSZip from 'jszip';
import { buildZip } from '../src/io/zip';
import type { SerialEntry } from '../src/steps/entries';
import { entriesAt, LAST } from './engine';
import { StepwisePage } from './stepwise';
import { axeOn } from './screens';

const EXPECTED = entriesAt(LAST);
const FILES = EXPECTED.filter((e) => e.kind === 'file');
const ROOT = 'microservices_ecosystem';
const CHANGED = `${ROOT}/services/order_service/service_config.json`;
const REMOVED = FILES.find((e) => e.path.endsWith('.md'))!.path;
const ADDED = `${ROOT}/services/order_service/NOTES.txt`;
const REFORMATTED = `${ROOT}/services/user_service/service_config.json`;

async function openCheckTree(page: Page, query = ''): Promise<StepwisePage> {
  const app = new StepwisePage(page);
  await app.open(query);
  await page.getByRole('tab', { name: 'Check tree' }).click();
  await expect(page.getByRole('heading', { name: 'Check a produced tree' })).toBeVisible();
  return app;
}

async function uploadZip(page: Page, bytes: Uint8Array, name = 'tree.zip'): Promise<void> {
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('button', { name: 'Choose zip…' }).click(),
  ]);
  await chooser.setFiles({ name, mimeType: 'application/zip', buffer: Buffer.from(bytes) });
}

const summary = (page: Page) => page.getByRole('status', { name: 'Check result' });
const row = (page: Page, status: string, path: string) =>
  page.getByRole('list', { name: 'Compared entries' }).getByRole('button', { name: `${status}: ${path}`, exact: true });
const count = (page: Page, status: string) =>
  page
    .getByRole('list', { name: 'Entries by status (files and folders)' })
    .getByRole('listitem')
    .filter({ hasText: status });

test('a correct zip of the last step matches every file', async ({ page }) => {
  await openCheckTree(page);
  await uploadZip(page, await buildZip(EXPECTED));
  await expect(summary(page)).toContainText('Match');
  await expect(summary(page)).toContainText(`${EXPECTED.length}/${EXPECTED.length} entries match · 100%`);
  await expect(summary(page)).toContainText(`tree.zip, compared with the tree after step ${LAST} of ${LAST}`);
  await expect(
    page.getByText(
      'Score: identical or equivalent entries (files and folders) out of every expected entry plus every extra one.',
    ),
  ).toBeVisible();
  await expect(count(page, 'identical')).toHaveText(`${EXPECTED.length} identical`);
  for (const status of ['equivalent', 'different', 'missing', 'extra'])
    await expect(count(page, status)).toHaveText(`0 ${status}`);
  await expect(page.getByText('Every file and folder is identical to the expected tree.')).toBeVisible();

  await page.getByRole('checkbox', { name: 'Show identical entries' }).check();
  await expect(page.getByRole('list', { name: 'Compared entries' }).getByRole('listitem')).toHaveCount(EXPECTED.length);
  await expect(row(page, 'identical', CHANGED)).toBeVisible();
});

test('a changed, a missing and an extra file are reported as such, and a click opens the diff', async ({ page }) => {
  await openCheckTree(page);
  const produced: SerialEntry[] = EXPECTED.filter((e) => e.path !== REMOVED).map((e) =>
    e.path === CHANGED ? { ...e, content: e.content!.replace('"port": 8002', '"port": 9999') } : e,
  );
  produced.push({ path: ADDED, kind: 'file', content: 'not part of the scenario\n' });
  expect(produced.find((e) => e.path === CHANGED)!.content).toContain('9999');
  await uploadZip(page, await buildZip(produced), 'attempt.zip');

  await expect(summary(page)).toContainText('Mismatch');
  // One different, one missing, one extra: 77 of 81 counted entries.
  await expect(summary(page)).toContainText(
    `${EXPECTED.length - 2}/${EXPECTED.length + 1} entries match · ${Math.floor(((EXPECTED.length - 2) * 100) / (EXPECTED.length + 1))}%`,
  );
  await expect(row(page, 'different', CHANGED)).toBeVisible();
  await expect(row(page, 'missing', REMOVED)).toBeVisible();
  await expect(row(page, 'extra', ADDED)).toBeVisible();
  await expect(page.getByRole('list', { name: 'Compared entries' }).getByRole('listitem')).toHaveCount(3);
  for (const [status, n] of [
    ['different', 1],
    ['missing', 1],
    ['extra', 1],
    ['identical', EXPECTED.length - 2],
  ] as const)
    await expect(count(page, status)).toHaveText(`${n} ${status}`);

  await row(page, 'different', CHANGED).click();
  await expect(row(page, 'different', CHANGED)).toHaveAttribute('aria-pressed', 'true');
  const diff = page.getByRole('region', { name: `Diff of ${CHANGED}` });
  await expect(diff).toBeVisible();
  await expect(diff.locator('.monaco-diff-editor')).toBeVisible({ timeout: 30_000 });
  // Each side's own lines, not the removed lines an inline diff draws between the modified side's.
  await expect(diff.locator('.editor.original .lines-content > .view-lines')).toContainText('8002');
  await expect(diff.locator('.editor.modified .lines-content > .view-lines')).toContainText('9999');
  await page.screenshot({ path: test.info().outputPath('check-tree-diff-light.png') });

  await diff.getByRole('button', { name: 'Close diff' }).click();
  await expect(diff).toBeHidden();
});

test('a reformatted JSON file with the same data is equivalent, and still a match', async ({ page }) => {
  await openCheckTree(page);
  const produced = EXPECTED.map((e) =>
    e.path === REFORMATTED ? { ...e, content: JSON.stringify(JSON.parse(e.content!), null, 4) + '\n' } : e,
  );
  expect(produced.find((e) => e.path === REFORMATTED)!.content).not.toBe(
    EXPECTED.find((e) => e.path === REFORMATTED)!.content,
  );
  await uploadZip(page, await buildZip(produced));
  await expect(summary(page)).toContainText('Match');
  await expect(summary(page)).not.toContainText('Mismatch');
  await expect(summary(page)).toContainText(`${EXPECTED.length}/${EXPECTED.length} entries match · 100%`);
  await expect(row(page, 'equivalent', REFORMATTED)).toBeVisible();
  await expect(count(page, 'equivalent')).toHaveText('1 equivalent');
});

test('a byte-order mark added to a file makes it different, never 100 %; the diff says what it cannot show', async ({
  page,
}) => {
  await openCheckTree(page);
  const produced = EXPECTED.map((e) => (e.path === REMOVED ? { ...e, content: `\uFEFF${e.content!}` } : e));
  await uploadZip(page, await buildZip(produced), 'bom.zip');
  await expect(summary(page)).toContainText('Mismatch');
  await expect(summary(page)).toContainText(`${EXPECTED.length - 1}/${EXPECTED.length} entries match · 98%`);
  await row(page, 'different', REMOVED).click();
  const diff = page.getByRole('region', { name: `Diff of ${REMOVED}` });
  await expect(diff).toContainText(
    'Not visible in the diff: theirs starts with a byte-order mark (EF BB BF) that the expected file does not have.',
  );
});

test('one extra file is a mismatch and scores less than 100 %', async ({ page }) => {
  await openCheckTree(page);
  await uploadZip(page, await buildZip([...EXPECTED, { path: ADDED, kind: 'file', content: 'x\n' }]));
  await expect(summary(page)).toContainText('Mismatch');
  await expect(summary(page)).toContainText(`${EXPECTED.length}/${EXPECTED.length + 1} entries match · 98%`);
  await expect(row(page, 'extra', ADDED)).toBeVisible();
});

test('a zip that wraps the tree in one more folder is aligned, at a step the user picks', async ({ page }) => {
  const app = await openCheckTree(page, '?step=40');
  const produced = entriesAt(40).map((e) => ({ ...e, path: `out/${e.path}` }));
  await uploadZip(page, await buildZip([{ path: 'out', kind: 'directory' }, ...produced]));
  // Compared with the last step first: step 40's tree lacks most files.
  await expect(summary(page)).toContainText('Mismatch');
  await page.getByRole('button', { name: 'Use current step (40)' }).click();
  await expect(page.getByRole('spinbutton', { name: 'Expected tree after step' })).toHaveValue('40');
  await expect(summary(page)).toContainText('Match');
  await expect(summary(page)).toContainText(`compared with the tree after step 40 of ${LAST}`);
  await app.expectPosition(40);
});

test('a zip-slip zip is refused with the rule it breaks; the session is untouched', async ({ page }) => {
  const app = await openCheckTree(page, '?step=40');
  await uploadZip(page, await buildZip(EXPECTED));
  await expect(summary(page)).toContainText('Match');

  const zip = new JSZip();
  zip.file('microservices_ecosystem/ok.txt', 'fine', { createFolders: false });
  zip.file('../evil.txt', 'escaped', { createFolders: false });
  await uploadZip(page, await zip.generateAsync({ type: 'uint8array' }), 'slip.zip');
  const alert = page.getByRole('alert').filter({ hasText: 'Not checked.' });
  await expect(alert).toContainText('The zip was refused: "../evil.txt" climbs out of the folder (..).');
  await expect(summary(page)).toBeHidden();
  await app.expectPosition(40);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Microservices Architecture Simulation');

  // The page still works: stepping, and checking a good zip afterwards.
  await app.button('Next step').click();
  await app.expectPosition(41);
  await uploadZip(page, await buildZip(EXPECTED));
  await expect(summary(page)).toContainText('Match');
  await expect(alert).toBeHidden();
});

test('a zip with a symbolic link or too many entries is refused', async ({ page }) => {
  await openCheckTree(page);
  const link = new JSZip();
  link.file('microservices_ecosystem/link', '/etc/passwd', { unixPermissions: 0o120777, createFolders: false });
  await uploadZip(page, await link.generateAsync({ type: 'uint8array', platform: 'UNIX' }), 'link.zip');
  await expect(
    page.getByRole('alert').filter({ hasText: '"microservices_ecosystem/link" is a symbolic link' }),
  ).toBeVisible();

  const many = new JSZip();
  for (let i = 0; i <= 10_000; i++) many.file(`t/${i}`, '', { createFolders: false });
  await uploadZip(page, await many.generateAsync({ type: 'uint8array' }), 'many.zip');
  await expect(page.getByRole('alert').filter({ hasText: 'it has 10001 entries; the limit is 10000' })).toBeVisible();
});

test('a folder chosen with the folder picker is checked like a zip', async ({ page }) => {
  const dir = await mkdtemp(join(tmpdir(), 'stepwise-check-'));
  try {
    for (const entry of EXPECTED) {
      const path = join(dir, ...entry.path.split('/'));
      if (entry.kind === 'directory') await mkdir(path, { recursive: true });
      else await writeFile(path, entry.path === CHANGED ? '{}' : entry.content!);
    }
    await openCheckTree(page);
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByRole('button', { name: 'Choose folder…' }).click(),
    ]);
    await chooser.setFiles(join(dir, ROOT));
    await expect(summary(page)).toContainText(`${EXPECTED.length - 1}/${EXPECTED.length} entries match · 98%`);
    await expect(summary(page)).toContainText(`folder ${ROOT}`);
    await expect(row(page, 'different', CHANGED)).toBeVisible();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the check view is accessible and looks right (${colorScheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await openCheckTree(page);
    const produced = EXPECTED.filter((e) => e.path !== REMOVED).map((e) =>
      e.path === CHANGED ? { ...e, content: e.content!.replace('"port": 8002', '"port": 9999') } : e,
    );
    await uploadZip(page, await buildZip([...produced, { path: ADDED, kind: 'file', content: 'x\n' }]));
    await page.getByRole('checkbox', { name: 'Show identical entries' }).check();
    await row(page, 'different', CHANGED).click();
    // Monaco is a large chunk; on a busy two-core machine it can take a while.
    await expect(page.locator('.check-tree__diff .monaco-diff-editor')).toBeVisible({ timeout: 30_000 });
    await page.screenshot({ path: test.info().outputPath(`check-tree-${colorScheme}.png`) });
    const results = await axeOn(page).include('.check-tree').exclude('.monaco-diff-editor').analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
}
