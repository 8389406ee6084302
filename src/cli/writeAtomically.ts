import { mkdir, mkdtemp, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** The file system refused a write; the message names the path and the reason. */
export class OutputError extends Error {}

export async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/**
 * Writes into a fresh folder inside `parent` (so that the final renames stay on one file system),
 * then moves each [written, target] pair into place. Whatever a target held is moved aside first
 * and deleted only once every move succeeded; on any failure the moves are undone, and the staging
 * folder and every folder this call created are removed.
 */
export async function writeAtomically(
  parent: string,
  write: (staging: string) => Promise<Array<[written: string, target: string]>>,
): Promise<void> {
  const created = await mkdir(parent, { recursive: true }).catch(refusedWrite(parent));
  let staging: string | undefined;
  const moved: Array<[from: string, to: string]> = [];
  let done = false;
  try {
    staging = await mkdtemp(join(parent, '.stepwise-export-')).catch(refusedWrite(parent));
    const pairs = await write(staging);
    const replaced = join(staging, '.replaced');
    await mkdir(replaced);
    for (const [index, [written, target]] of pairs.entries()) {
      if (await exists(target)) {
        const aside = join(replaced, String(index));
        await rename(target, aside).catch(refusedWrite(target));
        moved.push([target, aside]);
      }
      await rename(written, target).catch(refusedWrite(target));
      moved.push([written, target]);
    }
    done = true;
  } finally {
    if (!done) {
      // In reverse order: each new entry goes back to staging, then what it replaced back into place.
      for (const [from, to] of moved.reverse()) await rename(to, from).catch(() => undefined);
      if (created !== undefined) await rm(created, { recursive: true, force: true });
    }
    if (staging !== undefined) await rm(staging, { recursive: true, force: true });
  }
}

const REASONS: Readonly<Record<string, string>> = {
  ENAMETOOLONG: 'the path is too long for this file system',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOTDIR: 'part of the path is a file, not a folder',
  EEXIST: 'something is already there',
  EISDIR: 'a folder is in the way',
};

/** Turns a file system error into an OutputError naming what could not be written and why. */
export function refusedWrite(what: string): (e: unknown) => never {
  return (e) => {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    const reason = REASONS[code] ? `${REASONS[code]} (${code})` : code || (e as Error).message;
    throw new OutputError(`cannot write ${what}: ${reason}; nothing was written`);
  };
}
