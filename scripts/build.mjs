// The production build: the app into `outDir` (a static site; any static server can serve it), with a gzip and
// a brotli copy of each text asset beside it for servers that send precompressed files (scripts/serve.mjs).
// `node scripts/build.mjs [outDir] [vite build flags…]` (`npm run build -- --minify false` builds into dist/)
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Types worth compressing; images, zips and WOFF fonts are compressed already. */
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.ttf', '.txt', '.map']);
const MIN_COMPRESSED_BYTES = 1024;
// Brotli's quality 11 took about 5 s more than 9 for Monaco's chunk on a 2-core VM, for 10 % fewer bytes.
const BROTLI_QUALITY = 9;

/**
 * Builds the app into `outDir` and writes its compressed copies.
 * @param {string} outDir relative to the project root, or absolute
 * @param {readonly string[]} flags more `vite build` flags (the profiler's build is unminified)
 */
export function build(outDir = 'dist', flags = []) {
  const result = spawnSync('npx', ['vite', 'build', '--emptyOutDir', '--outDir', outDir, ...flags], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error(`vite build failed (exit ${result.status})`);
  precompress(resolve(ROOT, outDir));
}

/** Writes `name.gz` and `name.br` beside each compressible file of `dir` where they are smaller. */
export function precompress(dir) {
  const packers = [
    ['.gz', (body) => gzipSync(body, { level: 9 })],
    ['.br', (body) => brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY } })],
  ];
  for (const name of readdirSync(dir, { recursive: true })) {
    if (!COMPRESSIBLE.has(extname(name))) continue;
    const body = readFileSync(join(dir, name));
    if (body.length < MIN_COMPRESSED_BYTES) continue;
    for (const [suffix, pack] of packers) {
      const packed = pack(body);
      if (packed.length < body.length) writeFileSync(join(dir, name + suffix), packed);
    }
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const outDir = args[0] !== undefined && !args[0].startsWith('-') ? args.shift() : 'dist';
  build(outDir, args);
}
