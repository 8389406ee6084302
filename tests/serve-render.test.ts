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
  /** A renderer module that draws `label` and counts its calls in a global, since each load is a new instance. */
  const module = (label: string) =>
    `globalThis.renderCalls = (globalThis.renderCalls ?? 0) + 1;\n` +
    `export function renderRoot(search) { return '<div id="root">${label} ' + search + '</div>'; }\n`;
  const entryOf = (base: string) => join(base, 'app-server/entry-server.js');
  const calls = () => (globalThis as { renderCalls?: number }).renderCalls ?? 0;

  it('loads renderRoot from the server build beside the app, and finds none where there is none', async () => {
    const base = mkdtempSync(join(tmpdir(), 'stepwise-renderer-'));
    try {
      mkdirSync(join(base, 'app-server'));
      writeFileSync(entryOf(base), module('first'));
      const render = await loadRenderer(join(base, 'app'));
      expect(render?.('?step=2')).toBe('<div id="root">first ?step=2</div>');
      expect(await loadRenderer(join(base, 'elsewhere'))).toBeNull();
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });

  it('loads a new build of the renderer in the background, serving no first frame until it is in', async () => {
    const base = mkdtempSync(join(tmpdir(), 'stepwise-renderer-'));
    try {
      mkdirSync(join(base, 'app-server'));
      writeFileSync(entryOf(base), module('old'));
      const render = (await loadRenderer(join(base, 'app')))!;
      expect(render('?step=1')).toBe('<div id="root">old ?step=1</div>');
      const before = calls();
      writeFileSync(entryOf(base), module('new build'));
      expect(render('?step=1')).toBeNull();
      await vi.waitFor(() => expect(render('?step=1')).toBe('<div id="root">new build ?step=1</div>'));
      expect(calls()).toBe(before + 1);
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });

  it('reports a renderer that cannot be loaded, and the page is then served as it is', async () => {
    const base = mkdtempSync(join(tmpdir(), 'stepwise-renderer-'));
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      mkdirSync(join(base, 'app-server'));
      writeFileSync(entryOf(base), 'export function renderRoot() { throw new Error("broken build"); }\n');
      const render = await loadRenderer(join(base, 'app'));
      expect(render?.('?step=1')).toBeNull();
      expect(error).toHaveBeenCalledWith(expect.stringContaining('broken build'));
    } finally {
      error.mockRestore();
      rmSync(base, { recursive: true, force: true });
    }
  });
});
