import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { buildZip } from '../src/io/zip';
import { LIMITS } from '../src/steps/limits';
import { ZIP_CASES } from '../tests/fixtures/hostile/zips';
import { entriesAt, LAST } from './engine';
import { StepwisePage, strayInlineScripts } from './stepwise';

/** The same corpus as tests/hostile-documents.test.ts, this time through the page's Documents tab. */
const HOSTILE = fileURLToPath(new URL('../tests/fixtures/hostile/', import.meta.url));
interface DocumentCase {
  file: string;
  outcome: string;
  message: string;
  line?: number;
}
const cases = JSON.parse(readFileSync(`${HOSTILE}cases.json`, 'utf8')) as DocumentCase[];
const fixture = (file: string) => readFileSync(`${HOSTILE}documents/${file}`);
const BUILTIN_TITLE = `Microservices Architecture Simulation · ${LAST} steps`;

const title = (page: Page) => page.getByRole('heading', { level: 1 });

async function openTab(page: Page, tab: 'Documents' | 'Check tree'): Promise<StepwisePage> {
  const app = new StepwisePage(page);
  await app.open('?step=10');
  await page.getByRole('tab', { name: tab }).click();
  return app;
}

async function chooseFile(page: Page, button: string, name: string, buffer: Buffer): Promise<void> {
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('button', { name: button }).click(),
  ]);
  await chooser.setFiles({ name, mimeType: name.endsWith('.zip') ? 'application/zip' : 'text/plain', buffer });
}

/** What was refused, then proof that the page still works on the scenario it had. */
async function expectStillWorking(page: Page, app: StepwisePage): Promise<void> {
  await expect(title(page)).toContainText(BUILTIN_TITLE);
  await app.button('Next step').click();
  await app.expectPosition(11);
  await app.button('Previous step').click();
  await app.expectPosition(10);
}

test('hostile documents are refused with the line and step at fault; the built-in scenario stays and works', async ({
  page,
}) => {
  const app = await openTab(page, 'Documents');
  const refusal = page.getByRole('alert').filter({ hasText: 'could not be loaded' });
  const picked = [
    'steps-out-of-order.txt',
    'unterminated-string.txt',
    'ambiguous-directory.txt',
    'update-deeply-nested-file.txt',
    'name-bidi-override.txt',
    'case-twins.txt',
    'invalid-utf8.txt',
    'utf16.txt',
  ];
  for (const file of picked) {
    const { message, line } = cases.find((c) => c.file === file)!;
    await chooseFile(page, 'Open file…', file, fixture(file));
    await expect(refusal).toContainText(`“${file}” could not be loaded. The previous scenario is still shown.`);
    // The worker names the input "The file" rather than "the document".
    await expect(refusal).toContainText(message.replace(/^the document /, ''));
    if (line !== undefined) await expect(refusal).toContainText(`Line ${line}`);
    await expect(title(page)).toContainText(BUILTIN_TITLE);
  }
  await expectStillWorking(page, app);
});

test('generated monsters: 100,000 "[" and 200,000 steps are refused without freezing the page', async ({ page }) => {
  const app = await openTab(page, 'Documents');
  const refusal = page.getByRole('alert').filter({ hasText: 'could not be loaded' });

  const deep = `Deep\nStep 1: Create a directory named "r"\nStep 2: Create a file named "a.json" in r with content: {"a": ${'['.repeat(100_000)}${']'.repeat(100_000)}}\n`;
  await chooseFile(page, 'Open file…', 'deep.txt', Buffer.from(deep));
  await expect(refusal).toContainText(
    `Line 3, step 2: the JSON value is nested more than ${LIMITS.jsonDepth} levels deep`,
  );

  const lines = ['Many steps', 'Step 1: Create a directory named "r"'];
  for (let n = 2; n <= 200_000; n++) lines.push(`Step ${n}: Create a directory named "d${n}" inside r`);
  await chooseFile(page, 'Open file…', 'many.txt', Buffer.from(lines.join('\n')));
  await expect(refusal).toContainText(
    `Line ${LIMITS.steps + 2}, step ${LIMITS.steps + 1}: more than ${LIMITS.steps} steps`,
    {
      timeout: 60_000,
    },
  );
  await expectStillWorking(page, app);
});

test('HTML in a document is shown as text everywhere, and never runs', async ({ page }) => {
  let dialogs = 0;
  page.on('dialog', (dialog) => {
    dialogs++;
    void dialog.dismiss();
  });
  const app = await openTab(page, 'Documents');
  await chooseFile(page, 'Open file…', 'html-everywhere.txt', fixture('html-everywhere.txt'));
  await expect(title(page)).toContainText(`<img src=x onerror="document.title='pwned-title'"> Hostile HTML everywhere`);
  await app.slider.fill('4');
  await app.expectPosition(4, 4);
  await app.openTab('File');
  await app.treeItem('<svg onload=document.title=2>.md').click();
  await expect(page.getByRole('heading', { name: '<svg onload=document.title=2>.md' })).toBeVisible();
  await expect(app.editorText()).toContainText('<script>document.title="pwned-content"</script>');
  await app.treeItem('javascript:alert(1).json').click();
  await expect(app.editorText()).toContainText('"<u>added</u>": "<script>x</script>"');

  // Nothing from the document became markup: no such elements, no handler ran.
  expect(await page.locator('img[src="x"], [onerror], [onload]').count()).toBe(0);
  expect(await strayInlineScripts(page)).toEqual([]);
  expect(await page.title()).toBe('stepwise');
  expect(dialogs).toBe(0);
});

test('hostile zips are refused by the tree check; a good zip is still checked afterwards', async ({ page }) => {
  await openTab(page, 'Check tree');
  const refusal = page.getByRole('alert').filter({ hasText: 'Not checked.' });
  for (const name of [
    'zip bomb',
    'zip bomb with lying headers',
    'case twins',
    'file used as a folder',
    'not a zip: PNG',
  ]) {
    const zipCase = ZIP_CASES.find((c) => c.name === name)!;
    await chooseFile(page, 'Choose zip…', `${name}.zip`, Buffer.from(await zipCase.build()));
    await expect(refusal).toContainText(`The zip was refused: `);
    await expect(refusal).toContainText(zipCase.message!);
  }
  await chooseFile(page, 'Choose zip…', 'good.zip', Buffer.from(await buildZip(entriesAt(LAST))));
  await expect(page.getByRole('status', { name: 'Check result' })).toContainText('Match');
});
