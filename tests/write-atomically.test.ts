import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OutputError, writeAtomically } from '../src/cli/writeAtomically';
import { withTempDir } from './helpers';

/** Two top folders, a/ and b/, each holding old.txt. */
async function oldTree(out: string): Promise<void> {
  for (const name of ['a', 'b']) {
    await mkdir(join(out, name), { recursive: true });
    await writeFile(join(out, name, 'old.txt'), `old ${name}`);
  }
}

describe('writeAtomically', () => {
  it('replaces each target with what was written, and leaves no staging folder', async () => {
    await withTempDir(async (out) => {
      await oldTree(out);
      await writeAtomically(out, async (staging) => {
        await mkdir(join(staging, 'a'));
        await writeFile(join(staging, 'a', 'new.txt'), 'new a');
        return [[join(staging, 'a'), join(out, 'a')]];
      });
      expect((await readdir(out)).sort()).toEqual(['a', 'b']);
      expect(await readdir(join(out, 'a'))).toEqual(['new.txt']);
      expect(await readFile(join(out, 'b', 'old.txt'), 'utf8')).toBe('old b');
    });
  });

  it('undoes the moves already made when a later one fails: every old target is back as it was', async () => {
    await withTempDir(async (out) => {
      await oldTree(out);
      const failed = writeAtomically(out, async (staging) => {
        await mkdir(join(staging, 'a'));
        await writeFile(join(staging, 'a', 'new.txt'), 'new a');
        // The second move fails: nothing was written at its source.
        return [
          [join(staging, 'a'), join(out, 'a')],
          [join(staging, 'never-written'), join(out, 'b')],
        ];
      });
      await expect(failed).rejects.toThrow(OutputError);
      await expect(failed).rejects.toThrow(/^cannot write .*\/b: ENOENT; nothing was written$/);
      expect((await readdir(out)).sort()).toEqual(['a', 'b']);
      expect(await readdir(join(out, 'a'))).toEqual(['old.txt']);
      expect(await readFile(join(out, 'a', 'old.txt'), 'utf8')).toBe('old a');
      expect(await readFile(join(out, 'b', 'old.txt'), 'utf8')).toBe('old b');
    });
  });

  it('removes the folders it created when the writing fails', async () => {
    await withTempDir(async (dir) => {
      const failed = writeAtomically(join(dir, 'x', 'y'), async (staging) => {
        await writeFile(join(staging, 'partial.txt'), 'half');
        throw new OutputError('cannot write the rest');
      });
      await expect(failed).rejects.toThrow('cannot write the rest');
      expect(await readdir(dir)).toEqual([]);
    });
  });
});
