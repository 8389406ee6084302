import JSZip from 'jszip';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../src/cli/main';
import { buildZip } from '../src/io/zip';
import type { Replay } from '../src/steps/engine';
import { treeEntries, type SerialEntry } from '../src/steps/entries';
import { LIMITS } from '../src/steps/limits';
import { readFile as readTreeFile, walkTree } from '../src/steps/tree';
import { run, withTempDir } from './helpers';

// Not timed: these documents are about shape and size, and a busy machine takes its time with them.
vi.setConfig({ testTimeout: 300_000 });

beforeEach(() => {
  vi.spyOn(console, 'log').mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());

/** A document as it is generated: its text, and the tree its last step must leave, in creation order. */
interface Generated {
  readonly source: string;
  readonly entries: SerialEntry[];
  /** The content of `path` after step `position`, for a few files that updates change. */
  readonly samples: Array<{ position: number; path: string; content: string }>;
}

/** Builds the text step by step and keeps the tree it describes beside it. */
class DocumentWriter {
  private readonly lines: string[] = [];
  readonly entries: SerialEntry[] = [];
  /** Each file's index in entries and the values it holds. */
  private readonly files = new Map<string, { index: number; n: number; seen?: number }>();
  readonly samples: Generated['samples'] = [];

  get steps(): number {
    return this.lines.length;
  }

  directory(name: string, parent: Folder | null): Folder {
    const path = parent ? `${parent.path}/${name}` : name;
    this.add(`Create a directory named "${name}"${parent ? ` inside ${parent.name}` : ''}`, {
      path,
      kind: 'directory',
    });
    return { name, path };
  }

  /** Creates `name` (unique in the document) in `parent`, holding {"n": n}; returns its path. */
  file(name: string, parent: Folder, n: number): string {
    const path = `${parent.path}/${name}`;
    this.files.set(path, { index: this.entries.length, n });
    this.add(`Create a file named "${name}" in ${parent.name} with content: {"n": ${n}}`, {
      path,
      kind: 'file',
      content: `{"n": ${n}}`,
    });
    return path;
  }

  /** Sets "seen" in the file at `path`: the engine rewrites the file as JSON indented by two spaces. */
  update(path: string, seen: number): void {
    const file = this.files.get(path)!;
    file.seen = seen;
    this.lines.push(`Step ${this.steps + 1}: Update ${path.slice(path.lastIndexOf('/') + 1)}: add seen: ${seen}`);
    const content = JSON.stringify({ n: file.n, seen }, null, 2);
    this.entries[file.index] = { ...this.entries[file.index], content };
    if (this.steps % 50 === 0) this.samples.push({ position: this.steps, path, content });
  }

  document(title: string): Generated {
    return { source: `${title}\n\n${this.lines.join('\n')}\n`, entries: this.entries, samples: this.samples };
  }

  private add(body: string, entry: SerialEntry): void {
    this.lines.push(`Step ${this.steps + 1}: ${body}`);
    this.entries.push(entry);
  }
}

interface Folder {
  readonly name: string;
  readonly path: string;
}

/** One folder holding 10,000 files and 2,000 folders, and updates of its files (one step in 25). */
function flatDocument(): Generated {
  const w = new DocumentWriter();
  const flat = w.directory('flat', null);
  const files: string[] = [];
  while (files.length < 10_000) {
    if (w.steps % 25 === 0) w.update(files[(w.steps * 7_919) % files.length], w.steps);
    else if (w.steps % 6 === 0) w.directory(`folder_${w.steps}`, flat);
    else files.push(w.file(`file_${w.steps}.json`, flat, w.steps));
  }
  return w.document('Ten thousand files in one folder');
}

/**
 * 100,000 steps: 500 folders (in chains of five from the top folder), about 40,000 files and
 * 60,000 updates of recent files (fewer files to write keeps the export test short).
 */
function longDocument(): Generated {
  const w = new DocumentWriter();
  const top = w.directory('long', null);
  let folder = top;
  const recent: string[] = [];
  for (let i = 1; w.steps < LIMITS.steps; i++) {
    if (i % 200 === 1) folder = w.directory(`d${i}`, i % 1_000 === 1 ? top : folder);
    else if (i % 5 >= 2 && recent.length > 0) w.update(recent[(i * 31) % recent.length], i);
    else {
      recent.push(w.file(`f${i}.json`, folder, i));
      if (recent.length > 300) recent.shift();
    }
  }
  return w.document('One hundred thousand steps');
}

/** The replay loads, every position can be stepped to, and its tree is the generated one. */
function expectLoadsAndSteps(generated: Generated): Replay {
  const replay = run(generated.source);
  expect(replay.error).toBeNull();
  const last = replay.snapshots.length - 1;
  expect(last).toBe(generated.source.match(/^Step /gm)!.length);
  // Depth first in creation order is creation order here: folders come before what they hold.
  expect([...walkTree(replay.snapshots[last].root)].map((e) => e.path)).toEqual(generated.entries.map((e) => e.path));
  expect(treeEntries(replay, last)).toEqual(generated.entries);
  for (const { position, path, content } of generated.samples) {
    expect(readTreeFile(replay.snapshots[position].root, path), `${path} at ${position}`).toBe(content);
    expect(readTreeFile(replay.snapshots[position - 1].root, path), `${path} at ${position - 1}`).not.toBe(content);
  }
  return replay;
}

/** Writes the document, exports it with the CLI into a folder and reads the folder back. */
async function exportedByCli(generated: Generated): Promise<Map<string, string | null>> {
  return withTempDir(async (dir) => {
    await writeFile(join(dir, 'steps.txt'), generated.source);
    expect(await main(['export', '--dir', join(dir, 'out'), '--steps', join(dir, 'steps.txt')])).toBe(0);
    const found = new Map<string, string | null>();
    for (const entry of await readdir(join(dir, 'out'), { recursive: true, withFileTypes: true })) {
      const path = join(entry.parentPath, entry.name);
      found.set(path.slice(join(dir, 'out').length + 1), entry.isDirectory() ? null : await readFile(path, 'utf8'));
    }
    return found;
  });
}

const asMap = (entries: readonly SerialEntry[]) => new Map(entries.map((e) => [e.path, e.content ?? null]));

describe('a flat document: 10,000 files and 2,000 folders in one folder', () => {
  const flat = flatDocument();

  it('loads and steps', () => {
    const replay = expectLoadsAndSteps(flat);
    const folder = replay.snapshots.at(-1)!.root.get('flat');
    expect(folder?.kind === 'directory' && folder.size).toBe(flat.entries.length - 1);
    expect(flat.entries.filter((e) => e.kind === 'file')).toHaveLength(10_000);
    expect(flat.entries.filter((e) => e.kind === 'directory').length).toBeGreaterThan(1_500);
  });

  it('exports into a folder and into a zip, in creation order', async () => {
    expect(await exportedByCli(flat)).toEqual(asMap(flat.entries));
    const zip = await JSZip.loadAsync(await buildZip(flat.entries), { createFolders: false });
    const names = Object.keys(zip.files);
    expect(names).toEqual(flat.entries.map((e) => (e.kind === 'directory' ? `${e.path}/` : e.path)));
    const last = flat.entries.findLast((e) => e.kind === 'file')!;
    expect(await zip.file(last.path)!.async('string')).toBe(last.content);
  });
});

describe('a document of 100,000 steps', () => {
  const long = longDocument();

  it('loads and steps', () => {
    expectLoadsAndSteps(long);
  });

  it('exports into a folder', async () => {
    const written = await exportedByCli(long);
    expect(written.size).toBe(long.entries.length);
    expect(written).toEqual(asMap(long.entries));
  });
});
