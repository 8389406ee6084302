// Finds the Chromium that Playwright should drive: browsers cannot be downloaded on our machines,
// so the system's Debian package is the normal case.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

/** @returns {string | undefined} the executable, or undefined when none is installed */
export function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  try {
    const { chromium } = createRequire(import.meta.url)('playwright-core');
    const own = chromium.executablePath();
    if (own && existsSync(own)) return own;
  } catch {
    // playwright-core not installed or no browser of its own: fall through.
  }
  return undefined;
}

/** Flags for Chromium here: no sandbox as root, and no background traffic to hosts we cannot reach. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
