import * as pako from 'pako/lib/zlib/deflate.js';
import ZStream from 'pako/lib/zlib/zstream.js';
import { StepwiseError } from '../steps/errors';

/**
 * A minimal zip writer: local headers, central directory and end record; no data descriptors
 * (every size is known before its header is written), no extra fields, no comment. ZIP64 end
 * records are added only when the archive needs them (more than 65,535 entries), so a smaller
 * tree gives the same bytes as a writer without ZIP64.
 *
 * Why not jszip, or a one-shot deflate call per file: in Chromium it is allocating a
 * compressor's buffers for every file that costs. jszip (a fresh pako stream, ~256 KB per file)
 * took 6 s for a 9,800-entry tree, and fflate's deflateSync (~170 KB per call) still 3.7 s. Here
 * one pako deflate stream is reset between files and writes straight into the archive buffer, so
 * a file costs no buffer of its own. pako is what jszip compressed with, at the same level 6;
 * pako 1.0's deep modules are used because its public API allocates a stream per call.
 */

const LOCAL_SIGNATURE = 0x04034b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const END_SIGNATURE = 0x06054b50;
const ZIP64_END_SIGNATURE = 0x06064b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const LOCAL_HEADER = 30;
const CENTRAL_HEADER = 46;
const END_RECORD = 22;
const ZIP64_END_RECORD = 56;
const ZIP64_LOCATOR = 20;

/** Version made by and needed to extract: 2.0 for DEFLATE; 1.0 for the rest, as Info-ZIP and jszip write. */
const VERSION_MADE_BY = 20;
const VERSION_DEFLATE = 20;
const VERSION_STORE = 10;
const METHOD_STORE = 0;
const METHOD_DEFLATE = 8;
/** ZIP64 (APPNOTE 4.5). */
const VERSION_ZIP64 = 45;
const FLAG_UTF8 = 1 << 11;
const DOS_DIRECTORY = 0x10;

/**
 * DOS time and date are constants rather than derived from a Date, so neither the clock nor the
 * time zone can reach the bytes. 0x0021 is 1980-01-01, the earliest date DOS can write.
 */
export const FIXED_DOS_TIME = 0;
export const FIXED_DOS_DATE = 0x0021;

export const DEFLATE_LEVEL = 6;
/** zlib's defaults: a 32 KB window; negative bits ask for raw deflate, which is what zip holds. */
const WINDOW_BITS = -15;
const MEM_LEVEL = 8;
const Z_DEFLATED = 8;
const Z_DEFAULT_STRATEGY = 0;
const Z_FINISH = 4;
const Z_OK = 0;
const Z_STREAM_END = 1;

/**
 * The end record's fields: a larger count, or a directory size or offset this large, is written
 * as all ones there and given in the ZIP64 end record instead.
 */
const MAX_ENTRIES = 0xffff;
const MAX_32 = 0xffffffff;
/**
 * The archive is one array in memory, which neither Node nor a browser allows to reach 4 GiB, so
 * no entry's offset or size can need ZIP64 fields of its own. The document limits keep a tree's
 * zip far below this (at most about 2 GB, names included).
 */
const MAX_ARCHIVE = 0xffffffff;

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (ISO-HDLC, the one zip uses) of `bytes`, as an unsigned 32-bit number. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

interface CentralEntry {
  readonly name: Uint8Array;
  readonly flags: number;
  readonly method: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly external: number;
  readonly offset: number;
}

/** Entries go in the order they are added; `finish` returns the whole archive. */
export class ZipWriter {
  private buffer = new Uint8Array(64 * 1024);
  private offset = 0;
  private readonly central: CentralEntry[] = [];
  private readonly stream = new ZStream();
  private readonly encoder = new TextEncoder();
  private scratch = new Uint8Array(16 * 1024);
  private finished = false;

  constructor() {
    if (pako.deflateInit2(this.stream, DEFLATE_LEVEL, Z_DEFLATED, WINDOW_BITS, MEM_LEVEL, Z_DEFAULT_STRATEGY) !== Z_OK)
      throw new StepwiseError(`The zip could not be started (${this.stream.msg}).`);
  }

  /** A folder; `path` is its path without the trailing slash. */
  addDirectory(path: string): void {
    this.add(`${path}/`, new Uint8Array(0), DOS_DIRECTORY);
  }

  /** A file holding `content` as UTF-8. */
  addFile(path: string, content: string): void {
    // encodeInto a reused buffer: a fresh array per file is an allocation we set out to avoid.
    if (this.scratch.length < content.length * 3) this.scratch = new Uint8Array(content.length * 3);
    const { written } = this.encoder.encodeInto(content, this.scratch);
    this.add(path, this.scratch.subarray(0, written), 0);
  }

  private add(name: string, data: Uint8Array, external: number): void {
    if (this.finished) throw new Error('ZipWriter: add after finish');
    const nameBytes = this.encoder.encode(name);
    if (nameBytes.length > 0xffff) throw new StepwiseError('A zip entry name may be at most 65,535 bytes.');
    // Readers that ignore bit 11 take names as CP437, which agrees with UTF-8 on ASCII; the flag
    // is set only where it changes the meaning.
    const flags = nameBytes.length === name.length ? 0 : FLAG_UTF8;
    const start = this.offset;
    const bodyAt = start + LOCAL_HEADER + nameBytes.length;
    if (bodyAt + data.length > MAX_ARCHIVE) tooLarge();
    this.reserve(bodyAt + data.length);

    const compressedSize = this.deflateInto(data, bodyAt);
    // A file that deflate cannot shrink (tiny, or already dense; an empty one would take 2 bytes)
    // is stored as it is, as zip tools do; the choice depends on the bytes alone.
    const method = compressedSize === undefined ? METHOD_STORE : METHOD_DEFLATE;
    if (compressedSize === undefined) this.buffer.set(data, bodyAt);
    const entry: CentralEntry = {
      name: nameBytes,
      flags,
      method,
      crc: crc32(data),
      compressedSize: compressedSize ?? data.length,
      size: data.length,
      external,
      offset: start,
    };

    const view = new DataView(this.buffer.buffer, start, LOCAL_HEADER);
    view.setUint32(0, LOCAL_SIGNATURE, true);
    view.setUint16(4, versionNeeded(entry), true);
    writeCommon(view, 6, entry);
    view.setUint16(26, nameBytes.length, true);
    view.setUint16(28, 0, true);
    this.buffer.set(nameBytes, start + LOCAL_HEADER);

    this.offset = bodyAt + entry.compressedSize;
    this.central.push(entry);
  }

  /**
   * Deflates `data` to `at`, with room for one byte less than `data` itself: a stream that does
   * not fit is one we would not keep. Returns its length, or undefined when it did not fit.
   */
  private deflateInto(data: Uint8Array, at: number): number | undefined {
    if (data.length === 0) return undefined;
    const stream = this.stream;
    stream.input = data;
    stream.next_in = 0;
    stream.avail_in = data.length;
    stream.output = this.buffer;
    stream.next_out = at;
    stream.avail_out = data.length - 1;
    const status = pako.deflate(stream, Z_FINISH);
    const length = stream.next_out - at;
    const outOfRoom = stream.avail_out === 0;
    // Reset also after a stream that ran out of room: the next file starts a fresh stream.
    pako.deflateReset(stream);
    stream.input = null;
    stream.output = null;
    if (status === Z_STREAM_END) return length;
    if (outOfRoom) return undefined;
    throw new StepwiseError(`The zip could not be written: deflate failed (${status}).`);
  }

  private reserve(size: number): void {
    if (size <= this.buffer.length) return;
    const grown = new Uint8Array(Math.min(Math.max(size, this.buffer.length * 2), MAX_ARCHIVE));
    grown.set(this.buffer.subarray(0, this.offset));
    this.buffer = grown;
  }

  finish(): Uint8Array {
    if (this.finished) throw new Error('ZipWriter: finish called twice');
    this.finished = true;
    pako.deflateEnd(this.stream);
    const count = this.central.length;
    const directorySize = this.central.reduce((n, e) => n + CENTRAL_HEADER + e.name.length, 0);
    const directoryOffset = this.offset;
    const zip64 = count > MAX_ENTRIES || directorySize >= MAX_32 || directoryOffset >= MAX_32;
    const endSize = (zip64 ? ZIP64_END_RECORD + ZIP64_LOCATOR : 0) + END_RECORD;
    if (directoryOffset + directorySize + endSize > MAX_ARCHIVE) tooLarge();
    const out = new Uint8Array(directoryOffset + directorySize + endSize);
    out.set(this.buffer.subarray(0, directoryOffset));
    const view = new DataView(out.buffer);
    let at = directoryOffset;
    for (const entry of this.central) {
      view.setUint32(at, CENTRAL_SIGNATURE, true);
      view.setUint16(at + 4, VERSION_MADE_BY, true); // high byte 0: MS-DOS attributes
      view.setUint16(at + 6, versionNeeded(entry), true);
      writeCommon(view, at + 8, entry);
      view.setUint16(at + 28, entry.name.length, true);
      // Extra field and comment lengths, disk number, internal attributes: 0, as allocated.
      view.setUint32(at + 38, entry.external, true);
      view.setUint32(at + 42, entry.offset, true);
      out.set(entry.name, at + CENTRAL_HEADER);
      at += CENTRAL_HEADER + entry.name.length;
    }
    if (zip64) {
      const record = at;
      view.setUint32(at, ZIP64_END_SIGNATURE, true);
      view.setBigUint64(at + 4, BigInt(ZIP64_END_RECORD - 12), true); // the size of what follows this field
      view.setUint16(at + 12, VERSION_ZIP64, true);
      view.setUint16(at + 14, VERSION_ZIP64, true);
      // Disk numbers (this disk, the directory's disk): 0, as allocated.
      view.setBigUint64(at + 24, BigInt(count), true);
      view.setBigUint64(at + 32, BigInt(count), true);
      view.setBigUint64(at + 40, BigInt(directorySize), true);
      view.setBigUint64(at + 48, BigInt(directoryOffset), true);
      at += ZIP64_END_RECORD;
      view.setUint32(at, ZIP64_LOCATOR_SIGNATURE, true);
      view.setBigUint64(at + 8, BigInt(record), true);
      view.setUint32(at + 16, 1, true); // one disk in all
      at += ZIP64_LOCATOR;
    }
    view.setUint32(at, END_SIGNATURE, true);
    view.setUint16(at + 8, Math.min(count, MAX_ENTRIES), true);
    view.setUint16(at + 10, Math.min(count, MAX_ENTRIES), true);
    view.setUint32(at + 12, Math.min(directorySize, MAX_32), true);
    view.setUint32(at + 16, Math.min(directoryOffset, MAX_32), true);
    return out;
  }
}

function tooLarge(): never {
  throw new StepwiseError('The zip would be 4 GiB or larger, more than one array in memory can hold.');
}

function versionNeeded(entry: CentralEntry): number {
  return entry.method === METHOD_DEFLATE ? VERSION_DEFLATE : VERSION_STORE;
}

/** Flags, method, time, date, CRC and both sizes: the same 20 bytes in both headers. */
function writeCommon(view: DataView, at: number, entry: CentralEntry): void {
  view.setUint16(at, entry.flags, true);
  view.setUint16(at + 2, entry.method, true);
  view.setUint16(at + 4, FIXED_DOS_TIME, true);
  view.setUint16(at + 6, FIXED_DOS_DATE, true);
  view.setUint32(at + 8, entry.crc, true);
  view.setUint32(at + 12, entry.compressedSize, true);
  view.setUint32(at + 16, entry.size, true);
}
