import { StepwiseError } from '../steps/errors';

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
  if (directoryOffset + directorySize > bytes.byteLength) refuse('the zip is truncated or corrupt (central directory out of range)');
  const decoder = new TextDecoder();
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
    if (offset + 46 + nameLength > bytes.byteLength) refuse('the zip is truncated or corrupt (entry name out of range)');
    const name = decoder.decode(bytes.subarray(offset + 46, offset + 46 + nameLength));
    offset += 46 + nameLength + extraLength + commentLength;

    checkEntryName(name);
    if (flags & 1) refuse(`"${name}" is encrypted`);
    const unixMode = externalAttributes >>> 16;
    if (madeBy === 3 && (unixMode & S_IFMT) === S_IFLNK) refuse(`"${name}" is a symbolic link`);
    const key = name.replace(/\/$/, '');
    const folded = key.toLowerCase();
    const previous = seen.get(folded);
    if (previous === key) refuse(`"${name}" appears twice`);
    if (previous !== undefined) refuse(`"${name}" and "${previous}" differ only in case`);
    seen.set(folded, key);
    total += uncompressedSize;
    if (total > ZIP_LIMITS.totalBytes)
      refuse(`its entries would inflate to more than ${ZIP_LIMITS.totalBytes / 1024 / 1024} MB`);
    entries.push({ name, compressedSize, uncompressedSize, isDirectory: name.endsWith('/') });
  }
  return entries;
}

function checkEntryName(name: string): void {
  if (name.startsWith('/') || name.startsWith('\\') || /^[A-Za-z]:/.test(name)) refuse(`"${name}" is an absolute path`);
  if (name.includes('\\')) refuse(`"${name}" contains a backslash`);
  // eslint-disable-next-line no-control-regex -- control characters are what we refuse
  if (/[\u0000-\u001f\u007f]/.test(name)) refuse(`${JSON.stringify(name)} contains a control character`);
  const segments = name.replace(/\/$/, '').split('/');
  if (segments.some((s) => s === '..')) refuse(`"${name}" climbs out of the folder (..)`);
  if (segments.some((s) => s === '' || s === '.')) refuse(`"${name}" has an empty or "." path segment`);
}

function findEndOfCentralDirectory(view: DataView): number {
  const lowest = Math.max(0, view.byteLength - 22 - 0xffff);
  for (let at = view.byteLength - 22; at >= lowest; at--) {
    if (view.getUint32(at, true) === EOCD_SIGNATURE) return at;
  }
  refuse('it is not a zip file (no end-of-central-directory record)');
}

function refuse(reason: string): never {
  throw new StepwiseError(`The zip was refused: ${reason}.`);
}
