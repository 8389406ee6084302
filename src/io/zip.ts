import JSZip from 'jszip';
import type { ProducedEntry } from '../steps/compare';
import type { SerialEntry } from '../steps/entries';
import { StepwiseError } from '../steps/errors';
import { findEndOfCentralDirectory, inspectZip, zip64EndRecord, ZIP_LIMITS } from './zipLimits';
import { ZipWriter } from './zipWriter';

/** After this much work in one go, buildZip lets the page paint and handle input. */
const SLICE_MS = 25;

/**
 * The zip of a tree: a directory entry for every directory, entries in creation order, fixed
 * times (1980-01-01), so the same tree always gives the same bytes. Written by our own writer
 * rather than jszip, which took seconds for a large tree (see zipWriter.ts).
 */
export async function buildZip(entries: readonly SerialEntry[]): Promise<Uint8Array> {
  const writer = new ZipWriter();
  let sliceStart = performance.now();
  for (const entry of entries) {
    if (entry.kind === 'directory') writer.addDirectory(entry.path);
    else writer.addFile(entry.path, entry.content ?? '');
    if (performance.now() - sliceStart > SLICE_MS) {
      await yieldToEventLoop();
      sliceStart = performance.now();
    }
  }
  return writer.finish();
}

type Scheduler = { yield?: () => Promise<void> };

/**
 * In the browser buildZip runs on the main thread. scheduler.yield (Chromium) resumes ahead of
 * other queued tasks and, not being a timer, escapes the timer throttling of background tabs;
 * setTimeout is the fallback elsewhere (Node, other browsers).
 */
function yieldToEventLoop(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Scheduler }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Reads a zip that somebody else produced, keeping each file's bytes as they are. The central
 * directory is checked first (inspectZip); while inflating, each entry is held to the size its
 * header declared, so a lying header cannot turn into a zip bomb either.
 */
export async function readZip(bytes: Uint8Array): Promise<ProducedEntry[]> {
  const declared = inspectZip(bytes);
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(markedZip64(bytes), { createFolders: false });
  } catch (e) {
    throw new StepwiseError(`The zip was refused: it is corrupt or truncated (${(e as Error).message}).`);
  }
  const entries: ProducedEntry[] = [];
  let total = 0;
  for (const { name, isDirectory, uncompressedSize } of declared) {
    const path = name.replace(/\/$/, '');
    if (isDirectory) {
      entries.push({ path, kind: 'directory' });
      continue;
    }
    const file = zip.file(name);
    if (!file) throw new StepwiseError(`The zip was refused: "${name}" is listed but cannot be read.`);
    const data = await inflateWithin(file, uncompressedSize, name);
    total += data.byteLength;
    if (total > ZIP_LIMITS.totalBytes)
      throw new StepwiseError('The zip was refused: it inflates to more than its headers say.');
    entries.push({ path, kind: 'file', bytes: data });
  }
  return withImpliedDirectories(entries);
}

/**
 * jszip follows a ZIP64 end record only when the plain end record's count is all ones. Python's
 * zipfile, among others, writes a ZIP64 record and leaves the plain counts exact; jszip then takes
 * the ZIP64 records for data prepended to the zip and finds no entries. inspectZip has checked that
 * the two records agree, so a copy with the count marked reads the same directory.
 */
function markedZip64(bytes: Uint8Array): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = findEndOfCentralDirectory(view);
  if (zip64EndRecord(view, eocd) === null || view.getUint16(eocd + 10, true) === 0xffff) return bytes;
  const marked = bytes.slice();
  new DataView(marked.buffer).setUint16(eocd + 10, 0xffff, true);
  return marked;
}

/** jszip's chunked reader: public in its docs and runtime, missing from its type declarations. */
interface ChunkStream {
  on(event: 'data', listener: (chunk: Uint8Array) => void): ChunkStream;
  on(event: 'error', listener: (error: Error) => void): ChunkStream;
  on(event: 'end', listener: () => void): ChunkStream;
  pause(): ChunkStream;
  resume(): ChunkStream;
}

function inflateWithin(file: JSZip.JSZipObject, limit: number, name: string): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    const stream = (file as unknown as { internalStream(type: 'uint8array'): ChunkStream }).internalStream(
      'uint8array',
    );
    stream
      .on('data', (chunk: Uint8Array) => {
        size += chunk.byteLength;
        if (size > limit) {
          stream.pause();
          reject(
            new StepwiseError(`The zip was refused: "${name}" inflates beyond the ${limit} bytes its header declares.`),
          );
          return;
        }
        chunks.push(chunk);
      })
      .on('error', (e: Error) => reject(new StepwiseError(`The zip was refused: "${name}" is corrupt (${e.message}).`)))
      .on('end', () => {
        const out = new Uint8Array(size);
        let at = 0;
        for (const chunk of chunks) {
          out.set(chunk, at);
          at += chunk.byteLength;
        }
        resolve(out);
      })
      .resume();
  });
}

/** Many zip tools omit directory entries; a directory that holds a file exists all the same. */
function withImpliedDirectories(entries: ProducedEntry[]): ProducedEntry[] {
  const have = new Set(entries.filter((e) => e.kind === 'directory').map((e) => e.path));
  const out: ProducedEntry[] = [];
  for (const entry of entries) {
    const segments = entry.path.split('/');
    for (let i = 1; i < segments.length; i++) {
      const dir = segments.slice(0, i).join('/');
      if (!have.has(dir)) {
        have.add(dir);
        out.push({ path: dir, kind: 'directory' });
      }
    }
    out.push(entry);
  }
  return out;
}
