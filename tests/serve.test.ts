import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompress } from '../scripts/build.mjs';
import { acceptedCodings, serveStatic } from '../scripts/serve.mjs';
import { rawGet } from './helpers';

const SCRIPT = `export const answer = ${'42 + '.repeat(600)}0;\n`;
const INDEX = '<!doctype html><title>app</title>';

/** Holds the served folder and, beside it, a file that must never be served. */
let outside: string;
let root: string;
let server: Server;
let origin: string;

beforeAll(async () => {
  outside = mkdtempSync(join(tmpdir(), 'stepwise-serve-'));
  root = join(outside, 'dist');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), INDEX);
  writeFileSync(join(root, 'assets/app-abc123.js'), SCRIPT);
  writeFileSync(join(root, 'assets/tiny-abc123.css'), 'a{}');
  writeFileSync(join(outside, 'secret.txt'), 'not inside');
  precompress(root);
  server = await serveStatic({ root, port: 0 });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(outside, { recursive: true, force: true });
});

/** The response exactly as sent: the path is not normalised and the body not decoded, as fetch would. */
const get = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
  rawGet(origin, path, headers, method);

describe('the static server', () => {
  it('serves a hashed asset with its type, cached for good, and says not to sniff', async () => {
    const { status, headers, body } = await get('/assets/app-abc123.js');
    expect(status).toBe(200);
    expect(headers['content-type']).toMatch(/^text\/javascript\b/);
    expect(headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['content-encoding']).toBeUndefined();
    expect(body.toString()).toBe(SCRIPT);
  });

  it('sends the copy the build compressed to a browser that accepts it, and it unpacks to the same bytes', async () => {
    const gzip = await get('/assets/app-abc123.js', { 'accept-encoding': 'gzip, deflate' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.headers['content-type']).toMatch(/^text\/javascript\b/);
    expect(gzip.headers.vary).toBe('Accept-Encoding');
    expect(gzip.body.length).toBeLessThan(SCRIPT.length);
    expect(gunzipSync(gzip.body).toString()).toBe(SCRIPT);
    const brotli = await get('/assets/app-abc123.js', { 'accept-encoding': 'gzip, deflate, br' });
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(brotli.body).toString()).toBe(SCRIPT);
  });

  it('sends the plain copy to a browser that refuses both codings with q=0, or names others', async () => {
    for (const accept of ['gzip;q=0', 'br;q=0, gzip; q=0.0', 'x-gzip', 'deflate']) {
      const { headers, body } = await get('/assets/app-abc123.js', { 'accept-encoding': accept });
      expect(headers['content-encoding'], accept).toBeUndefined();
      expect(body.toString()).toBe(SCRIPT);
    }
    expect(acceptedCodings('GZIP;q=0.5, br;q=0, identity')).toBe('gzip');
  });

  it('has no compressed copy of small files', async () => {
    const { headers, body } = await get('/assets/tiny-abc123.css', { 'accept-encoding': 'gzip, br' });
    expect(headers['content-encoding']).toBeUndefined();
    expect(body.toString()).toBe('a{}');
  });

  it('serves index.html for / whatever the query, revalidated each time', async () => {
    for (const path of ['/', '/?step=3&file=a.json', '/index.html']) {
      const { status, headers, body } = await get(path);
      expect(status, path).toBe(200);
      expect(headers['content-type']).toBe('text/html;charset=utf-8');
      expect(headers['cache-control']).toBe('no-cache');
      expect(body.toString()).toBe(INDEX);
    }
  });

  it('gives 404 for a path that names no file: the app keeps its state in the query, not the path', async () => {
    const { status, headers } = await get('/some/deep/link');
    expect(status).toBe(404);
    expect(headers['x-content-type-options']).toBe('nosniff');
  });

  it('answers 304 when the browser already has the version', async () => {
    const etag = (await get('/')).headers.etag!;
    expect(etag).toMatch(/^(W\/)?".+"$/);
    const { status, headers } = await get('/', { 'if-none-match': etag });
    expect(status).toBe(304);
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect((await get('/', { 'if-none-match': '"other"' })).status).toBe(200);
    const packed = await get('/assets/app-abc123.js', { 'accept-encoding': 'gzip' });
    const again = await get('/assets/app-abc123.js', {
      'accept-encoding': 'gzip',
      'if-none-match': packed.headers.etag!,
    });
    expect(again.status).toBe(304);
    // The plain copy is another version: its tag does not match the gzip one.
    expect((await get('/assets/app-abc123.js', { 'if-none-match': packed.headers.etag! })).status).toBe(200);
  });

  it('gives 404 for a missing asset, and never serves a file outside its folder', async () => {
    expect((await get('/assets/missing.js')).status).toBe(404);
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/..%5csecret.txt']) {
      const { status, body } = await get(path);
      expect([403, 404], path).toContain(status);
      expect(body.toString()).not.toContain('not inside');
    }
  });

  it('refuses methods other than GET and HEAD; HEAD has the headers and no body', async () => {
    expect((await get('/', {}, 'POST')).status).toBe(405);
    const head = await get('/assets/app-abc123.js', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String(SCRIPT.length));
    expect(head.body.length).toBe(0);
  });

  it('serves a file again once it changes on disk, even to content of the same size', async () => {
    const path = join(root, 'notes.txt');
    writeFileSync(path, 'one');
    expect((await get('/notes.txt')).body.toString()).toBe('one');
    writeFileSync(path, 'two');
    const later = new Date(Date.now() + 5_000);
    utimesSync(path, later, later);
    expect((await get('/notes.txt')).body.toString()).toBe('two');
  });

  it('forgets a file removed from disk', async () => {
    const path = join(root, 'gone.txt');
    writeFileSync(path, 'here');
    expect((await get('/gone.txt')).status).toBe(200);
    rmSync(path);
    expect((await get('/gone.txt')).status).toBe(404);
  });
});
