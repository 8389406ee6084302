import { describe, expect, it } from 'vitest';
import { staticFirstFrame } from '../bench/floor';

const SCROLL =
  '<script>for (const list of document.querySelectorAll("[data-scroll-top]")) list.scrollTop = 1;</script>';
const ROOT = `<div id="root"><div class="app"><ol aria-label="Steps"><li>1</li></ol></div></div>${SCROLL}`;

/** A page as the server sends it for a link: index.html as Vite builds it, with the first frame in it. */
const SERVED = `<!doctype html>
<html lang="en">
  <head>
    <meta http-equiv="Content-Security-Policy" content="default-src &#39;self&#39;; script-src &#39;self&#39; &#39;sha256-x&#39;">

    <meta charset="UTF-8" />
    <title>stepwise</title>
    <script type="module" crossorigin src="./assets/index-Si4IazTv.js"></script>
    <link rel="modulepreload" crossorigin href="./assets/react-Dk7jysz-.js">
    <link rel="stylesheet" crossorigin href="./assets/index-CGRZ_x9r.css">
  </head>
  <body>
    ${ROOT}
  </body>
</html>`;

const ASSETS: Record<string, string> = { 'assets/index-CGRZ_x9r.css': '.app{display:grid}' };
const read = (path: string) => {
  const text = ASSETS[path];
  if (text === undefined) throw new Error(`no asset ${path}`);
  return text;
};

describe('the first frame as a static page (bench/floor.ts)', () => {
  const page = staticFirstFrame(SERVED, read);

  it('loads no script of the app and fetches no stylesheet: the CSS is inlined', () => {
    expect(page).not.toMatch(/<script\b[^>]*\bsrc=/);
    expect(page).not.toContain('modulepreload');
    expect(page).not.toContain('rel="stylesheet"');
    expect(page).toContain('<style>.app{display:grid}</style>');
  });

  it('keeps the first frame, its inline script that scrolls the lists, and the policy that allows it', () => {
    expect(page).toContain(ROOT);
    expect(page).toContain('Content-Security-Policy');
    expect(page).toContain('<title>stepwise</title>');
  });

  it('refuses a page without its first frame, or of another shape, instead of timing the wrong page', () => {
    expect(() => staticFirstFrame(SERVED.replace(ROOT, '<div id="root"></div>'), read)).toThrow(
      /without its first frame/,
    );
    const scriptLast = SERVED.replace(
      '<script type="module" crossorigin src="./assets/index-Si4IazTv.js"></script>',
      '<script src="./assets/index-Si4IazTv.js" type="module">',
    );
    expect(() => staticFirstFrame(scriptLast, read)).toThrow(/was not taken out/);
  });
});
