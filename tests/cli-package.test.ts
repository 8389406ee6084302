import { execFile } from 'node:child_process';
import { lstat, mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import { builtCli, withTempDir } from './helpers';

// npm pack and npm install of the packed project: tens of seconds on a busy machine.
vi.setConfig({ testTimeout: 300_000 });

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The size the issue allows the installed package's node_modules. */
const MAX_INSTALLED_BYTES = 40 * 1024 * 1024;

const exec = (command: string, args: string[], cwd: string) =>
  promisify(execFile)(command, args, { cwd, maxBuffer: 64 * 1024 * 1024 });

/** Bytes of every file under `path` (links counted as themselves, not followed). */
async function bytesUnder(path: string): Promise<number> {
  const info = await lstat(path);
  if (!info.isDirectory()) return info.size;
  let total = 0;
  for (const name of await readdir(path)) total += await bytesUnder(join(path, name));
  return total;
}

interface Packed {
  filename: string;
  files: { path: string }[];
}

describe('the package made by npm pack', () => {
  it('installs into an empty folder with nothing else, and its stepwise exports and checks like the checkout', async () => {
    await builtCli();
    await withTempDir(async (dir) => {
      const [packed] = JSON.parse(
        (await exec('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], ROOT)).stdout,
      ) as Packed[];
      const shipped = packed.files.map((file) => file.path);
      expect(shipped).toEqual(expect.arrayContaining(['package.json', 'bin/stepwise.mjs', 'dist-cli/stepwise.mjs']));
      expect(shipped.filter((path) => !/^(bin|dist|dist-cli)\/|^(package\.json|README\.md)$/.test(path))).toEqual([]);

      const user = join(dir, 'user');
      await mkdir(user);
      await exec('npm', ['install', '--offline', '--no-audit', '--no-fund', join(dir, packed.filename)], user);
      const modules = join(user, 'node_modules');
      // No dependency came with it: the bundle holds everything the CLI runs.
      expect((await readdir(modules)).filter((name) => !name.startsWith('.'))).toEqual(['stepwise']);
      expect(await bytesUnder(modules)).toBeLessThanOrEqual(MAX_INSTALLED_BYTES);

      const fromPackage = await exec('npx', ['--offline', 'stepwise', 'export', '--zip', 'tree.zip'], user);
      expect(fromPackage.stdout).toMatch(/^Wrote tree\.zip: 80 entries, the tree after step 85 of 85\.$/m);
      await exec(process.execPath, ['bin/stepwise.mjs', 'export', '--zip', join(dir, 'checkout.zip')], ROOT);
      expect((await readFile(join(user, 'tree.zip'))).equals(await readFile(join(dir, 'checkout.zip')))).toBe(true);

      const checked = await exec('npx', ['--offline', 'stepwise', 'check', 'tree.zip'], user);
      expect(checked.stdout).toMatch(/^80 identical, 0 equivalent, 0 different, 0 missing, 0 extra .*: MATCH$/m);
      await expect(
        exec('npx', ['--offline', 'stepwise', 'check', 'tree.zip', '--step', '1'], user),
      ).rejects.toMatchObject({ code: 1, stdout: expect.stringMatching(/after step 1 of 85: MISMATCH$/m) });
    });
  });
});
