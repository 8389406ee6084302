import { lstat, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { buildZip, readZip } from '../io/zip';
import { ZIP_LIMITS } from '../io/zipLimits';
import { compareTrees, shortDiff, type ProducedEntry } from '../steps/compare';
import { plural } from '../steps/describe';
import { replay, type Replay } from '../steps/engine';
import { rootNames, treeEntries } from '../steps/entries';
import { StepwiseError } from '../steps/errors';
import { parseDocument } from '../steps/parser';
import { decodeUtf8 } from '../steps/text';
// Inlined by the build (scripts/build-cli.mjs): the installed CLI reads no file of its own at run time.
import builtinText from '../scenarios/microservices_ecosystem_steps.txt?raw';
import { isGradeWorker, runGrade } from './grade';
import { exists, OutputError, refusedWrite, writeAtomically } from './writeAtomically';

const HELP = {
  main: `stepwise — replay a step document into a file tree, export it, check a tree against it,
grade what an agent did against it

Usage:
  stepwise export --dir OUT [--step N] [--steps DOC] [--force]
  stepwise export --zip FILE [--step N] [--steps DOC]
  stepwise check PATH [--step N] [--steps DOC]
  stepwise grade RUN… [--steps DOC] [--format text|json|junit|html] [--out FILE] [--jobs N] [--shard I/N]
                 [--run-format F]
  stepwise grade --merge PART.json… [--steps DOC] [--format text|json|junit|html] [--out FILE]

Run "stepwise export --help", "stepwise check --help" or "stepwise grade --help" for details.`,
  export: `Usage: stepwise export (--dir OUT | --zip FILE) [--step N] [--steps DOC] [--force]

Writes the tree as it stands after step N (default: the last step) of the built-in scenario,
or of DOC, a step document in the same format.
  --dir OUT   write the tree's folders and files into OUT (refuses to overwrite unless --force,
              which replaces the tree's top folders in OUT as a whole)
  --zip FILE  write a zip: the same tree always gives the same bytes
Everything is written beside its place first and moved there once complete: a failed export
leaves nothing behind, and what it would have replaced stays as it was.
  --step N    0 is the empty tree before step 1`,
  check: `Usage: stepwise check PATH [--step N] [--steps DOC]

Compares PATH (a folder or a .zip someone produced) with the expected tree after step N
(default: the last step). Every file is reported as identical, equivalent (same JSON/YAML value,
other formatting or spelling of numbers), different (with a short diff), missing or extra; so are
missing and extra folders. Identical means the same bytes: a byte-order mark makes a file different.
Exit status: 0 all identical or equivalent, 1 otherwise, 2 bad usage or unreadable input.`,
};

class UsageError extends Error {}

interface Options {
  positional: string[];
  flags: Map<string, string | true>;
}

const VALUE_FLAGS = new Set(['--dir', '--zip', '--step', '--steps']);
const BOOLEAN_FLAGS = new Set(['--force', '--help', '-h']);

function parseArgs(args: string[]): Options {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const [name, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    if (VALUE_FLAGS.has(name)) {
      const value = inline ?? args[++i];
      if (value === undefined) throw new UsageError(`${name} needs a value`);
      flags.set(name, value);
    } else if (BOOLEAN_FLAGS.has(name)) flags.set(name === '-h' ? '--help' : name, true);
    else if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}`);
    else positional.push(arg);
  }
  return { positional, flags };
}

async function loadReplay(command: string, options: Options): Promise<Replay> {
  const path = options.flags.get('--steps');
  if (typeof path !== 'string') return replay(parseDocument(builtinText));
  const document = parseDocument(await readDocument(resolve(path)));
  for (const warning of document.warnings) console.error(`stepwise ${command}: warning: ${warning.message}`);
  return replay(document);
}

/** The document's text. Its own function, so that the bytes (as large as the text) are garbage before the replay. */
async function readDocument(file: string): Promise<string> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (e) {
    throw new UsageError(
      `cannot read the step document ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
  return decodeUtf8(bytes, file);
}

function pickPosition(run: Replay, options: Options): number {
  const raw = options.flags.get('--step');
  const last = run.document.steps.length;
  if (raw === undefined) {
    if (run.error) throw run.error;
    return last;
  }
  if (typeof raw !== 'string' || !/^\d+$/.test(raw) || Number(raw) > last)
    throw new UsageError(`--step must be a whole number from 0 to ${last}, not "${String(raw)}"`);
  const position = Number(raw);
  if (position >= run.snapshots.length && run.error) throw run.error;
  return position;
}

async function runExport(options: Options): Promise<number> {
  const dir = options.flags.get('--dir');
  const zip = options.flags.get('--zip');
  if ((dir === undefined) === (zip === undefined)) throw new UsageError('give exactly one of --dir OUT or --zip FILE');
  const run = await loadReplay('export', options);
  const position = pickPosition(run, options);
  const entries = treeEntries(run, position);
  const after = `the tree after step ${position} of ${run.document.steps.length}`;
  if (typeof zip === 'string') {
    const target = resolve(zip);
    const bytes = await buildZip(entries);
    await writeAtomically(dirname(target), async (staging) => {
      const file = join(staging, basename(target));
      await writeFile(file, bytes).catch(refusedWrite(target));
      return [[file, target]];
    });
    console.log(`Wrote ${zip}: ${entries.length} entries, ${after}.`);
    return 0;
  }
  const out = resolve(String(dir));
  const force = options.flags.has('--force');
  const roots = rootNames(entries);
  if (!force) {
    for (const root of roots)
      if (await exists(join(out, root)))
        throw new UsageError(`${join(out, root)} already exists; choose another folder or add --force`);
  }
  await writeAtomically(out, async (staging) => {
    for (const entry of entries) {
      const target = join(staging, ...entry.path.split('/'));
      const written =
        entry.kind === 'directory' ? mkdir(target, { recursive: true }) : writeFile(target, entry.content ?? '');
      await written.catch(refusedWrite(`${entry.path} into ${out}`));
    }
    return roots.map((root) => [join(staging, root), join(out, root)]);
  });
  const files = entries.filter((e) => e.kind === 'file').length;
  console.log(`Wrote ${plural(files, 'file')} and ${plural(entries.length - files, 'folder')} into ${out}, ${after}.`);
  return 0;
}

/** A folder to check is held to the same limits as a zip: ZIP_LIMITS entries and bytes. */
async function readFolder(root: string, prefix = '', budget = { entries: 0, bytes: 0 }): Promise<ProducedEntry[]> {
  const entries: ProducedEntry[] = [];
  const names = (await readdir(join(root, prefix))).sort();
  for (const name of names) {
    const relative = prefix === '' ? name : `${prefix}/${name}`;
    const info = await lstat(join(root, relative));
    if (info.isSymbolicLink())
      throw new UsageError(`${join(root, relative)} is a symbolic link; links are not followed`);
    if (++budget.entries > ZIP_LIMITS.entries)
      throw new UsageError(`${root} holds more than ${ZIP_LIMITS.entries} entries; the limit is ${ZIP_LIMITS.entries}`);
    if (info.isDirectory()) {
      entries.push({ path: relative, kind: 'directory' }, ...(await readFolder(root, relative, budget)));
    } else if (info.isFile()) {
      budget.bytes += info.size;
      if (budget.bytes > ZIP_LIMITS.totalBytes)
        throw new UsageError(
          `${root} holds more than ${ZIP_LIMITS.totalBytes / 1024 / 1024} MB of files; that is the limit`,
        );
      entries.push({ path: relative, kind: 'file', bytes: await readFile(join(root, relative)) });
    }
  }
  return entries;
}

async function readProduced(path: string, expectedRoots: string[]): Promise<ProducedEntry[]> {
  let info;
  try {
    info = await stat(path);
  } catch (e) {
    throw new UsageError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  if (info.isDirectory()) {
    const entries = await readFolder(path);
    const name = basename(resolve(path));
    // Given the tree's root folder itself rather than the folder holding it.
    if (expectedRoots.length === 1 && name === expectedRoots[0] && !entries.some((e) => e.path === name))
      return [{ path: name, kind: 'directory' }, ...entries.map((e) => ({ ...e, path: `${name}/${e.path}` }))];
    return entries;
  }
  if (info.size > ZIP_LIMITS.totalBytes)
    throw new UsageError(
      `${path} is ${Math.ceil(info.size / 1024 / 1024)} MB; a zip to check may be at most ${ZIP_LIMITS.totalBytes / 1024 / 1024} MB`,
    );
  return readZip(await readFile(path));
}

async function runCheck(options: Options): Promise<number> {
  if (options.positional.length !== 1) throw new UsageError('give one PATH: a folder or a .zip');
  const run = await loadReplay('check', options);
  const position = pickPosition(run, options);
  const expected = treeEntries(run, position);
  const produced = await readProduced(options.positional[0], rootNames(expected));
  const result = compareTrees(expected, produced);
  for (const entry of result.entries) {
    if (entry.kind === 'directory' && entry.status === 'identical') continue;
    const label = entry.kind === 'directory' ? `${entry.status} folder` : entry.status;
    console.log(`${label.padEnd(16)} ${entry.path}`);
    if (entry.note) console.log(`    (${entry.note})`);
    if (entry.status === 'different')
      for (const line of shortDiff(entry.expected ?? '', entry.actual ?? '')) console.log(`    ${line}`);
  }
  const { identical, equivalent, different, missing, extra } = result.counts;
  console.log(
    `\n${identical} identical, ${equivalent} equivalent, ${different} different, ${missing} missing, ${extra} extra` +
      ` — compared with the tree after step ${position} of ${run.document.steps.length}: ${result.matches ? 'MATCH' : 'MISMATCH'}`,
  );
  return result.matches ? 0 : 1;
}

export async function main(argv: string[]): Promise<number> {
  // A grade worker thread loads this module too when the CLI is one bundled file: it only grades.
  if (isGradeWorker()) return 0;
  const [command, ...rest] = argv;
  if (command === 'grade') return runGrade(rest, builtinText);
  try {
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      console.log(HELP.main);
      return command === undefined ? 2 : 0;
    }
    if (command !== 'export' && command !== 'check')
      throw new UsageError(`unknown command "${command}"; use export, check or grade`);
    const options = parseArgs(rest);
    if (options.flags.has('--help')) {
      console.log(HELP[command]);
      return 0;
    }
    if (command === 'export' && options.positional.length > 0)
      throw new UsageError(`unexpected argument "${options.positional[0]}"`);
    return command === 'export' ? await runExport(options) : await runCheck(options);
  } catch (e) {
    if (e instanceof UsageError || e instanceof StepwiseError || e instanceof OutputError) {
      console.error(`stepwise ${command}: ${e.message}`);
      if (e instanceof UsageError) console.error(`Run "stepwise ${command} --help" for usage.`);
      return 2;
    }
    console.error(`stepwise ${command}: unexpected failure: ${(e as Error).message}`);
    return 2;
  }
}
