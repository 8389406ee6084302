// The command-line tool as one plain ES module: src/cli/main.ts with every package it uses and the built-in
// scenario's text inside, so the installed package runs it with Node alone — no tsx, no dependencies.
// `node scripts/build-cli.mjs [outFile]` (default dist-cli/stepwise.mjs); `npm run build` runs it too.
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'vite';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Where bin/stepwise.mjs looks for the bundle. */
export const CLI_BUNDLE = resolve(ROOT, 'dist-cli/stepwise.mjs');

/**
 * Bundles the CLI with Vite's SSR build (the same `?raw` import the app uses for the built-in scenario). One file,
 * no chunks: a module that starts a worker from its own `import.meta.url` finds all of itself there.
 * @param {string} outFile where to write the bundle
 * @returns {Promise<string>} the bundle's path
 */
export async function buildCli(outFile = CLI_BUNDLE) {
  const result = await build({
    root: ROOT,
    configFile: false,
    envDir: false,
    publicDir: false,
    logLevel: 'warn',
    ssr: { target: 'node', noExternal: true },
    build: {
      ssr: resolve(ROOT, 'src/cli/main.ts'),
      target: 'node20',
      write: false,
      rolldownOptions: { output: { format: 'es', codeSplitting: false } },
    },
  });
  const chunks = (Array.isArray(result) ? result : [result]).flatMap((output) => output.output);
  if (chunks.length !== 1 || chunks[0].type !== 'chunk')
    throw new Error(`the CLI bundle came out as ${chunks.length} files, not one module`);
  // Written beside the bundle and renamed over it: a CLI run or test reading it meanwhile never sees half a file.
  const target = resolve(outFile);
  const partial = `${target}.${process.pid}.partial`;
  await mkdir(dirname(target), { recursive: true });
  try {
    await writeFile(partial, chunks[0].code);
    await rename(partial, target);
  } finally {
    await rm(partial, { force: true });
  }
  return target;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await buildCli(process.argv[2]);
