// One command for users: install if needed, build if the build is missing or older than the
// sources, then serve the production build and print its URL.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { build } from './build.mjs';
import { buildIsStale } from './buildFreshness.mjs';
import { serveStatic } from './serve.mjs';

const port = process.env.PORT ?? '4173';
const run = (command) => execSync(command, { stdio: 'inherit' });

if (!existsSync('node_modules/.package-lock.json')) run('npm install --no-audit --no-fund');

if (buildIsStale('.', 'dist')) build('dist');

try {
  await serveStatic({ root: 'dist', host: '127.0.0.1', port: Number(port) });
} catch (error) {
  const busy = error.code === 'EADDRINUSE' || error.code === 'EACCES';
  console.error(
    busy
      ? `stepwise could not listen on 127.0.0.1:${port}: ${error.message} (set PORT to use another port)`
      : `stepwise could not serve dist/: ${error.message}`,
  );
  process.exit(1);
}
console.log(`\nstepwise is running at http://127.0.0.1:${port}/  (Ctrl+C stops it)\n`);
