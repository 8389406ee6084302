import JSZip from 'jszip';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readZip } from '../src/io/zip';
import { compareTrees } from '../src/steps/compare';
import type { SerialEntry } from '../src/steps/entries';
import { StepwiseError } from '../src/steps/errors';
import { ZIP_CASES } from './fixtures/hostile/zips';
import { asProduced } from './helpers';

// Building a 150 MB bomb is cheap (repeated blocks), but inflating the start of it is not free.
vi.setConfig({ testTimeout: 30_000 });

async function outcome(
  bytes: Uint8Array,
): Promise<{ error: unknown } | { entries: Awaited<ReturnType<typeof readZip>> }> {
  try {
    return { entries: await readZip(bytes) };
  } catch (error) {
    return { error };
  }
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the hostile zip corpus (tests/fixtures/hostile/zips.ts)', () => {
  it.each(ZIP_CASES)('$name ($why)', async ({ build, message }) => {
    const result = await outcome(await build());
    if (message === null) {
      expect(result).toHaveProperty('entries');
      return;
    }
    expect(result).toHaveProperty('error');
    const error = (result as { error: unknown }).error;
    expect(error).toBeInstanceOf(StepwiseError);
    const text = (error as StepwiseError).message;
    expect(text.startsWith('The zip was refused: ')).toBe(true);
    expect(text).toContain(message);
    // One readable line: no raw control or reordering characters, no 10,000-character names.
    expect(text.length).toBeLessThan(300);
    // eslint-disable-next-line no-control-regex -- checking that none got through
    expect(text).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
  });
});

describe('what is refused before any byte is inflated', () => {
  const headerOnly = [
    'zip-slip',
    'absolute path',
    'symbolic link',
    'duplicate entry',
    'case twins',
    'file used as a folder',
    'zip bomb',
    'encrypted entry',
    'ZIP64 marker without a ZIP64 record',
    'ZIP64 count over the limit',
    'ZIP64 record out of range',
    'ZIP64 offset past 2^53',
    'ZIP64 records that disagree',
    'ZIP64 sizes without their extra field',
    'ZIP64 bomb',
  ];

  it.each(headerOnly)('%s: jszip never opens it', async (name) => {
    const bytes = await ZIP_CASES.find((c) => c.name === name)!.build();
    const load = vi.spyOn(JSZip, 'loadAsync');
    await expect(readZip(bytes)).rejects.toThrow(StepwiseError);
    expect(load).not.toHaveBeenCalled();
  });

  it('(control) a harmless zip is opened by jszip, so the spy does see calls', async () => {
    const bytes = await ZIP_CASES.find((c) => c.name === 'prototype names')!.build();
    const load = vi.spyOn(JSZip, 'loadAsync');
    await readZip(bytes);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('the zip bomb is tiny on disk and huge declared', async () => {
    const bytes = await ZIP_CASES.find((c) => c.name === 'zip bomb')!.build();
    expect(bytes.length).toBeLessThan(300 * 1024);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const centralOffset = view.getUint32(bytes.length - 22 + 16, true);
    expect(view.getUint32(centralOffset + 24, true)).toBe(150 * 1024 * 1024);
  });
});

describe('what must be read despite looking odd', () => {
  it('entries named __proto__, constructor, toString are files like any other', async () => {
    const entries = await readZip(await ZIP_CASES.find((c) => c.name === 'prototype names')!.build());
    const expected: SerialEntry[] = [
      { path: 'tree', kind: 'directory' },
      { path: 'tree/__proto__', kind: 'directory' },
      { path: 'tree/__proto__/constructor', kind: 'file', content: 'c' },
      { path: 'tree/toString', kind: 'file', content: 't' },
      { path: 'tree/hasOwnProperty', kind: 'file', content: 'h' },
    ];
    expect(entries).toEqual(asProduced(expected));
    expect(compareTrees(expected, entries).matches).toBe(true);
  });
});
