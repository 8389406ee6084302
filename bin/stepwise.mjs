#!/usr/bin/env node
// Runs the CLI bundle: src/cli/main.ts built into one plain ES module by scripts/build-cli.mjs (`npm run build`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = new URL('../dist-cli/stepwise.mjs', import.meta.url);
if (existsSync(fileURLToPath(bundle))) {
  const { main } = await import(bundle.href);
  process.exitCode = await main(process.argv.slice(2));
} else {
  console.error(`stepwise: ${fileURLToPath(bundle)} is missing; in a checkout of stepwise, run "npm run build" first.`);
  process.exitCode = 2;
}
