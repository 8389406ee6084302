// Whether a production build must be redone: `npm start` and the benchmark both build only when the build is
// missing or older than something it is made from.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** What a build is made from, relative to the project root (samples/ is bundled for the Documents tab). */
const BUILD_INPUTS = [
  'src',
  'samples',
  'index.html',
  'vite.config.ts',
  'tsconfig.json',
  'tsconfig.app.json',
  'package.json',
  'package-lock.json',
  'public',
  'scripts/build.mjs',
];

/** The newest modification time under `path` (0 when it does not exist). */
function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

/**
 * True when `outDir` has no build, or it is older than any build input.
 * @param {string} root the project root
 * @param {string} outDir the build directory
 * @returns {boolean}
 */
export function buildIsStale(root, outDir) {
  const output = resolve(root, outDir, 'index.html');
  if (!existsSync(output)) return true;
  const built = statSync(output).mtimeMs;
  return BUILD_INPUTS.some((input) => newestMtime(join(root, input)) > built);
}
