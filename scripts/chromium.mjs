// Finds the Chromium that Playwright should drive: the system's (Debian's `chromium` package) is the normal case,
// so that no browser has to be downloaded.
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

/**
 * Chromium takes only the last --disable-features, and Playwright passes its own list before ours: this
 * repeats the part of Playwright 1.65's list (chromiumSwitches.ts) that applies to Chromium on Linux, and
 * adds Chromium's own omnibox popup, a WebUI page that Chromium 156 loads in every new window even when
 * headless. On two cores it competed with the page under test: with it, a cold load of the app painted its
 * step list after about 1,100 ms, without it after about 580 ms. Puppeteer disables the same two features
 * by default (puppeteer/puppeteer#15278). Check this list when upgrading Playwright.
 */
const DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  'WebUIOmniboxPopup',
  'WebUIOmniboxAimPopup',
];

/** Flags for the Chromium the tests and the bench drive: no sandbox as root, and no background work for hosts or windows we do not use. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  `--disable-features=${DISABLED_FEATURES.join(',')}`,
];
