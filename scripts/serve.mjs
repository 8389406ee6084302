// The static server for the built app: `npm start`, the end-to-end tests and the benchmark all use it. It only
// serves files: the build is a static site, and any static host serves it the same way. The gzip and brotli copies
// that scripts/build.mjs writes beside each text asset are sent to browsers that accept them, so that nothing is
// compressed while a page waits.
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import sirv from 'sirv';

const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * The codings a browser accepts among those the build has copies for (`br`, `gzip`), written as sirv reads them:
 * sirv looks only for the names, so `gzip;q=0` (refused) would count as accepted.
 * @param {string} header the request's Accept-Encoding
 */
export function acceptedCodings(header) {
  const accepted = [];
  for (const part of header.split(',')) {
    const [name, ...params] = part.split(';').map((piece) => piece.trim().toLowerCase());
    const q = params.find((param) => param.startsWith('q='));
    if ((name === 'br' || name === 'gzip') && (q === undefined || Number(q.slice(2)) > 0)) accepted.push(name);
  }
  return accepted.join(', ');
}

/**
 * Serves `root` on `host:port`; resolves with the server once it listens. Hashed assets (under assets/) are
 * cached by the browser for good, everything else is revalidated. The app keeps its state in the query and the
 * fragment, never in the path, so a path that names no file is a 404. Files are looked up on each request, so a
 * rebuild while the server runs is served at once.
 * @param {{ root: string, host?: string, port?: number }} options
 * @returns {Promise<import('node:http').Server>}
 */
export function serveStatic({ root, host = '127.0.0.1', port = 4173 }) {
  const files = sirv(resolve(root), {
    // sirv's "dev" mode is the one that looks files up on each request; the headers below replace its no-cache.
    dev: true,
    etag: true,
    gzip: true,
    brotli: true,
    setHeaders: (response, pathname) =>
      response.setHeader('Cache-Control', pathname.startsWith('/assets/') ? IMMUTABLE : 'no-cache'),
  });
  const server = createServer((request, response) => {
    response.setHeader('X-Content-Type-Options', 'nosniff');
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    request.headers['accept-encoding'] = acceptedCodings(String(request.headers['accept-encoding'] ?? ''));
    files(request, response, () =>
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found'),
    );
  });
  return new Promise((resolveListening, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolveListening(server);
    });
  });
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
  serveStatic({ root, host, port }).then(
    () => console.log(`serving ${root} at http://${host}:${port}/`),
    (error) => {
      console.error(`could not serve ${root} on ${host}:${port}: ${error.message}`);
      process.exit(1);
    },
  );
}
