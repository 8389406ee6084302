// The production build: the app into `outDir`, and the module that renders its first frame on the server
// (src/entry-server.tsx) into `${outDir}-server`, where scripts/serve.mjs finds it.
// `node scripts/build.mjs [outDir] [vite build flags…]` (`npm run build -- --minify false` builds into dist/)
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Where the server-rendering module of the build in `outDir` is. */
export function serverEntry(outDir) {
  return join(`${outDir.replace(/[\\/]+$/, '')}-server`, 'entry-server.js');
}

/**
 * Builds both, under one build id (`STEPWISE_BUILD_ID`, see vite.config.ts): the server draws only into
 * the index.html of its own build, never while the two halves come from different builds.
 * @param {string} outDir relative to the project root, or absolute
 * @param {readonly string[]} flags more `vite build` flags (the profiler's build is unminified)
 */
export function build(outDir = 'dist', flags = []) {
  const env = { ...process.env, STEPWISE_BUILD_ID: `${Date.now().toString(36)}-${process.pid}` };
  const vite = (args) => {
    const result = spawnSync('npx', ['vite', 'build', '--emptyOutDir', ...args, ...flags], {
      cwd: ROOT,
      env,
      stdio: 'inherit',
    });
    if (result.status !== 0) throw new Error(`vite build ${args.join(' ')} failed (exit ${result.status})`);
  };
  vite(['--ssr', 'src/entry-server.tsx', '--outDir', join(serverEntry(outDir), '..'), '--logLevel', 'warn']);
  vite(['--outDir', outDir]);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const outDir = args[0] !== undefined && !args[0].startsWith('-') ? args.shift() : 'dist';
  build(outDir, args);
}
