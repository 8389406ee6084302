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
const ZIP64_EOCD_SIGNATURE = 0x06064b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const ZIP64_EXTRA = 0x0001;
/** A 16- or 32-bit field with all bits set: the value is in a ZIP64 record. */
const ALL_ONES_16 = 0xffff;
const ALL_ONES_32 = 0xffffffff;
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
  const { count, directorySize, directoryOffset } = readEnd(view, findEndOfCentralDirectory(view));
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
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    const externalAttributes = view.getUint32(offset + 38, true);
    if (offset + 46 + nameLength + extraLength > bytes.byteLength)
      refuse('the zip is truncated or corrupt (entry name out of range)');
    const name = decodeName(decoder, bytes.subarray(offset + 46, offset + 46 + nameLength));
    const { compressedSize, uncompressedSize } = entrySizes(view, offset, offset + 46 + nameLength, extraLength);
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

interface CentralDirectory {
  readonly count: number;
  readonly directorySize: number;
  readonly directoryOffset: number;
}

/**
 * The central directory's place and size: from the ZIP64 end record when a ZIP64 locator stands
 * before the end record, else from the end record itself (where 65,535 entries is just that
 * number). Tools differ in whether they also set the end record's fields to all ones; a field
 * they did not set must agree with the ZIP64 record.
 */
function readEnd(view: DataView, eocd: number): CentralDirectory {
  const end = {
    count: view.getUint16(eocd + 10, true),
    directorySize: view.getUint32(eocd + 12, true),
    directoryOffset: view.getUint32(eocd + 16, true),
  };
  const record = zip64EndRecord(view, eocd);
  if (record === null) return end;
  const zip64 = {
    count: safeNumber(view.getBigUint64(record + 32, true)),
    directorySize: safeNumber(view.getBigUint64(record + 40, true)),
    directoryOffset: safeNumber(view.getBigUint64(record + 48, true)),
  };
  if (
    (end.count !== ALL_ONES_16 && end.count !== zip64.count) ||
    (end.directorySize !== ALL_ONES_32 && end.directorySize !== zip64.directorySize) ||
    (end.directoryOffset !== ALL_ONES_32 && end.directoryOffset !== zip64.directoryOffset)
  )
    refuse('the zip is corrupt (its end record and ZIP64 end record disagree)');
  return zip64;
}

/** Where the ZIP64 end record is, or null when no ZIP64 locator stands before the end record. */
export function zip64EndRecord(view: DataView, eocd: number): number | null {
  const locator = eocd - 20;
  if (locator < 0 || view.getUint32(locator, true) !== ZIP64_LOCATOR_SIGNATURE) return null;
  const record = safeNumber(view.getBigUint64(locator + 8, true));
  if (record + 56 > locator || view.getUint32(record, true) !== ZIP64_EOCD_SIGNATURE)
    refuse('the zip is truncated or corrupt (ZIP64 end record out of range)');
  return record;
}

/** An entry's sizes; a size that is all ones is read from the entry's ZIP64 extra field. */
function entrySizes(
  view: DataView,
  record: number,
  extra: number,
  extraLength: number,
): { compressedSize: number; uncompressedSize: number } {
  let compressedSize = view.getUint32(record + 20, true);
  let uncompressedSize = view.getUint32(record + 24, true);
  if (compressedSize !== ALL_ONES_32 && uncompressedSize !== ALL_ONES_32) return { compressedSize, uncompressedSize };
  for (let at = extra; at + 4 <= extra + extraLength;) {
    const id = view.getUint16(at, true);
    const size = view.getUint16(at + 2, true);
    if (at + 4 + size > extra + extraLength) break;
    if (id === ZIP64_EXTRA) {
      // The fields present are those whose header value is all ones, in this order.
      let field = at + 4;
      const next = () => {
        if (field + 8 > at + 4 + size) refuse('the zip is truncated or corrupt (ZIP64 extra field too short)');
        const value = safeNumber(view.getBigUint64(field, true));
        field += 8;
        return value;
      };
      if (uncompressedSize === ALL_ONES_32) uncompressedSize = next();
      if (compressedSize === ALL_ONES_32) compressedSize = next();
      return { compressedSize, uncompressedSize };
    }
    at += 4 + size;
  }
  refuse('the zip is truncated or corrupt (a size is missing from its ZIP64 extra field)');
}

/** A 64-bit field as a number; past 2^53 no file could be that large, so the zip is corrupt. */
function safeNumber(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) refuse('the zip is corrupt (a ZIP64 size or offset is out of range)');
  return Number(value);
}

export function findEndOfCentralDirectory(view: DataView): number {
  const lowest = Math.max(0, view.byteLength - 22 - 0xffff);
  for (let at = view.byteLength - 22; at >= lowest; at--) {
    if (view.getUint32(at, true) === EOCD_SIGNATURE) return at;
  }
  refuse('it is not a zip file, or it is truncated (no end-of-central-directory record)');
}

function refuse(reason: string): never {
  throw new StepwiseError(`The zip was refused: ${reason}.`);
}
