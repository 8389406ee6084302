// The static server for the built app: `npm start`, the end-to-end tests and the benchmark all use it.
//
// `vite preview` gzips every response as it sends it. On a two-core machine that cost the page most of
// what it waited for: 20 ms for the entry chunk and 120 ms for Monaco's, on a core the browser needed.
// Here each file is compressed once, before the server listens (and again when it changes on disk),
// and kept in memory, as a static host with precompressed files would serve it.
//
// When the build has a server renderer beside it (scripts/build.mjs), a request for the page whose query
// names a view (`/?step=33&file=…`) gets the page with that view's first frame already in it
// (src/entry-server.tsx): it paints as soon as its HTML and CSS arrive, and the app hydrates it.
import { createServer } from 'node:http';
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { serverEntry } from './build.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.zip': 'application/zip',
  '.map': 'application/json; charset=utf-8',
};
/** Types worth compressing; fonts other than TTF, images and zips are compressed already. */
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.ttf', '.txt', '.map']);
const MIN_COMPRESSED_BYTES = 1024;
/** Rendered pages kept, the most recently asked for; a query longer than the limit is not rendered. */
const RENDERED_PAGES_KEPT = 64;
const MAX_RENDERED_QUERY = 4096;
const ROOT_PLACEHOLDER = '<div id="root"></div>';

/**
 * A file as it is sent: its bytes, a gzip copy where that is smaller, and the version (mtime and size)
 * both were made from.
 * @typedef {{ version: string, body: Buffer, gzip: Buffer | null }} CachedFile
 */

/**
 * The server renderer of the build in `root` (`renderRoot` of src/entry-server.tsx, built beside it by
 * scripts/build.mjs), or null when there is none: the page is then served as it is, and the browser draws
 * its first frame. A renderer that cannot be loaded is reported and treated as none. It draws only into
 * the index.html of its own build (the build id both carry), so never while a build is being written or
 * after one stopped halfway. When the module changes on disk (a new build), the new one is loaded in the
 * background (Node keeps the old module: one copy per rebuild the server lives through), and the page is
 * served as it is until then. `version` names the module on disk, for the server's page cache. Each load
 * runs the renderer once, so that the first visitor does not wait for its cold code.
 * @param {string} root
 * @returns {Promise<Renderer | null>}
 */
export async function loadRenderer(root) {
  const entry = resolve(serverEntry(root));
  const versionOnDisk = () => {
    try {
      const info = statSync(entry);
      return `${info.mtimeMs}-${info.size}`;
    } catch {
      return null;
    }
  };
  const first = versionOnDisk();
  if (first === null) return null;
  // React's server renderer picks its development or production build from this when it is first imported.
  process.env.NODE_ENV ??= 'production';
  /** @type {{ version: string, render: ((search: string) => string | null) | null, meta: string }} */
  let loaded = { version: '', render: null, meta: '' };
  /** @type {Promise<void> | null} */
  let loading = null;
  const load = async (version) => {
    try {
      const module = await import(`${pathToFileURL(entry).href}?version=${encodeURIComponent(version)}`);
      if (typeof module.renderRoot !== 'function' || typeof module.buildMeta !== 'function')
        throw new Error('it has no renderRoot or buildMeta');
      module.renderRoot('?step=0');
      loaded = { version, render: module.renderRoot, meta: module.buildMeta(module.BUILD_ID) };
    } catch (error) {
      console.error(`${entry} could not be loaded (${error.message}); pages are served without their first frame`);
      loaded = { version, render: null, meta: '' };
    }
  };
  await load(first);
  /** @type {Renderer} */
  const render = (search, page) => {
    const version = versionOnDisk();
    if (version !== loaded.version) {
      if (version !== null && loading === null) loading = load(version).finally(() => (loading = null));
      return null;
    }
    return loaded.render === null || !page.includes(loaded.meta) ? null : loaded.render(search);
  };
  // The module on disk, not the one loaded: a page cached from an older build must not be served once a new
  // one is written.
  return Object.defineProperty(render, 'version', { get: () => versionOnDisk() ?? '' });
}

/**
 * Draws the root for a query into `page` (index.html), or says null; `version` names what draws it.
 * @typedef {((search: string, page: string) => string | null) & { version?: string }} Renderer
 */

/**
 * Serves `root` on `host:port`. Hashed assets (under assets/) are cached by the browser for good;
 * everything else is revalidated. The app keeps its state in the query and the fragment, never in the
 * path, so a path that names no file is a 404 (the build's relative asset URLs would not load under it).
 * Resolves with the server once it listens.
 * With a `renderer` (see loadRenderer), the page is served with the first frame it returns for the query.
 * @param {{ root: string, host?: string, port?: number, renderer?: Renderer | null }} options
 * @returns {Promise<import('node:http').Server>}
 */
export function serveStatic({ root, host = '127.0.0.1', port = 4173, renderer = null }) {
  const base = resolve(root);
  /** @type {Map<string, CachedFile>} */
  const cache = new Map();

  /** @returns {Promise<CachedFile | null>} */
  async function load(path) {
    let info;
    try {
      info = await stat(path);
    } catch {
      cache.delete(path);
      return null;
    }
    if (!info.isFile()) return null;
    const version = `${info.mtimeMs}-${info.size}`;
    const cached = cache.get(path);
    if (cached?.version === version) return cached;
    const body = await readFile(path);
    let gzip = null;
    if (COMPRESSIBLE.has(extname(path)) && body.length >= MIN_COMPRESSED_BYTES) {
      const packed = gzipSync(body, { level: 9 });
      if (packed.length < body.length) gzip = packed;
    }
    const file = { version, body, gzip };
    cache.set(path, file);
    return file;
  }

  /**
   * Rendered pages by template, renderer and query, oldest first; null where rendering failed, which is not
   * tried again for the same three.
   * @type {Map<string, CachedFile | null>}
   */
  const rendered = new Map();

  /**
   * index.html (`template`) with the first frame for `search` in it, compressed like any file; null when
   * the query names no view, or rendering failed (the browser then draws the frame itself).
   * @param {CachedFile} template @param {string} search @returns {CachedFile | null}
   */
  function renderedPage(template, search) {
    if (renderer === null || search.length > MAX_RENDERED_QUERY) return null;
    const key = `${template.version}\n${renderer.version ?? ''}\n${search}`;
    if (rendered.has(key)) {
      const kept = rendered.get(key) ?? null;
      rendered.delete(key);
      rendered.set(key, kept);
      return kept;
    }
    const html = template.body.toString('utf8');
    let root = null;
    try {
      root = renderer(search, html);
    } catch (error) {
      console.error(`rendering the page for ${search.slice(0, 200)}: ${error.message}`);
      keep(key, null);
      return null;
    }
    // Not kept: the renderer may still be loading, or belong to another build than the page.
    if (root === null || !html.includes(ROOT_PLACEHOLDER)) return null;
    // A function, so that "$&" and the like in the page are not read as replacement patterns.
    const body = Buffer.from(html.replace(ROOT_PLACEHOLDER, () => root));
    // Named by its content: a new build's renderer may draw the same query differently.
    const digest = createHash('sha256').update(body).digest('base64url').slice(0, 22);
    const page = { version: digest, body, gzip: gzipSync(body, { level: 6 }) };
    keep(key, page);
    return page;
  }

  /** @param {string} key @param {CachedFile | null} page */
  function keep(key, page) {
    rendered.set(key, page);
    if (rendered.size > RENDERED_PAGES_KEPT) rendered.delete(rendered.keys().next().value);
  }

  const server = createServer((request, response) => {
    respond(request, response).catch((error) => {
      console.error(`serving ${request.url}: ${error.message}`);
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });

  /** @param {import('node:http').IncomingMessage} request @param {import('node:http').ServerResponse} response */
  async function respond(request, response) {
    response.setHeader('X-Content-Type-Options', 'nosniff');
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    let pathname;
    let search;
    try {
      const url = new URL(request.url ?? '/', 'http://localhost');
      pathname = decodeURIComponent(url.pathname);
      search = url.search;
    } catch {
      response.writeHead(400).end();
      return;
    }
    const path = resolve(base, `.${pathname.endsWith('/') ? `${pathname}index.html` : pathname}`);
    if (path !== base && !path.startsWith(base + sep)) {
      response.writeHead(403).end();
      return;
    }
    const stored = await load(path);
    const file =
      stored !== null && path === join(base, 'index.html') ? (renderedPage(stored, search) ?? stored) : stored;
    if (file === null) {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    const immutable = path.startsWith(join(base, 'assets') + sep);
    const acceptsGzip = /(?:^|,)\s*gzip\s*(?:,|$|;\s*q=(?!0(?:\.0*)?\s*(?:,|$)))/i.test(
      String(request.headers['accept-encoding'] ?? ''),
    );
    const body = file.gzip !== null && acceptsGzip ? file.gzip : file.body;
    const headers = {
      'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream',
      'Content-Length': body.length,
      'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      ETag: `"${file.version}${body === file.gzip ? '-gzip' : ''}"`,
    };
    if (file.gzip !== null) headers.Vary = 'Accept-Encoding';
    if (body === file.gzip) headers['Content-Encoding'] = 'gzip';
    const known = String(request.headers['if-none-match'] ?? '')
      .split(',')
      .map((tag) => tag.trim().replace(/^W\//, ''));
    if (known.includes(headers.ETag)) {
      const { ETag, Vary } = headers;
      response.writeHead(304, { ETag, 'Cache-Control': headers['Cache-Control'], ...(Vary ? { Vary } : {}) }).end();
      return;
    }
    response.writeHead(200, headers);
    response.end(request.method === 'HEAD' ? undefined : body);
  }

  // Every file is read and compressed before the server listens, so that no request waits for that.
  const warm = readdir(base, { recursive: true }).then((names) =>
    Promise.all(names.map((name) => load(join(base, name)))),
  );

  return warm.then(
    () =>
      new Promise((resolveListening, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolveListening(server);
        });
      }),
  );
}

// `node scripts/serve.mjs [dir] [--port N] [--host H]`
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { port: { type: 'string', default: '4173' }, host: { type: 'string', default: '127.0.0.1' } },
  });
  const root = positionals[0] ?? 'dist';
  const { host } = values;
  const port = Number(values.port);
  loadRenderer(root)
    .then((renderer) => serveStatic({ root, host, port, renderer }))
    .then(
      () => console.log(`serving ${root} at http://${host}:${port}/`),
      (error) => {
        console.error(`could not serve ${root} on ${host}:${port}: ${error.message}`);
        process.exit(1);
      },
    );
}
