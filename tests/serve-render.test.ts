import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadRenderer, serveStatic } from '../scripts/serve.mjs';
import { rawGet } from './helpers';

const INDEX = '<!doctype html><title>app</title><body><div id="root"></div></body>';

let dir: string;
let server: Server;
let origin: string;
/** Draws a root for any query with `step`, and fails for `step=boom`, as a broken build would. */
const renderer = vi.fn((search: string): string | null => {
  const step = new URLSearchParams(search).get('step');
  if (step === null) return null;
  if (step === 'boom') throw new Error('cannot render');
  if (step === 'dollar') return '<div id="root">$& $1 $$</div>';
  return `<div id="root"><p>step ${step}</p></div>`;
});
const get = (path: string, headers: Record<string, string> = {}) => rawGet(origin, path, headers);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'stepwise-render-'));
  mkdirSync(join(dir, 'dist/assets'), { recursive: true });
  writeFileSync(join(dir, 'dist/index.html'), INDEX);
  writeFileSync(join(dir, 'dist/assets/app.js'), 'export {};');
  server = await serveStatic({ root: join(dir, 'dist'), port: 0, renderer });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

describe('the server with a renderer (the first frame drawn on the server)', () => {
  it('puts the first frame for the query into the page, for / and /index.html alike', async () => {
    for (const path of ['/?step=4', '/index.html?step=4']) {
      const { status, headers, body } = await get(path);
      expect(status).toBe(200);
      expect(headers['content-type']).toBe('text/html; charset=utf-8');
      expect(headers['cache-control']).toBe('no-cache');
      expect(body.toString()).toBe(INDEX.replace('<div id="root"></div>', '<div id="root"><p>step 4</p></div>'));
    }
  });

  it('serves the page as it is when the renderer draws nothing for the query, and never renders for another file', async () => {
    expect((await get('/')).body.toString()).toBe(INDEX);
    expect((await get('/?file=x')).body.toString()).toBe(INDEX);
    renderer.mockClear();
    expect((await get('/assets/app.js?step=4')).body.toString()).toBe('export {};');
    expect(renderer).not.toHaveBeenCalled();
  });

  it('renders a query once, answers 304 to a browser that has that page, and tells pages apart', async () => {
    renderer.mockClear();
    const first = await get('/?step=7');
    const again = await get('/?step=7');
    expect(renderer).toHaveBeenCalledTimes(1);
    expect(again.body.equals(first.body)).toBe(true);
    const etag = String(first.headers.etag);
    expect((await get('/?step=7', { 'if-none-match': etag })).status).toBe(304);
    const other = await get('/?step=8', { 'if-none-match': etag });
    expect(other.status).toBe(200);
    expect(other.headers.etag).not.toBe(etag);
    expect(other.body.toString()).toContain('step 8');
  });

  it('sends a gzip copy of a rendered page that unpacks to the same bytes', async () => {
    const plain = await get('/?step=9');
    const packed = await get('/?step=9', { 'accept-encoding': 'gzip' });
    expect(packed.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(packed.body).equals(plain.body)).toBe(true);
  });

  it('serves the page as it is when rendering fails, and says so on the console', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const { status, body } = await get('/?step=boom');
      expect(status).toBe(200);
      expect(body.toString()).toBe(INDEX);
      expect(error).toHaveBeenCalledWith(expect.stringContaining('cannot render'));
    } finally {
      error.mockRestore();
    }
  });

  it('inserts the markup literally: "$&" in it is not a replacement pattern', async () => {
    expect((await get('/?step=dollar')).body.toString()).toContain('<div id="root">$& $1 $$</div>');
  });

  it('does not render a query longer than 4,096 characters', async () => {
    renderer.mockClear();
    const { body } = await get(`/?step=1&pad=${'x'.repeat(4_100)}`);
    expect(body.toString()).toBe(INDEX);
    expect(renderer).not.toHaveBeenCalled();
  });
});

describe('loadRenderer', () => {
  const meta = (build: string) => `<meta name="stepwise-build" content="${build}">`;
  /** A renderer module of build `build` that draws `label`; it counts its loads in a global (each is a new instance). */
  const module = (build: string, label: string) =>
    `globalThis.rendererLoads = (globalThis.rendererLoads ?? 0) + 1;\n` +
    `export const BUILD_ID = '${build}';\n` +
    `export function buildMeta(id) { return '<meta name="stepwise-build" content="' + id + '">'; }\n` +
    `export function renderRoot(search) { return '<div id="root">${label} ' + search + '</div>'; }\n`;
  const loads = () => (globalThis as { rendererLoads?: number }).rendererLoads ?? 0;
  const page = (build: string) => `<!doctype html><head>${meta(build)}</head><body><div id="root"></div></body>`;

  it('finds no renderer where the build has none, and reports one that cannot be loaded', async () => {
    const base = mkdtempSync(join(tmpdir(), 'stepwise-renderer-'));
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      expect(await loadRenderer(join(base, 'app'))).toBeNull();
      mkdirSync(join(base, 'app-server'));
      writeFileSync(join(base, 'app-server/entry-server.js'), 'throw new Error("broken build");\n');
      const render = await loadRenderer(join(base, 'app'));
      expect(render?.('?step=1', page('a'))).toBeNull();
      expect(error).toHaveBeenCalledWith(expect.stringContaining('broken build'));
    } finally {
      error.mockRestore();
      rmSync(base, { recursive: true, force: true });
    }
  });

  it('draws only into the page of its own build, and follows a rebuild of both halves', async () => {
    const base = mkdtempSync(join(tmpdir(), 'stepwise-renderer-'));
    const entry = join(base, 'app-server/entry-server.js');
    const index = join(base, 'app/index.html');
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    let running: Server | null = null;
    try {
      mkdirSync(join(base, 'app-server'));
      mkdirSync(join(base, 'app'));
      writeFileSync(entry, module('a', 'first'));
      writeFileSync(index, page('a'));
      const renderer = (await loadRenderer(join(base, 'app')))!;
      running = await serveStatic({ root: join(base, 'app'), port: 0, renderer });
      const at = `http://127.0.0.1:${(running.address() as AddressInfo).port}`;
      const body = async (path: string) => (await rawGet(at, path)).body.toString();
      const first = await rawGet(at, '/?step=1');
      expect(first.body.toString()).toContain('<div id="root">first ?step=1</div>');

      // The renderer of a new build, while the page is still the old build's: no first frame at all.
      const before = loads();
      writeFileSync(entry, module('b', 'second'));
      // A request finds the new module on disk and starts loading it; until then, and after, the old page stays plain.
      await vi.waitFor(
        async () => {
          expect(await body('/?step=1')).toBe(page('a'));
          expect(loads()).toBe(before + 1);
        },
        { timeout: 5_000 },
      );
      expect(await body('/?step=1')).toBe(page('a'));
      // Then the new page: the new renderer's frame, a new name for it, nothing of the old one kept.
      writeFileSync(index, `${page('b')}\n`);
      const second = await rawGet(at, '/?step=1');
      expect(second.body.toString()).toContain('<div id="root">second ?step=1</div>');
      expect(second.headers.etag).not.toBe(first.headers.etag);

      // A build that breaks the renderer serves the plain page; the next good build draws again.
      writeFileSync(entry, 'export const BUILD_ID = "c"; throw new Error("half written");\n');
      await vi.waitFor(async () => expect(await body('/?step=2')).toBe(`${page('b')}\n`), { timeout: 5_000 });
      writeFileSync(entry, module('b', 'third'));
      await vi.waitFor(async () => expect(await body('/?step=2')).toContain('third ?step=2'), { timeout: 5_000 });
    } finally {
      error.mockRestore();
      if (running) await new Promise((resolve) => running!.close(resolve));
      rmSync(base, { recursive: true, force: true });
    }
  }, 20_000);
});
