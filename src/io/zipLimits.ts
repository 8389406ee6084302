import { StepwiseError } from '../steps/errors';
import { LIMITS } from '../steps/limits';
import { displayName, foldName, nameProblem } from '../steps/names';

/** What a zip to be checked may hold; larger or stranger archives are refused before inflating. */
export const ZIP_LIMITS = {
  entries: 10_000,
  totalBytes: 100 * 1024 * 1024,
} as const;

export interface ZipDirectoryEntry {
  readonly name: string;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly isDirectory: boolean;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;

/**
 * Reads a zip's central directory and refuses it, with the rule it breaks, when it could escape
 * its folder, hides a link, or would inflate beyond the limits. Runs before any byte is inflated.
 */
export function inspectZip(bytes: Uint8Array): ZipDirectoryEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = findEndOfCentralDirectory(view);
  const count = view.getUint16(eocd + 10, true);
  const directorySize = view.getUint32(eocd + 12, true);
  const directoryOffset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || directoryOffset === 0xffffffff) refuse('ZIP64 archives are not supported');
  if (count > ZIP_LIMITS.entries) refuse(`it has ${count} entries; the limit is ${ZIP_LIMITS.entries}`);
  if (directoryOffset + directorySize > bytes.byteLength)
    refuse('the zip is truncated or corrupt (central directory out of range)');
  // Fatal: a name that is not UTF-8 (old tools write CP437) would otherwise be read as another name.
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const entries: ZipDirectoryEntry[] = [];
  const seen = new Map<string, string>();
  let total = 0;
  let offset = directoryOffset;
  for (let i = 0; i < count; i++) {
    if (offset + 46 > bytes.byteLength || view.getUint32(offset, true) !== CENTRAL_SIGNATURE)
      refuse('the zip is truncated or corrupt (bad central directory record)');
    const madeBy = view.getUint16(offset + 4, true) >> 8;
    const flags = view.getUint16(offset + 8, true);
    const compressedSize = view.getUint32(offset + 20, true);
    const uncompressedSize = view.getUint32(offset + 24, true);
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    const externalAttributes = view.getUint32(offset + 38, true);
    if (offset + 46 + nameLength > bytes.byteLength)
      refuse('the zip is truncated or corrupt (entry name out of range)');
    const name = decodeName(decoder, bytes.subarray(offset + 46, offset + 46 + nameLength));
    offset += 46 + nameLength + extraLength + commentLength;

    checkEntryName(name);
    if (flags & 1) refuse(`"${displayName(name)}" is encrypted`);
    const unixMode = externalAttributes >>> 16;
    // Unix and macOS zippers keep the file type in the high bits; anything but a file or a folder
    // (a link, a device, a pipe) could point outside the folder or block whoever unpacks it.
    const type = unixMode & S_IFMT;
    if ((madeBy === 3 || madeBy === 19) && type === S_IFLNK) refuse(`"${displayName(name)}" is a symbolic link`);
    if ((madeBy === 3 || madeBy === 19) && type !== 0 && type !== S_IFREG && type !== S_IFDIR)
      refuse(`"${displayName(name)}" is a special file (a device, pipe or socket)`);
    const key = name.replace(/\/$/, '');
    const folded = foldName(key);
    const previous = seen.get(folded);
    if (previous === key) refuse(`"${displayName(name)}" appears twice`);
    if (previous !== undefined)
      refuse(`"${displayName(name)}" and "${displayName(previous)}" differ only in case or Unicode form`);
    seen.set(folded, key);
    total += uncompressedSize;
    if (total > ZIP_LIMITS.totalBytes)
      refuse(`its entries would inflate to more than ${ZIP_LIMITS.totalBytes / 1024 / 1024} MB`);
    entries.push({ name, compressedSize, uncompressedSize, isDirectory: name.endsWith('/') });
  }
  checkParentsAreFolders(entries);
  return entries;
}

function decodeName(decoder: TextDecoder, bytes: Uint8Array): string {
  try {
    return decoder.decode(bytes);
  } catch {
    refuse('an entry name is not valid UTF-8 (the zip was made by a tool that writes another encoding)');
  }
}

/** "a/b" under a file "a" cannot be unpacked: one of them would be lost. */
function checkParentsAreFolders(entries: readonly ZipDirectoryEntry[]): void {
  const files = new Set(entries.filter((e) => !e.isDirectory).map((e) => foldName(e.name)));
  for (const { name } of entries) {
    const segments = name.replace(/\/$/, '').split('/');
    for (let i = 1; i < segments.length; i++) {
      const parent = segments.slice(0, i).join('/');
      if (files.has(foldName(parent)))
        refuse(`"${displayName(name)}" lies inside "${displayName(parent)}", which is a file`);
    }
  }
}

function checkEntryName(name: string): void {
  if (name.startsWith('/') || name.startsWith('\\') || /^[A-Za-z]:/.test(name))
    refuse(`"${displayName(name)}" is an absolute path`);
  if (name.includes('\\')) refuse(`"${displayName(name)}" contains a backslash`);
  // eslint-disable-next-line no-control-regex -- control characters are what we refuse
  if (/[\u0000-\u001f\u007f]/.test(name)) refuse(`"${displayName(name)}" contains a control character`);
  const segments = name.replace(/\/$/, '').split('/');
  if (segments.some((s) => s === '..')) refuse(`"${displayName(name)}" climbs out of the folder (..)`);
  if (segments.some((s) => s === '' || s === '.')) refuse(`"${displayName(name)}" has an empty or "." path segment`);
  // One level more than a document allows: people zip the folder that holds the tree.
  if (segments.length > LIMITS.pathDepth + 1)
    refuse(`"${displayName(name)}" is more than ${LIMITS.pathDepth + 1} levels deep`);
  for (const segment of segments) {
    const problem = nameProblem(segment);
    if (problem) refuse(`an entry name is unsafe: ${problem}`);
  }
}

function findEndOfCentralDirectory(view: DataView): number {
  const lowest = Math.max(0, view.byteLength - 22 - 0xffff);
  for (let at = view.byteLength - 22; at >= lowest; at--) {
    if (view.getUint32(at, true) === EOCD_SIGNATURE) return at;
  }
  refuse('it is not a zip file, or it is truncated (no end-of-central-directory record)');
}

function refuse(reason: string): never {
  throw new StepwiseError(`The zip was refused: ${reason}.`);
}
