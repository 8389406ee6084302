import { execFileSync, spawnSync } from 'node:child_process';
import JSZip from 'jszip';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildZip, readZip } from '../src/io/zip';
import { ZIP_LIMITS } from '../src/io/zipLimits';
import { compareTrees } from '../src/steps/compare';
import { replay } from '../src/steps/engine';
import { treeEntries, type SerialEntry } from '../src/steps/entries';
import { StepwiseError } from '../src/steps/errors';
import { parseDocument } from '../src/steps/parser';
import { asZip64 } from './fixtures/hostile/zips';
import { asProduced, builtinSource } from './helpers';

const bytesOf = (text: string) => new TextEncoder().encode(text);
const hasPython = spawnSync('python3', ['--version']).status === 0;

// Replays, zips, git and the file system are slow on a busy machine: allow more than the default 5 s.
vi.setConfig({ testTimeout: 30_000 });

const result = replay(parseDocument(builtinSource()));
const finalEntries = treeEntries(result, 85);

interface CentralRecord {
  offset: number;
  name: string;
  localOffset: number;
}

/** The central directory records of a zip, read by hand (independently of src/io/zipLimits.ts). */
function centralDirectory(bytes: Uint8Array): CentralRecord[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = bytes.length - 22;
  while (view.getUint32(eocd, true) !== 0x06054b50) eocd--;
  const records: CentralRecord[] = [];
  let offset = view.getUint32(eocd + 16, true);
  for (let i = 0; i < view.getUint16(eocd + 10, true); i++) {
    const nameLength = view.getUint16(offset + 28, true);
    records.push({
      offset,
      name: new TextDecoder().decode(bytes.subarray(offset + 46, offset + 46 + nameLength)),
      localOffset: view.getUint32(offset + 42, true),
    });
    offset += 46 + nameLength + view.getUint16(offset + 30, true) + view.getUint16(offset + 32, true);
  }
  return records;
}

async function zipOf(add: (zip: JSZip) => void, options: JSZip.JSZipGeneratorOptions<'uint8array'> = {}) {
  const zip = new JSZip();
  add(zip);
  return zip.generateAsync({ type: 'uint8array', ...options });
}

async function refusal(bytes: Uint8Array): Promise<string> {
  const error = await readZip(bytes).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StepwiseError);
  const message = (error as StepwiseError).message;
  expect(message.startsWith('The zip was refused: ')).toBe(true);
  return message;
}

describe('buildZip', () => {
  it('gives the same bytes every time', async () => {
    const a = await buildZip(finalEntries);
    const b = await buildZip(treeEntries(replay(parseDocument(builtinSource())), 85));
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('gives different bytes for different trees', async () => {
    const a = await buildZip(finalEntries);
    const b = await buildZip(treeEntries(result, 84));
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
  });

  it('holds every entry under microservices_ecosystem/, a directory entry per directory, in creation order', async () => {
    const names = centralDirectory(await buildZip(finalEntries)).map((r) => r.name);
    expect(names).toEqual(finalEntries.map((e) => (e.kind === 'directory' ? `${e.path}/` : e.path)));
    expect(names[0]).toBe('microservices_ecosystem/');
    expect(names.every((n) => n.startsWith('microservices_ecosystem/'))).toBe(true);
    expect(names.filter((n) => n.endsWith('/'))).toHaveLength(30);
    expect(names).toHaveLength(80);
  });

  it('stamps every entry with the fixed time 1980-01-01 00:00 (DOS date 0x0021, time 0)', async () => {
    const bytes = await buildZip(finalEntries);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (const record of centralDirectory(bytes)) {
      expect([view.getUint16(record.offset + 12, true), view.getUint16(record.offset + 14, true)], record.name).toEqual(
        [0, 0x0021],
      );
      expect(view.getUint32(record.localOffset, true)).toBe(0x04034b50);
      expect([view.getUint16(record.localOffset + 10, true), view.getUint16(record.localOffset + 12, true)]).toEqual([
        0, 0x0021,
      ]);
    }
  });

  describe('in other time zones', () => {
    const original = process.env.TZ;
    afterEach(() => {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
      vi.resetModules();
    });

    // The module is loaded afresh under each zone, as it would be in a process started there.
    it.each(['UTC', 'America/New_York', 'Europe/Berlin', 'Asia/Tokyo'])('gives the same bytes in %s', async (zone) => {
      const reference = await buildZip(finalEntries);
      process.env.TZ = zone;
      vi.resetModules();
      const fresh = await import('../src/io/zip');
      const zoned = await fresh.buildZip(finalEntries);
      const view = new DataView(zoned.buffer, zoned.byteOffset, zoned.byteLength);
      expect([view.getUint16(10, true), view.getUint16(12, true)], 'DOS time and date of the first entry').toEqual([
        0, 0x0021,
      ]);
      expect(Buffer.from(zoned).equals(Buffer.from(reference))).toBe(true);
    });
  });
});

describe('readZip round trip', () => {
  it('reads back exactly the entries that were written', async () => {
    expect(await readZip(await buildZip(finalEntries))).toEqual(asProduced(finalEntries));
  });

  it('compares as all identical with the tree it came from, at several positions', async () => {
    for (const position of [1, 6, 33, 85]) {
      const entries = treeEntries(result, position);
      const comparison = compareTrees(entries, await readZip(await buildZip(entries)));
      expect(comparison.matches).toBe(true);
      expect(comparison.counts).toEqual({
        identical: entries.length,
        equivalent: 0,
        different: 0,
        missing: 0,
        extra: 0,
      });
    }
  });

  it('keeps unicode names and content, empty files and trailing whitespace', async () => {
    const entries: SerialEntry[] = [
      { path: 'r', kind: 'directory' },
      { path: 'r/é→.md', kind: 'file', content: 'Payment → User  \n' },
      { path: 'r/empty.txt', kind: 'file', content: '' },
      { path: 'r/sub', kind: 'directory' },
    ];
    expect(await readZip(await buildZip(entries))).toEqual(asProduced(entries));
  });

  it('adds the directories that a zip without directory entries implies', async () => {
    const bytes = await zipOf((z) => {
      z.file('top/a/b.txt', 'b', { createFolders: false });
      z.file('top/c.txt', 'c', { createFolders: false });
    });
    expect(await readZip(bytes)).toEqual([
      { path: 'top', kind: 'directory' },
      { path: 'top/a', kind: 'directory' },
      { path: 'top/a/b.txt', kind: 'file', bytes: bytesOf('b') },
      { path: 'top/c.txt', kind: 'file', bytes: bytesOf('c') },
    ]);
  });
});

describe('readZip reads ZIP64', () => {
  it('end records and 64-bit sizes in extra fields, within the same limits', async () => {
    const entries = treeEntries(result, 85);
    for (const sizes of [undefined, 'in extra field'] as const)
      for (const endRecord of ['all ones', 'exact'] as const)
        expect(await readZip(asZip64(await buildZip(entries), { sizes, endRecord }))).toEqual(asProduced(entries));
  });

  it.skipIf(!hasPython)("a ZIP64 zip written by Python's zipfile, every size and offset in ZIP64 fields", async () => {
    const script = [
      'import io, sys, zipfile',
      'zipfile.ZIP64_LIMIT = 1',
      'zipfile.ZIP_FILECOUNT_LIMIT = 1',
      'buffer = io.BytesIO()',
      'with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:',
      '    for name, text in [("r/", ""), ("r/a.txt", "hello " * 20), ("r/b.json", \'{"a": 1.0}\')]:',
      '        with z.open(name, "w", force_zip64=True) as f: f.write(text.encode())',
      'sys.stdout.buffer.write(buffer.getvalue())',
    ].join('\n');
    const bytes = new Uint8Array(execFileSync('python3', ['-c', script]));
    expect(Buffer.from(bytes).indexOf(Buffer.from([0x50, 0x4b, 0x06, 0x06]))).toBeGreaterThan(0);
    expect(await readZip(bytes)).toEqual([
      { path: 'r', kind: 'directory' },
      { path: 'r/a.txt', kind: 'file', bytes: bytesOf('hello '.repeat(20)) },
      { path: 'r/b.json', kind: 'file', bytes: bytesOf('{"a": 1.0}') },
    ]);
  });

  it('refuses a zip of more entries than the limit, ZIP64 or not, before inflating', async () => {
    const wide: SerialEntry[] = Array.from({ length: 70_000 }, (_, i) => ({ path: `d${i}`, kind: 'directory' }));
    expect(await refusal(await buildZip(wide))).toMatch(/it has 70000 entries; the limit is 10000/);
  });
});

describe('readZip refuses', () => {
  it('a zip-slip name "../x"', async () => {
    const bytes = await zipOf((z) => z.file('../x', 'evil', { createFolders: false }));
    expect(await refusal(bytes)).toMatch(/"\.\.\/x" climbs out of the folder/);
  });

  it('a ".." segment in the middle of a name', async () => {
    const bytes = await zipOf((z) => z.file('a/../../x', 'evil', { createFolders: false }));
    expect(await refusal(bytes)).toMatch(/climbs out of the folder/);
  });

  it('an absolute name "/x" and a drive letter', async () => {
    expect(await refusal(await zipOf((z) => z.file('/x', 'evil', { createFolders: false })))).toMatch(
      /"\/x" is an absolute path/,
    );
    expect(await refusal(await zipOf((z) => z.file('C:/x', 'evil', { createFolders: false })))).toMatch(
      /absolute path/,
    );
  });

  it('a backslash, an empty segment and a control character in a name', async () => {
    expect(await refusal(await zipOf((z) => z.file('a\\b', '', { createFolders: false })))).toMatch(/backslash/);
    expect(await refusal(await zipOf((z) => z.file('a//b', '', { createFolders: false })))).toMatch(/empty or "\."/);
    expect(await refusal(await zipOf((z) => z.file('a/./b', '', { createFolders: false })))).toMatch(/empty or "\."/);
    expect(await refusal(await zipOf((z) => z.file('a\u0001b', '', { createFolders: false })))).toMatch(/control/);
  });

  it('a symbolic link entry', async () => {
    const bytes = await zipOf(
      (z) => z.file('link', '/etc/passwd', { unixPermissions: 0o120777, createFolders: false }),
      {
        platform: 'UNIX',
      },
    );
    expect(await refusal(bytes)).toMatch(/"link" is a symbolic link/);
  });

  it('but accepts a regular file with unix permissions', async () => {
    const bytes = await zipOf((z) => z.file('plain.txt', 'x', { unixPermissions: 0o100644, createFolders: false }), {
      platform: 'UNIX',
    });
    expect(await readZip(bytes)).toEqual([{ path: 'plain.txt', kind: 'file', bytes: bytesOf('x') }]);
  });

  it('a name that appears twice', async () => {
    const bytes = await zipOf((z) => {
      z.file('a.txt', '1', { createFolders: false });
      z.file('b.txt', '2', { createFolders: false });
    });
    // Rename b.txt to a.txt in both the local header and the central directory.
    const latin = Buffer.from(bytes).toString('latin1');
    for (let at = latin.indexOf('b.txt'); at >= 0; at = latin.indexOf('b.txt', at + 1)) bytes[at] = 'a'.charCodeAt(0);
    expect(centralDirectory(bytes).map((r) => r.name)).toEqual(['a.txt', 'a.txt']);
    expect(await refusal(bytes)).toMatch(/"a.txt" appears twice/);
  });

  it('names that differ only in case', async () => {
    const bytes = await zipOf((z) => {
      z.file('Dir/File.txt', '1', { createFolders: false });
      z.file('dir/file.txt', '2', { createFolders: false });
    });
    expect(await refusal(bytes)).toMatch(/differ only in case/);
  });

  it(`more than ${ZIP_LIMITS.entries} entries`, async () => {
    const bytes = await zipOf((z) => {
      for (let i = 0; i <= ZIP_LIMITS.entries; i++) z.file(`f${i}`, '', { createFolders: false });
    });
    expect(await refusal(bytes)).toMatch(/it has 10001 entries; the limit is 10000/);
  });

  it('a declared size over the 100 MB limit', async () => {
    const bytes = await zipOf((z) => z.file('big.txt', 'small', { createFolders: false }));
    const [record] = centralDirectory(bytes);
    new DataView(bytes.buffer, bytes.byteOffset).setUint32(record.offset + 24, ZIP_LIMITS.totalBytes + 1, true);
    expect(await refusal(bytes)).toMatch(/would inflate to more than 100 MB/);
  });

  it('declared sizes that only add up to more than the limit', async () => {
    const bytes = await zipOf((z) => {
      z.file('a.txt', 'a', { createFolders: false });
      z.file('b.txt', 'b', { createFolders: false });
    });
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    for (const record of centralDirectory(bytes))
      view.setUint32(record.offset + 24, ZIP_LIMITS.totalBytes / 2 + 1, true);
    expect(await refusal(bytes)).toMatch(/would inflate to more than 100 MB/);
  });

  it('an entry that inflates beyond its declared size', async () => {
    const bytes = await zipOf((z) => z.file('a.txt', 'x'.repeat(5000), { createFolders: false }), {
      compression: 'DEFLATE',
    });
    const [record] = centralDirectory(bytes);
    new DataView(bytes.buffer, bytes.byteOffset).setUint32(record.offset + 24, 10, true);
    expect(await refusal(bytes)).toMatch(/"a.txt" inflates beyond the 10 bytes/);
  });

  it('an encrypted entry', async () => {
    const bytes = await zipOf((z) => z.file('a.txt', 'x', { createFolders: false }));
    const [record] = centralDirectory(bytes);
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    view.setUint16(record.offset + 8, view.getUint16(record.offset + 8, true) | 1, true);
    expect(await refusal(bytes)).toMatch(/"a.txt" is encrypted/);
  });

  it('bytes that are not a zip', async () => {
    expect(await refusal(new TextEncoder().encode('PK but not really a zip file at all'))).toMatch(/not a zip file/);
    expect(await refusal(new Uint8Array(0))).toMatch(/not a zip file/);
    expect(await refusal(new Uint8Array(10))).toMatch(/not a zip file/);
  });

  it('a truncated zip, cut at the end or at the start', async () => {
    const bytes = await buildZip(finalEntries);
    expect(await refusal(bytes.slice(0, bytes.length - 30))).toMatch(/not a zip file|truncated|corrupt/);
    expect(await refusal(bytes.slice(0, Math.floor(bytes.length / 2)))).toMatch(/not a zip file|truncated|corrupt/);
    expect(await refusal(bytes.slice(200))).toMatch(/truncated or corrupt/);
  });

  it('a zip whose central directory points past its end', async () => {
    const bytes = await buildZip(finalEntries);
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    view.setUint32(bytes.length - 22 + 16, bytes.length, true);
    expect(await refusal(bytes)).toMatch(/truncated or corrupt/);
  });
});
