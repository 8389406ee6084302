import react from '@vitejs/plugin-react';
import { createHash } from 'node:crypto';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { buildMeta, RESTORE_SCROLL_SCRIPT } from './src/serverPage.ts';

/**
 * The built app's Content-Security-Policy: everything from this origin, nothing inline but styles and the
 * one script of a page the server rendered, allowed by its hash (src/serverPage.ts).
 * - style-src 'unsafe-inline': Monaco writes <style> elements at run time (themes, decorations).
 * - img-src/font-src data:: Monaco's CSS inlines small icons; blob: for images made in the page.
 * - worker-src blob:: Monaco falls back to a blob: worker when a worker URL cannot be used directly.
 * - form-action 'none', object-src 'none', base-uri 'self': nothing to submit, embed or rebase.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  `script-src 'self' 'sha256-${createHash('sha256').update(RESTORE_SCROLL_SCRIPT).digest('base64')}'`,
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

/**
 * Names the build (scripts/build.mjs sets one id for the app and its server renderer): index.html carries it in
 * a meta element and the renderer exports it, and the server draws a first frame only into the page of the
 * renderer's own build.
 */
const BUILD_ID = process.env.STEPWISE_BUILD_ID ?? 'unnamed';

function buildId(): Plugin {
  return {
    name: 'stepwise:build-id',
    apply: 'build',
    transformIndexHtml: (html) => html.replace('</head>', `  ${buildMeta(BUILD_ID)}\n  </head>`),
  };
}

export default defineConfig({
  // Relative asset URLs: the build works from any static server and any sub-path.
  base: './',
  plugins: [react(), contentSecurityPolicy(), buildId()],
  define: { __STEPWISE_BUILD_ID__: JSON.stringify(BUILD_ID) },
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
  },
});
