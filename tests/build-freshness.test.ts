import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildIsStale } from '../scripts/buildFreshness.mjs';
import { withTempDir } from './helpers';

/**
 * Writes `path` under `root`, modified `seconds` from now (the folders it creates are modified now, and the
 * check counts a folder's time too, so the times here lie ahead).
 */
function touch(root: string, path: string, seconds: number): void {
  const full = join(root, path);
  mkdirSync(join(full, '..'), { recursive: true });
  writeFileSync(full, path);
  const time = Date.now() / 1000 + seconds;
  utimesSync(full, time, time);
}

describe('buildIsStale: whether `npm start` and the bench must build again', () => {
  it('builds when the build is missing or older than a source or the build script', () =>
    withTempDir(async (root) => {
      touch(root, 'src/main.tsx', 1_000);
      expect(buildIsStale(root, 'dist')).toBe(true);
      touch(root, 'dist/index.html', 500);
      expect(buildIsStale(root, 'dist')).toBe(true);
      touch(root, 'dist/index.html', 2_000);
      expect(buildIsStale(root, 'dist')).toBe(false);
      touch(root, 'scripts/build.mjs', 3_000);
      expect(buildIsStale(root, 'dist')).toBe(true);
    }));

  it('finds an absolute build folder too', () =>
    withTempDir(async (root) => {
      touch(root, 'src/main.tsx', 1_000);
      touch(root, 'out/index.html', 2_000);
      expect(buildIsStale(root, join(root, 'out'))).toBe(false);
      touch(root, 'src/main.tsx', 3_000);
      expect(buildIsStale(root, join(root, 'out'))).toBe(true);
    }));
});
