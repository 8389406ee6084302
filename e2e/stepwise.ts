import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';

/** A file given by name and bytes, as Playwright's file chooser takes it. */
interface FilePayload {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/** The app as a person sees it: roles and accessible names only. */
export class StepwisePage {
  readonly slider: Locator;
  readonly tree: Locator;
  readonly filter: Locator;
  readonly narration: Locator;
  /** The step list (a WAI-ARIA listbox: one tab stop, the current step selected). */
  readonly stepList: Locator;

  constructor(readonly page: Page) {
    this.slider = page.getByRole('slider', { name: 'Step' });
    this.tree = page.getByRole('tree');
    this.filter = page.getByRole('searchbox', { name: 'Filter steps' });
    this.narration = page.getByRole('status');
    this.stepList = page.getByRole('listbox', { name: 'Steps' });
  }

  /**
   * Opens the app and waits until it runs: the step's details are drawn in a deferred render, after the first
   * frame's effects (such as the keyboard shortcuts) are in place.
   */
  async open(query = ''): Promise<void> {
    await this.page.goto(`./${query}`);
    await expect(this.slider).toBeVisible();
    await expect(this.page.getByRole('region', { name: 'Current step' })).toBeVisible();
  }

  button(name: string): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }

  /** Opens a tab of the detail area (File, Architecture, History, …) and returns its panel. */
  async openTab(name: string): Promise<Locator> {
    await this.page.getByRole('tab', { name, exact: true }).click();
    const panel = this.page.getByRole('tabpanel', { name });
    await expect(panel).toBeVisible();
    return panel;
  }

  treeItem(name: string): Locator {
    return this.tree.getByRole('treeitem', { name, exact: true });
  }

  /** The row of step `number` in the step list. */
  stepOption(number: number): Locator {
    return this.stepList.getByRole('option').filter({ hasText: new RegExp(`^${number}\\D`) });
  }

  async expectPosition(position: number, last = 85): Promise<void> {
    await expect(this.slider).toHaveValue(String(position));
    await expect(this.slider).toHaveAttribute('aria-valuetext', `Step ${position} of ${last}`);
  }

  /**
   * The timeline's marker for a change of the selected file at `step`. Markers are for the pointer only
   * (hidden from assistive technology, which has [ and ] and the narration), so they have no role to find.
   */
  timelineMarker(step: number): Locator {
    return this.page.locator(`.timeline__marker[data-step="${step}"]`);
  }

  /** Presses Tab until focus is in `target`; returns how many presses it took (at most `limit`). */
  async tabInto(target: Locator, limit = 20): Promise<number> {
    for (let presses = 1; presses <= limit; presses++) {
      await this.page.keyboard.press('Tab');
      if (await target.evaluate((element) => element.contains(document.activeElement))) return presses;
    }
    throw new Error(`not reached in ${limit} Tab presses`);
  }

  /** The accessible names of every tree item, in order (the tree starts fully expanded). */
  async treeNames(): Promise<string[]> {
    return this.tree
      .getByRole('treeitem')
      .evaluateAll((items) => items.map((item) => item.getAttribute('aria-label') ?? ''));
  }

  /** Makes a document the scenario by pasting its text in the Documents tab, and waits until it is shown. */
  async loadDocumentText(text: string): Promise<void> {
    await this.openTab('Documents');
    await this.page.getByRole('textbox', { name: 'Paste a step document' }).fill(text);
    await this.page.getByRole('button', { name: 'Load pasted text' }).click();
    const title = text.split('\n')[0].trim();
    await expect(this.page.getByRole('heading', { level: 1 })).toContainText(title);
  }

  /** The Runs tab's panel. */
  runs(): Locator {
    return this.page.getByRole('tabpanel', { name: 'Runs' });
  }

  /**
   * Opens run files (paths, or names with their bytes) with the Runs tab's "Open run…" chooser and waits until
   * the batch is graded: a status names the runs graded, an alert the files refused.
   */
  async openRuns(files: readonly (string | FilePayload)[]): Promise<Locator> {
    const panel = await this.openTab('Runs');
    const chooser = this.page.waitForEvent('filechooser');
    await panel.getByRole('button', { name: 'Open run…' }).click();
    const payloads = files.map((file) =>
      typeof file === 'string'
        ? { name: basename(file), mimeType: 'application/octet-stream', buffer: readFileSync(file) }
        : file,
    );
    await (await chooser).setFiles(payloads);
    await expect(
      panel
        .getByRole('status')
        .filter({ hasText: /^Graded / })
        .or(panel.getByRole('alert')),
    ).toBeVisible();
    return panel;
  }

  /** The step × run grid. */
  runGrid(): Locator {
    return this.page.getByRole('grid', { name: 'Steps × runs' });
  }

  /** The open run's operations track under the timeline. */
  operations(): Locator {
    return this.page.getByRole('listbox', { name: /^Operations of / });
  }

  /** The open run's summary card. */
  runSummary(): Locator {
    return this.page.getByRole('region', { name: 'Run summary' });
  }

  /** The text Monaco shows in the file view (visible lines only). */
  editorText(): Locator {
    return this.page.locator('.file-pane__body .monaco-editor .view-lines').first();
  }
}

/**
 * Collects what the browser reports against the Content-Security-Policy: `securitypolicyviolation`
 * events (recorded by a script that runs before the app's own), console messages and page errors.
 */
export async function watchPolicy(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __violations: string[] }).__violations = seen;
    document.addEventListener('securitypolicyviolation', (event) =>
      seen.push(
        `${event.violatedDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`,
      ),
    );
  });
  const messages: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) messages.push(message.text());
  });
  page.on('pageerror', (error) => messages.push(`page error: ${error.message}`));
  return async () => [
    ...(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)),
    ...messages,
  ];
}

/** The page's inline scripts: it has none, so anything here came from somewhere it must not. */
export async function strayInlineScripts(page: Page): Promise<string[]> {
  return page.locator('script:not([src])').evaluateAll((scripts) => scripts.map((s) => s.textContent ?? ''));
}
