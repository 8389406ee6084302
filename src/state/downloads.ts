import { saveBlob, slug } from '../io/download';
import { treeEntries } from '../steps/entries';
import { baseName } from '../steps/names';
import { useStepwise } from './store';

type ZipModule = typeof import('../io/zip');
/**
 * The zip module once loaded. A dynamic import resolves a task later even when the module is in memory,
 * and the browser paints a frame in between; the zip of a small tree is ready in less time than that.
 */
let zipModule: ZipModule | null = null;

/** Downloads the tree at the current position as a zip; the zip code is loaded on the first call only. */
export async function downloadTreeZip(): Promise<void> {
  const { scenario, position, showNotice } = useStepwise.getState();
  try {
    const { buildZip } = zipModule ?? (zipModule = await import('../io/zip'));
    const bytes = await buildZip(treeEntries(scenario.replay, position));
    saveBlob(bytes, `${slug(scenario.name)}-step-${position}.zip`, 'application/zip');
  } catch (e) {
    showNotice(`The zip could not be made: ${(e as Error).message}`);
  }
}

/** Downloads one file's content under its own name. */
export function downloadFile(path: string, content: string): void {
  saveBlob(content, baseName(path), 'application/octet-stream');
}

/** Downloads the unified diff between two positions of the current scenario. */
export function downloadPatch(patch: string, from: number, to: number): void {
  const name = slug(useStepwise.getState().scenario.name);
  saveBlob(patch, `${name}-step-${from}-to-${to}.patch`, 'text/x-diff;charset=utf-8');
}
