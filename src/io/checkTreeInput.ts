import { ZIP_LIMITS } from './zipLimits';
import type { ProducedEntry } from '../steps/compare';
import { StepwiseError } from '../steps/errors';

/** A tree somebody produced, read from a zip or a folder, ready for compareTrees. */
export interface ProducedTree {
  /** What the user gave: "out.zip", "folder bookshop". */
  readonly label: string;
  readonly entries: readonly ProducedEntry[];
}

/** A file of a folder with its path relative to what was chosen or dropped. */
export interface FolderFile {
  readonly path: string;
  readonly file: File;
}

const MB = 1024 * 1024;

/** Reads a zip with the same checks as `npm run check`; jszip loads on first use only. */
export async function readZipFile(file: File): Promise<ProducedTree> {
  // A zip larger than the uncompressed limit cannot hold an acceptable tree; do not read it at all.
  if (file.size > ZIP_LIMITS.totalBytes)
    throw new StepwiseError(`The zip was refused: the file is larger than ${ZIP_LIMITS.totalBytes / MB} MB.`);
  const bytes = new Uint8Array(await file.arrayBuffer());
  const { readZip } = await import('./zip');
  return { label: file.name, entries: await readZip(bytes) };
}

/** Refuses a folder over the zip limits before any file in it is read. */
export function checkFolderLimits(entryCount: number, totalBytes: number): void {
  if (entryCount > ZIP_LIMITS.entries)
    throw new StepwiseError(
      `The folder was refused: it has ${entryCount} entries; the limit is ${ZIP_LIMITS.entries}.`,
    );
  if (totalBytes > ZIP_LIMITS.totalBytes)
    throw new StepwiseError(`The folder was refused: its files hold more than ${ZIP_LIMITS.totalBytes / MB} MB.`);
}

/**
 * Entries for a folder's files plus every directory they imply (and any empty directory a drop
 * reported), parents before children as in a zip. Paths are sorted for a stable order.
 */
export function folderEntries(
  files: ReadonlyArray<{ path: string; bytes: Uint8Array }>,
  directories: readonly string[] = [],
): ProducedEntry[] {
  const all = new Map<string, ProducedEntry>();
  const addDirectory = (path: string) => {
    const segments = path.split('/');
    for (let i = 1; i <= segments.length; i++) {
      const dir = segments.slice(0, i).join('/');
      if (!all.has(dir)) all.set(dir, { path: dir, kind: 'directory' });
    }
  };
  for (const dir of directories) addDirectory(dir);
  for (const { path, bytes } of files) {
    const slash = path.lastIndexOf('/');
    if (slash > 0) addDirectory(path.slice(0, slash));
    all.set(path, { path, kind: 'file', bytes });
  }
  return [...all.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Reads a folder's files as bytes (File.text() would drop a byte-order mark), after checking the limits on what the browser listed. */
export async function readFolder(
  label: string,
  files: readonly FolderFile[],
  directories: readonly string[] = [],
): Promise<ProducedTree> {
  checkFolderLimits(
    files.length + directories.length,
    files.reduce((sum, f) => sum + f.file.size, 0),
  );
  const read = await Promise.all(
    files.map(async ({ path, file }) => ({ path, bytes: new Uint8Array(await file.arrayBuffer()) })),
  );
  return { label, entries: folderEntries(read, directories) };
}

/** The files of an `<input webkitdirectory>`: their paths start with the chosen folder's name. */
export function readPickedFolder(list: readonly File[]): Promise<ProducedTree> {
  const files = list.map((file) => ({ path: file.webkitRelativePath || file.name, file }));
  const top = files[0]?.path.split('/')[0] ?? '';
  return readFolder(`folder ${top}`, files);
}

/**
 * What was dropped: one .zip, or folders and files (walked with the File System entry API).
 * The entries must be taken from the DataTransfer during the drop event; this reads them after.
 */
export async function readDropped(entries: readonly FileSystemEntry[]): Promise<ProducedTree> {
  if (entries.length === 0) throw new StepwiseError('Nothing that could be read was dropped.');
  if (entries.length === 1 && entries[0].isFile && entries[0].name.toLowerCase().endsWith('.zip'))
    return readZipFile(await fileOf(entries[0] as FileSystemFileEntry));
  const files: FolderFile[] = [];
  const directories: string[] = [];
  const queue = [...entries];
  while (queue.length > 0) {
    const entry = queue.shift()!;
    const path = entry.fullPath.replace(/^\/+/, '');
    if (entry.isDirectory) {
      directories.push(path);
      queue.push(...(await childrenOf(entry as FileSystemDirectoryEntry)));
    } else files.push({ path, file: await fileOf(entry as FileSystemFileEntry) });
    // Stop walking a huge folder as soon as it is over the limit.
    if (files.length + directories.length + queue.length > ZIP_LIMITS.entries)
      checkFolderLimits(files.length + directories.length + queue.length, 0);
  }
  const label = entries.length === 1 ? `folder ${entries[0].name}` : `${entries.length} dropped items`;
  return readFolder(label, files, directories);
}

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

/** readEntries returns the children in batches (100 in Chromium) until it returns none. */
async function childrenOf(directory: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = directory.createReader();
  const all: FileSystemEntry[] = [];
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return all;
    all.push(...batch);
    if (all.length > ZIP_LIMITS.entries) return all;
  }
}
