import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serverEntry } from '../scripts/build.mjs';
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
  it('builds when the app or its server renderer is missing, or either is older than a source', () =>
    withTempDir(async (root) => {
      touch(root, 'src/main.tsx', 1_000);
      expect(buildIsStale(root, 'dist')).toBe(true);
      touch(root, 'dist/index.html', 2_000);
      expect(buildIsStale(root, 'dist')).toBe(true);
      touch(root, serverEntry('dist'), 2_000);
      expect(buildIsStale(root, 'dist')).toBe(false);
      touch(root, serverEntry('dist'), 500);
      expect(buildIsStale(root, 'dist')).toBe(true);
      touch(root, serverEntry('dist'), 2_000);
      touch(root, 'scripts/build.mjs', 3_000);
      expect(buildIsStale(root, 'dist')).toBe(true);
    }));

  it('finds the renderer beside an absolute build folder too', () =>
    withTempDir(async (root) => {
      touch(root, 'src/main.tsx', 1_000);
      touch(root, 'out/index.html', 2_000);
      touch(root, serverEntry('out'), 2_000);
      expect(serverEntry(join(root, 'out'))).toBe(join(root, 'out-server/entry-server.js'));
      expect(buildIsStale(root, join(root, 'out'))).toBe(false);
    }));
});
