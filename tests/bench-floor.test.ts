import { describe, expect, it } from 'vitest';
import { staticFirstFrame } from '../bench/floor';

/** index.html as Vite builds it (vite.config.ts adds the policy). */
const BUILT = `<!doctype html>
<html lang="en">
  <head>
    <meta http-equiv="Content-Security-Policy" content="default-src &#39;self&#39;; script-src &#39;self&#39;">

    <meta charset="UTF-8" />
    <title>stepwise</title>
    <script type="module" crossorigin src="./assets/index-Si4IazTv.js"></script>
    <link rel="modulepreload" crossorigin href="./assets/react-Dk7jysz-.js">
    <link rel="stylesheet" crossorigin href="./assets/index-CGRZ_x9r.css">
  </head>
  <body>
    <div id="root"></div>
  </body>
</html>`;

const ASSETS: Record<string, string> = { 'assets/index-CGRZ_x9r.css': '.app{display:grid}' };
const read = (path: string) => {
  const text = ASSETS[path];
  if (text === undefined) throw new Error(`no asset ${path}`);
  return text;
};
const MARKUP = '<div id="root"><div class="app"><ol aria-label="Steps"><li>1</li></ol></div></div>';

describe('the first frame as a static page (bench/floor.ts)', () => {
  const page = staticFirstFrame(BUILT, read, MARKUP);

  it('loads no script and fetches no stylesheet: the CSS is inlined', () => {
    expect(page).not.toMatch(/<script\b[^>]*\bsrc=/);
    expect(page).not.toContain('modulepreload');
    expect(page).not.toContain('rel="stylesheet"');
    expect(page).toContain('<style>.app{display:grid}</style>');
  });

  it('puts the captured markup in place of the empty root, with the script that restores scroll offsets', () => {
    expect(page).not.toContain('<div id="root"></div>');
    expect(page).toContain(`${MARKUP}<script>`);
    expect(page).toContain('data-bench-scroll-top');
    // The policy forbids that inline script.
    expect(page).not.toContain('Content-Security-Policy');
    expect(page).toContain('<title>stepwise</title>');
  });

  it('refuses an index.html of another shape instead of timing a page that still loads the app', () => {
    const scriptLast = BUILT.replace(
      '<script type="module" crossorigin src="./assets/index-Si4IazTv.js"></script>',
      '<script src="./assets/index-Si4IazTv.js" type="module">',
    );
    expect(() => staticFirstFrame(scriptLast, read, MARKUP)).toThrow(/was not taken out/);
    expect(() => staticFirstFrame(BUILT.replace('<div id="root"></div>', '<main></main>'), read, MARKUP)).toThrow(
      /no empty <div id="root">/,
    );
  });
});
