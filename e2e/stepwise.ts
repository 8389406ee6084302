import { expect, type Locator, type Page } from '@playwright/test';

/** The app as a person sees it: roles and accessible names only. */
export class StepwisePage {
  readonly slider: Locator;
  readonly tree: Locator;
  readonly filter: Locator;
  readonly narration: Locator;

  constructor(readonly page: Page) {
    this.slider = page.getByRole('slider', { name: 'Step' });
    this.tree = page.getByRole('tree');
    this.filter = page.getByRole('searchbox', { name: 'Filter steps' });
    this.narration = page.getByRole('status');
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

  stepButton(number: number): Locator {
    return this.page
      .getByRole('list', { name: 'Steps' })
      .getByRole('button')
      .filter({ hasText: new RegExp(`^${number}\\D`) });
  }

  async expectPosition(position: number, last = 85): Promise<void> {
    await expect(this.slider).toHaveValue(String(position));
    await expect(this.slider).toHaveAttribute('aria-valuetext', `Step ${position} of ${last}`);
  }

  /** The accessible names of every tree item, in order (the tree starts fully expanded). */
  async treeNames(): Promise<string[]> {
    return this.tree
      .getByRole('treeitem')
      .evaluateAll((items) => items.map((item) => item.getAttribute('aria-label') ?? ''));
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
