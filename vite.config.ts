import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * The built app's Content-Security-Policy: everything from this origin, nothing inline but styles.
 * - style-src 'unsafe-inline': Monaco writes <style> elements at run time (themes, decorations).
 * - img-src/font-src data:: Monaco's CSS inlines small icons; blob: for images made in the page.
 * - worker-src blob:: Monaco falls back to a blob: worker when a worker URL cannot be used directly.
 * - form-action 'none', object-src 'none', base-uri 'self': nothing to submit, embed or rebase.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

/**
 * Puts the policy into dist/index.html only, as the first element of <head> so that it covers every
 * script after it. The dev server is left alone: its HMR client and React refresh are inline scripts.
 */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'stepwise:content-security-policy',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
        injectTo: 'head-prepend',
      },
    ],
  };
}

export default defineConfig({
  // Relative asset URLs: the build works from any static server and any sub-path.
  base: './',
  plugins: [react(), contentSecurityPolicy()],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    // No polyfill: a browser without modulepreload only loses the preloading; the polyfill would cost the
    // first paint ~0.3 KB.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 4000,
  },
  test: {
    include: ['src/**/*.test.ts', 'tests/**/*.test.ts'],
    environment: 'node',
    // `npm run test:coverage`: the store's rules and playback are held to 90 % of their lines.
    coverage: {
      provider: 'v8',
      include: ['src/**/*.{ts,tsx}'],
      thresholds: {
        'src/state/{store,*Slice}.ts': { lines: 90 },
        'src/model/playback.ts': { lines: 90 },
      },
    },
  },
});
