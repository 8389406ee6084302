import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import JSZip from 'jszip';
import { buildZip } from '../src/io/zip';
import { entriesAt } from './engine';
import { StepwisePage } from './stepwise';

for (const position of [85, 40]) {
  test(`the zip downloaded at step ${position} holds exactly the engine's tree`, async ({ page }) => {
    const app = new StepwisePage(page);
    await app.open(`?step=${position}`);
    const [download] = await Promise.all([page.waitForEvent('download'), app.button('Download zip').click()]);
    expect(download.suggestedFilename()).toBe(`microservices-architecture-simulation-step-${position}.zip`);
    const bytes = await readFile(await download.path());

    const zip = await JSZip.loadAsync(bytes);
    const names = Object.keys(zip.files);
    const expected = entriesAt(position);
    expect(names).toEqual(expected.map((e) => (e.kind === 'directory' ? `${e.path}/` : e.path)));
    for (const entry of expected) {
      if (entry.kind === 'file') expect(await zip.file(entry.path)!.async('string'), entry.path).toBe(entry.content);
    }
    // Same bytes as `npm run export -- --zip` for that position.
    expect(Buffer.from(bytes).equals(Buffer.from(await buildZip(expected)))).toBe(true);
  });
}

test('a single file downloads with its exact content', async ({ page }) => {
  const app = new StepwisePage(page);
  await app.open('?step=83');
  const [download] = await Promise.all([page.waitForEvent('download'), app.button('Download file').click()]);
  expect(download.suggestedFilename()).toBe('operational_runbook.md');
  const text = await readFile(await download.path(), 'utf8');
  const expected = entriesAt(83).find((e) => e.path.endsWith('operational_runbook.md'))!.content;
  expect(text).toBe(expected);
});
