import { saveBlob, slug } from '../io/download';
import { treeEntries } from '../steps/entries';
import { baseName } from '../steps/names';
import type { Slice } from './store';

/** What the user can take away: the tree as a zip, a file, a patch. Actions only. */
export interface DownloadsSlice {
  /** Downloads the tree at the current position as a zip; a failure becomes a notice. */
  downloadZip(): Promise<void>;
  /** Downloads one file's content under its own name. */
  downloadFile(path: string, content: string): void;
  /** Downloads the unified diff between two positions of the current scenario. */
  downloadPatch(patch: string, from: number, to: number): void;
}

type ZipModule = typeof import('../io/zip');
/**
 * The zip module once loaded (on the first zip only). A dynamic import resolves a task later even when the
 * module is in memory, and the browser paints a frame in between; the zip of a small tree is ready sooner.
 */
let zipModule: ZipModule | null = null;

export const createDownloadsSlice: Slice<DownloadsSlice> = (_set, get) => ({
  async downloadZip() {
    const { scenario, position, showNotice } = get();
    try {
      const { buildZip } = zipModule ?? (zipModule = await import('../io/zip'));
      const bytes = await buildZip(treeEntries(scenario.replay, position));
      saveBlob(bytes, `${slug(scenario.name)}-step-${position}.zip`, 'application/zip');
    } catch (e) {
      showNotice(`The zip could not be made: ${(e as Error).message}`);
    }
  },
  downloadFile(path, content) {
    saveBlob(content, baseName(path), 'application/octet-stream');
  },
  downloadPatch(patch, from, to) {
    saveBlob(patch, `${slug(get().scenario.name)}-step-${from}-to-${to}.patch`, 'text/x-diff;charset=utf-8');
  },
});
