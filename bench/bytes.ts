/** Transfer sizes of the build: what the first paint needs, and everything, gzip-compressed. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface AssetSize {
  readonly file: string;
  readonly bytes: number;
  readonly gzip: number;
}

export interface BuildBytes {
  /** The JS and CSS that index.html loads (entry script, module preloads, stylesheets). */
  readonly firstPaint: { readonly gzipKB: number; readonly rawKB: number; readonly files: readonly string[] };
  /** Every JS and CSS asset of the build, workers included. */
  readonly total: { readonly gzipKB: number; readonly rawKB: number };
  readonly assets: readonly AssetSize[];
}

const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

/** gzip at level 9, as a static server with precompression would send it. */
export function sizeOf(dist: string, file: string): AssetSize {
  const data = readFileSync(join(dist, file));
  return { file, bytes: data.length, gzip: gzipSync(data, { level: 9 }).length };
}

/** Relative asset paths that index.html references, in order. */
export function firstPaintFiles(dist: string): string[] {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const files: string[] = [];
  for (const match of html.matchAll(/<(?:script|link)\b[^>]*?(?:src|href)="\.?\/?(assets\/[^"]+\.(?:js|css))"/g))
    files.push(match[1]);
  return files;
}

export function buildBytes(dist: string): BuildBytes {
  const assets = readdirSync(join(dist, 'assets'))
    .filter((name) => /\.(?:js|css)$/.test(name))
    .map((name) => sizeOf(dist, `assets/${name}`))
    .sort((a, b) => b.gzip - a.gzip);
  const first = firstPaintFiles(dist).map((file) => sizeOf(dist, file));
  const sum = (list: readonly AssetSize[], key: 'bytes' | 'gzip') => kb(list.reduce((n, a) => n + a[key], 0));
  return {
    firstPaint: { gzipKB: sum(first, 'gzip'), rawKB: sum(first, 'bytes'), files: first.map((a) => a.file) },
    total: { gzipKB: sum(assets, 'gzip'), rawKB: sum(assets, 'bytes') },
    assets,
  };
}

/** The gzip size of the JS and CSS that a page actually requested (paths relative to the site root). */
export function requestedBytes(
  dist: string,
  paths: Iterable<string>,
): { gzipKB: number; rawKB: number; files: string[] } {
  const files = [...new Set(paths)].filter((p) => /\.(?:js|css)$/.test(p));
  const sizes = files.map((file) => sizeOf(dist, file));
  return {
    gzipKB: kb(sizes.reduce((n, a) => n + a.gzip, 0)),
    rawKB: kb(sizes.reduce((n, a) => n + a.bytes, 0)),
    files,
  };
}
