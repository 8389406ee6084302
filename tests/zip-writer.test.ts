import { execFileSync, spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 as zlibCrc32, inflateRawSync } from 'node:zlib';
import JSZip from 'jszip';
import * as pakoDeflate from 'pako/lib/zlib/deflate.js';
import ZStream from 'pako/lib/zlib/zstream.js';
import { describe, expect, it, vi } from 'vitest';
import { buildZip, readZip } from '../src/io/zip';
import { crc32, ZipWriter } from '../src/io/zipWriter';
import { replay } from '../src/steps/engine';
import { treeEntries, type SerialEntry } from '../src/steps/entries';
import { parseDocument } from '../src/steps/parser';
import { asProduced, builtinSource, withTempDir } from './helpers';

vi.setConfig({ testTimeout: 30_000 });

const builtin = treeEntries(replay(parseDocument(builtinSource())), 85);

/** Text that deflates well but not trivially, large enough for several deflate blocks. */
function bigText(bytes: number): string {
  let seed = 7;
  const words = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta', 'ünïcødé', '→'];
  const parts: string[] = [];
  let length = 0;
  while (length < bytes) {
    seed = (seed * 48271) % 2147483647;
    const part = `${words[seed % words.length]}:${seed % 1000}${seed % 7 === 0 ? '\n' : ' '}`;
    parts.push(part);
    length += part.length;
  }
  return parts.join('');
}

const mixed: SerialEntry[] = [
  { path: 'root', kind: 'directory' },
  { path: 'root/empty.txt', kind: 'file', content: '' },
  { path: 'root/one.txt', kind: 'file', content: 'x' },
  { path: 'root/café', kind: 'directory' },
  { path: 'root/café/naïve → ☃.md', kind: 'file', content: '# Schnee ☃\n'.repeat(40) },
  { path: 'root/big.txt', kind: 'file', content: bigText(300_000) },
  { path: 'root/emoji-😀.json', kind: 'file', content: '{"😀": true}' },
  { path: 'root/empty-dir', kind: 'directory' },
];

interface Record {
  name: string;
  flags: number;
  method: number;
  time: number;
  date: number;
  crc: number;
  compressedSize: number;
  size: number;
  external: number;
  versionNeeded: number;
  data: Uint8Array;
}

/**
 * Every entry as both of its headers describe it, read by hand: the central record and the local
 * header must agree, and the data is what follows the local header.
 */
function records(bytes: Uint8Array): Record[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = bytes.length - 22;
  expect(view.getUint32(end, true)).toBe(0x06054b50);
  const count = view.getUint16(end + 10, true);
  expect(view.getUint16(end + 8, true)).toBe(count);
  const directorySize = view.getUint32(end + 12, true);
  let at = view.getUint32(end + 16, true);
  expect(at + directorySize).toBe(end);
  const out: Record[] = [];
  let expectedLocal = 0;
  for (let i = 0; i < count; i++) {
    expect(view.getUint32(at, true)).toBe(0x02014b50);
    const nameLength = view.getUint16(at + 28, true);
    expect([view.getUint16(at + 30, true), view.getUint16(at + 32, true)]).toEqual([0, 0]);
    const local = view.getUint32(at + 42, true);
    const record: Record = {
      name: new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      versionNeeded: view.getUint16(at + 6, true),
      flags: view.getUint16(at + 8, true),
      method: view.getUint16(at + 10, true),
      time: view.getUint16(at + 12, true),
      date: view.getUint16(at + 14, true),
      crc: view.getUint32(at + 16, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      external: view.getUint32(at + 38, true),
      data: new Uint8Array(0),
    };
    // Local headers follow one another with nothing in between, in central directory order.
    expect(local).toBe(expectedLocal);
    expect(view.getUint32(local, true)).toBe(0x04034b50);
    expect(bytes.subarray(local + 4, local + 26)).toEqual(bytes.subarray(at + 6, at + 28));
    expect(view.getUint16(local + 26, true)).toBe(nameLength);
    expect(view.getUint16(local + 28, true)).toBe(0);
    expect(bytes.subarray(local + 30, local + 30 + nameLength)).toEqual(bytes.subarray(at + 46, at + 46 + nameLength));
    const dataAt = local + 30 + nameLength;
    record.data = bytes.subarray(dataAt, dataAt + record.compressedSize);
    expectedLocal = dataAt + record.compressedSize;
    out.push(record);
    at += 46 + nameLength;
  }
  expect(expectedLocal).toBe(view.getUint32(end + 16, true));
  return out;
}

const nameOf = (e: SerialEntry) => (e.kind === 'directory' ? `${e.path}/` : e.path);
const utf8 = (text: string) => new TextEncoder().encode(text);

/** Raw deflate of `data` by a stream made for it alone, as pako's one-shot API would. */
function freshDeflate(data: Uint8Array): Uint8Array {
  const stream = new ZStream();
  expect(pakoDeflate.deflateInit2(stream, 6, 8, -15, 8, 0)).toBe(0);
  const out = new Uint8Array(data.length + 64);
  Object.assign(stream, { input: data, next_in: 0, avail_in: data.length, output: out, next_out: 0 });
  stream.avail_out = out.length;
  expect(pakoDeflate.deflate(stream, 4)).toBe(1);
  pakoDeflate.deflateEnd(stream);
  return out.slice(0, stream.next_out);
}

const hasPython = spawnSync('python3', ['--version']).status === 0;
const hasUnzip = spawnSync('unzip', ['-v']).status === 0;

describe('crc32', () => {
  it('gives the check value of CRC-32/ISO-HDLC and agrees with zlib', () => {
    expect(crc32(utf8('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
    for (const entry of mixed.filter((e) => e.kind === 'file')) {
      const data = utf8(entry.content!);
      expect(crc32(data), entry.path).toBe(zlibCrc32(data));
    }
  });
});

describe('ZipWriter through buildZip', () => {
  it('round-trips through readZip: names, order, directory entries and contents', async () => {
    expect(await readZip(await buildZip(mixed))).toEqual(asProduced(mixed));
    expect(await readZip(await buildZip(builtin))).toEqual(asProduced(builtin));
  });

  it('is deterministic: two builds are byte-equal', async () => {
    const a = await buildZip(mixed);
    const b = await buildZip(mixed.map((e) => ({ ...e })));
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('writes headers that agree with each other and with the entries', async () => {
    const list = records(await buildZip(mixed));
    expect(list.map((r) => r.name)).toEqual(mixed.map(nameOf));
    for (const [i, record] of list.entries()) {
      const entry = mixed[i];
      const data = utf8(entry.content ?? '');
      expect([record.time, record.date], record.name).toEqual([0, 0x0021]);
      expect(record.size, record.name).toBe(data.length);
      expect(record.crc, record.name).toBe(zlibCrc32(data));
      expect(record.flags & ~0x0800, record.name).toBe(0);
      expect(record.external, record.name).toBe(entry.kind === 'directory' ? 0x10 : 0);
      if (record.method === 8) {
        expect(record.versionNeeded).toBe(20);
        expect(record.compressedSize, record.name).toBeLessThan(record.size);
        expect(Buffer.from(inflateRawSync(record.data)).equals(Buffer.from(data)), record.name).toBe(true);
      } else {
        expect(record.method, record.name).toBe(0);
        expect(record.versionNeeded).toBe(10);
        expect(record.data, record.name).toEqual(data);
      }
    }
  });

  it('deflates what shrinks and stores what does not (an empty file, one byte, a directory)', async () => {
    const methods = new Map(records(await buildZip(mixed)).map((r) => [r.name, [r.method, r.compressedSize]]));
    expect(methods.get('root/')).toEqual([0, 0]);
    expect(methods.get('root/empty-dir/')).toEqual([0, 0]);
    expect(methods.get('root/empty.txt')).toEqual([0, 0]);
    expect(methods.get('root/one.txt')).toEqual([0, 1]);
    expect(methods.get('root/big.txt')?.[0]).toBe(8);
    expect(methods.get('root/café/naïve → ☃.md')?.[0]).toBe(8);
  });

  it('flags UTF-8 names (bit 11) and only those', async () => {
    for (const record of records(await buildZip(mixed)))
      expect(record.flags & 0x0800, record.name).toBe(/^[\x20-\x7e]*$/.test(record.name) ? 0 : 0x0800);
    const flagged = records(await buildZip(mixed)).filter((r) => r.flags & 0x0800);
    expect(flagged.map((r) => r.name)).toEqual(['root/café/', 'root/café/naïve → ☃.md', 'root/emoji-😀.json']);
  });

  it('compresses each file exactly as a stream of its own would: nothing carries over between files', async () => {
    // The same file first, after others, and after one that did not fit (stored).
    const file = mixed[4];
    const orders: SerialEntry[][] = [[file], [mixed[5], file], [mixed[2], file], [mixed[5], mixed[6], file]];
    const expected = freshDeflate(utf8(file.content!));
    for (const order of orders) {
      const last = records(await buildZip(order)).at(-1)!;
      expect(last.method).toBe(8);
      expect(last.data).toEqual(expected);
    }
    for (const record of records(await buildZip(builtin)).filter((r) => r.method === 8))
      expect(record.data, record.name).toEqual(freshDeflate(inflateRawSync(record.data)));
  });

  it('writes an empty file as a stored entry of size 0 with CRC 0', async () => {
    const bytes = await buildZip([{ path: 'e.txt', kind: 'file', content: '' }]);
    expect(records(bytes)).toEqual([
      expect.objectContaining({ name: 'e.txt', method: 0, crc: 0, compressedSize: 0, size: 0 }),
    ]);
    expect(bytes.length).toBe(30 + 5 + 46 + 5 + 22);
    expect(await readZip(bytes)).toEqual([{ path: 'e.txt', kind: 'file', bytes: new Uint8Array(0) }]);
  });

  it('writes a tree of directories only', async () => {
    const dirs: SerialEntry[] = [
      { path: 'a', kind: 'directory' },
      { path: 'a/b', kind: 'directory' },
      { path: 'a/b/c', kind: 'directory' },
      { path: 'a/d', kind: 'directory' },
    ];
    const bytes = await buildZip(dirs);
    expect(records(bytes).map((r) => [r.name, r.method, r.size, r.external])).toEqual(
      dirs.map((d) => [`${d.path}/`, 0, 0, 0x10]),
    );
    expect(await readZip(bytes)).toEqual(asProduced(dirs));
  });

  it('writes an empty archive as a lone end record', async () => {
    const bytes = await buildZip([]);
    expect(bytes).toEqual(new Uint8Array([0x50, 0x4b, 0x05, 0x06, ...new Array<number>(18).fill(0)]));
    expect(await readZip(bytes)).toEqual([]);
  });

  it('is read by jszip with CRC checks on', async () => {
    const zip = await JSZip.loadAsync(await buildZip(mixed), { checkCRC32: true, createFolders: false });
    expect(Object.keys(zip.files)).toEqual(mixed.map(nameOf));
    for (const entry of mixed) {
      const file = zip.files[nameOf(entry)];
      expect(file.dir, entry.path).toBe(entry.kind === 'directory');
      if (entry.kind === 'file') expect(await file.async('string'), entry.path).toBe(entry.content);
    }
  });

  it.skipIf(!hasPython)("is read by Python's zipfile: names, flags, methods, CRCs, sizes and contents", async () => {
    await withTempDir(async (dir) => {
      const path = join(dir, 'mixed.zip');
      await writeFile(path, await buildZip(mixed));
      const script = [
        'import json, sys, zipfile, zlib',
        'z = zipfile.ZipFile(sys.argv[1])',
        'assert z.testzip() is None',
        'out = []',
        'for i in z.infolist():',
        '    data = z.read(i)',
        '    assert zlib.crc32(data) == i.CRC and len(data) == i.file_size',
        '    out.append([i.filename, i.is_dir(), i.flag_bits, i.compress_type, i.CRC, i.file_size, i.date_time, data.decode("utf-8")])',
        'print(json.dumps(out))',
      ].join('\n');
      const read = JSON.parse(execFileSync('python3', ['-c', script, path], { encoding: 'utf8' })) as unknown[][];
      expect(read.map((r) => r[0])).toEqual(mixed.map(nameOf));
      for (const [i, entry] of mixed.entries()) {
        const [, isDir, , , crc, size, dateTime, content] = read[i];
        expect(isDir, entry.path).toBe(entry.kind === 'directory');
        expect(crc, entry.path).toBe(zlibCrc32(utf8(entry.content ?? '')));
        expect(size, entry.path).toBe(utf8(entry.content ?? '').length);
        expect(dateTime, entry.path).toEqual([1980, 1, 1, 0, 0, 0]);
        expect(content, entry.path).toBe(entry.content ?? '');
      }
    });
  });

  it.skipIf(!hasUnzip)('passes `unzip -t`', async () => {
    await withTempDir(async (dir) => {
      const path = join(dir, 'builtin.zip');
      await writeFile(path, await buildZip([...builtin, ...mixed]));
      const result = spawnSync('unzip', ['-t', path], { encoding: 'utf8' });
      expect(result.status, result.stdout + result.stderr).toBe(0);
      expect(result.stdout).toContain('No errors detected');
    });
  });
});

describe('ZIP64, written only when needed', () => {
  /** A tree of `count` entries under t/: mostly folders, every seventh a small file. */
  function wide(count: number): SerialEntry[] {
    const entries: SerialEntry[] = [{ path: 't', kind: 'directory' }];
    for (let i = 1; i < count; i++)
      entries.push(
        i % 7 === 0
          ? { path: `t/f${i}.txt`, kind: 'file', content: `${i}\n`.repeat(3) }
          : { path: `t/d${i}`, kind: 'directory' },
      );
    return entries;
  }
  const END = 0x06054b50;
  const ZIP64_END = 0x06064b50;
  const LOCATOR = 0x07064b50;

  it('is not written for 65,535 entries: the end record counts them itself', async () => {
    const bytes = await buildZip(wide(0xffff));
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const end = bytes.length - 22;
    expect(view.getUint32(end, true)).toBe(END);
    expect([view.getUint16(end + 8, true), view.getUint16(end + 10, true)]).toEqual([0xffff, 0xffff]);
    expect(view.getUint32(end - 20, true)).not.toBe(LOCATOR);
    expect(Buffer.from(bytes).indexOf(Buffer.from([0x50, 0x4b, 0x06, 0x06]))).toBe(-1);
  });

  it('is written for 70,000 entries: a ZIP64 end record and locator, and all ones in the end record', async () => {
    const bytes = await buildZip(wide(70_000));
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const end = bytes.length - 22;
    const locator = end - 20;
    const record = locator - 56;
    expect(view.getUint32(end, true)).toBe(END);
    expect([view.getUint16(end + 8, true), view.getUint16(end + 10, true)]).toEqual([0xffff, 0xffff]);
    expect(view.getUint32(locator, true)).toBe(LOCATOR);
    expect(view.getBigUint64(locator + 8, true)).toBe(BigInt(record));
    expect(view.getUint32(locator + 16, true)).toBe(1);
    expect(view.getUint32(record, true)).toBe(ZIP64_END);
    expect(view.getBigUint64(record + 4, true)).toBe(44n);
    expect([view.getUint16(record + 12, true), view.getUint16(record + 14, true)]).toEqual([45, 45]);
    expect([view.getBigUint64(record + 24, true), view.getBigUint64(record + 32, true)]).toEqual([70_000n, 70_000n]);
    const directorySize = view.getUint32(end + 12, true);
    const directoryOffset = view.getUint32(end + 16, true);
    expect(view.getBigUint64(record + 40, true)).toBe(BigInt(directorySize));
    expect(view.getBigUint64(record + 48, true)).toBe(BigInt(directoryOffset));
    expect(directoryOffset + directorySize).toBe(record);
  });

  it.skipIf(!hasPython)("a 70,000-entry zip is read whole by Python's zipfile, and passes `unzip -t`", async () => {
    await withTempDir(async (dir) => {
      const path = join(dir, 'wide.zip');
      const entries = wide(70_000);
      await writeFile(path, await buildZip(entries));
      const script = [
        'import sys, zipfile',
        'z = zipfile.ZipFile(sys.argv[1])',
        'assert z.testzip() is None',
        'infos = z.infolist()',
        'print(len(infos))',
        'for n, i in enumerate(infos):',
        '    want = "t/" if n == 0 else (f"t/f{n}.txt" if n % 7 == 0 else f"t/d{n}/")',
        '    assert i.filename == want, (i.filename, want)',
        '    if n % 7 == 0 and n > 0: assert z.read(i).decode() == f"{n}\\n" * 3',
        'print("ok")',
      ].join('\n');
      expect(execFileSync('python3', ['-c', script, path], { encoding: 'utf8' })).toBe('70000\nok\n');
      if (!hasUnzip) return;
      const result = spawnSync('unzip', ['-tq', path], { encoding: 'utf8' });
      expect(result.status, result.stdout + result.stderr).toBe(0);
      expect(result.stdout).toContain('No errors detected');
    });
  });
});

describe('ZipWriter limits', () => {
  it('refuses to be used after finish', () => {
    const writer = new ZipWriter();
    writer.finish();
    expect(() => writer.addFile('late.txt', 'x')).toThrow();
    expect(() => writer.finish()).toThrow();
  });
});
