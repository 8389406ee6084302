import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { copyFile, mkdir, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { buildZip } from '../src/io/zip';
import { replay } from '../src/steps/engine';
import { treeEntries } from '../src/steps/entries';
import { parseDocument } from '../src/steps/parser';
import { builtCli, builtinSource, doc, withTempDir } from './helpers';

// Replays, zips, git and the file system are slow on a busy machine: allow more than the default 5 s.
vi.setConfig({ testTimeout: 30_000 });

const { main } = await builtCli();

let log: MockInstance<typeof console.log>;
let error: MockInstance<typeof console.error>;

beforeEach(() => {
  log = vi.spyOn(console, 'log').mockImplementation(() => {});
  error = vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());

const printed = (calls: unknown[][]): string => calls.map((args) => args.map(String).join(' ')).join('\n');
const out = () => printed(log.mock.calls);
const err = () => printed(error.mock.calls);

const expected = treeEntries(replay(parseDocument(builtinSource())), 85);
const ARCH = 'microservices_ecosystem/architecture_config.json';

/** Everything under `root` as sorted "d path" / "f path" lines plus file contents. */
async function readTree(root: string, prefix = ''): Promise<Map<string, string | null>> {
  const result = new Map<string, string | null>();
  for (const name of await readdir(join(root, prefix))) {
    const relative = prefix === '' ? name : `${prefix}/${name}`;
    const info = await stat(join(root, relative));
    if (info.isDirectory()) {
      result.set(relative, null);
      for (const [p, c] of await readTree(root, relative)) result.set(p, c);
    } else result.set(relative, await readFile(join(root, relative), 'utf8'));
  }
  return result;
}

/** Asserts a usage failure: exit 2, a one-line message naming the command, no stack trace. */
function expectUsageFailure(code: number, pattern: RegExp): void {
  expect(code).toBe(2);
  expect(error).toHaveBeenCalled();
  const first = String(error.mock.calls[0][0]);
  expect(first).toMatch(/^stepwise (export|check|\S+): /);
  expect(first).toMatch(pattern);
  expect(first).not.toContain('\n');
  expect(err()).not.toMatch(/^\s+at /m);
}

describe('stepwise export --dir', () => {
  it('writes exactly the tree of the last step', async () => {
    await withTempDir(async (dir) => {
      expect(await main(['export', '--dir', dir])).toBe(0);
      const written = await readTree(dir);
      const wanted = new Map(expected.map((e) => [e.path, e.kind === 'directory' ? null : e.content!]));
      expect(written).toEqual(wanted);
      expect(out()).toMatch(/Wrote 50 files and 30 folders into .*, the tree after step 85 of 85\./);
      expect(error).not.toHaveBeenCalled();
    });
  });

  it('writes the tree of an earlier step with --step, 0 being empty', async () => {
    await withTempDir(async (dir) => {
      expect(await main(['export', '--dir', join(dir, 'six'), '--step', '6'])).toBe(0);
      const six = await readTree(join(dir, 'six'));
      const wanted = treeEntries(replay(parseDocument(builtinSource())), 6);
      expect(six).toEqual(new Map(wanted.map((e) => [e.path, e.kind === 'directory' ? null : e.content!])));
      expect(six.size).toBe(6);
      expect(JSON.parse(six.get(ARCH)!)).toMatchObject({ current_state: 'initializing' });
      expect(await main(['export', '--dir', join(dir, 'zero'), '--step=0'])).toBe(0);
      // The folder the message names is there, and empty.
      expect(await readdir(join(dir, 'zero'))).toEqual([]);
    });
  });

  it('refuses to overwrite an existing tree unless --force', async () => {
    await withTempDir(async (dir) => {
      expect(await main(['export', '--dir', dir])).toBe(0);
      await writeFile(join(dir, ARCH), 'scribbled');
      expectUsageFailure(await main(['export', '--dir', dir]), /already exists.*--force/);
      expect(await readFile(join(dir, ARCH), 'utf8')).toBe('scribbled');
      expect(await main(['export', '--dir', dir, '--force'])).toBe(0);
      expect(await readFile(join(dir, ARCH), 'utf8')).toBe(expected.find((e) => e.path === ARCH)!.content);
    });
  });
});

describe('stepwise export --zip', () => {
  it('writes the deterministic zip of the tree', async () => {
    await withTempDir(async (dir) => {
      const file = join(dir, 'nested', 'tree.zip');
      expect(await main(['export', '--zip', file])).toBe(0);
      const bytes = await readFile(file);
      expect(bytes.equals(Buffer.from(await buildZip(expected)))).toBe(true);
      expect(out()).toMatch(/Wrote .*tree\.zip: 80 entries, the tree after step 85 of 85\./);
    });
  });
});

describe('stepwise check', () => {
  it('exits 0 for an exported folder, the folder holding the tree or the tree itself', async () => {
    await withTempDir(async (dir) => {
      await main(['export', '--dir', dir]);
      log.mockClear();
      expect(await main(['check', dir])).toBe(0);
      expect(out()).toMatch(/80 identical, 0 equivalent, 0 different, 0 missing, 0 extra .*: MATCH/);
      expect(await main(['check', join(dir, 'microservices_ecosystem')])).toBe(0);
    });
  });

  it('exits 0 for an exported zip', async () => {
    await withTempDir(async (dir) => {
      const file = join(dir, 'tree.zip');
      await main(['export', '--zip', file]);
      expect(await main(['check', file])).toBe(0);
    });
  });

  it('exits 0 and says equivalent for a reformatted JSON file', async () => {
    await withTempDir(async (dir) => {
      await main(['export', '--dir', dir]);
      const path = join(dir, ARCH);
      await writeFile(path, JSON.stringify(JSON.parse(await readFile(path, 'utf8'))));
      log.mockClear();
      expect(await main(['check', dir])).toBe(0);
      expect(out()).toMatch(/^equivalent\s+microservices_ecosystem\/architecture_config\.json$/m);
    });
  });

  it('exits 1 and says different, with a diff, for a modified file', async () => {
    await withTempDir(async (dir) => {
      await main(['export', '--dir', dir]);
      const path = join(dir, ARCH);
      await writeFile(path, (await readFile(path, 'utf8')).replace('"tracing": "jaeger"', '"tracing": "zipkin"'));
      log.mockClear();
      expect(await main(['check', dir])).toBe(1);
      const text = out();
      expect(text).toMatch(/^different\s+microservices_ecosystem\/architecture_config\.json$/m);
      expect(text).toMatch(/^\s+-\s+"tracing": "jaeger",$/m);
      expect(text).toMatch(/^\s+\+\s+"tracing": "zipkin",$/m);
      expect(text).toMatch(/1 different, 0 missing, 0 extra .*MISMATCH/);
    });
  });

  it('exits 1 for a missing file and an extra one', async () => {
    await withTempDir(async (dir) => {
      await main(['export', '--dir', dir]);
      await rm(join(dir, 'microservices_ecosystem/operational_runbook.md'));
      await writeFile(join(dir, 'microservices_ecosystem/notes.txt'), 'extra');
      log.mockClear();
      expect(await main(['check', dir])).toBe(1);
      expect(out()).toMatch(/^missing\s+microservices_ecosystem\/operational_runbook\.md$/m);
      expect(out()).toMatch(/^extra\s+microservices_ecosystem\/notes\.txt$/m);
    });
  });

  it('compares with an earlier step given by --step', async () => {
    await withTempDir(async (dir) => {
      await main(['export', '--dir', dir, '--step', '40']);
      expect(await main(['check', dir, '--step', '40'])).toBe(0);
      expect(await main(['check', dir])).toBe(1);
    });
  });

  it('exits 2 for a path that does not exist', async () => {
    await withTempDir(async (dir) => {
      expectUsageFailure(await main(['check', join(dir, 'nope')]), /cannot read .*nope: ENOENT/);
    });
  });

  it('exits 2 for a file that is not a zip', async () => {
    await withTempDir(async (dir) => {
      await writeFile(join(dir, 'x.zip'), 'not a zip');
      const code = await main(['check', join(dir, 'x.zip')]);
      expect(code).toBe(2);
      expect(err()).toMatch(/The zip was refused: it is not a zip file/);
    });
  });

  it('exits 2 for a folder holding a symbolic link', async () => {
    await withTempDir(async (dir) => {
      await main(['export', '--dir', dir]);
      await symlink('/etc/hostname', join(dir, 'microservices_ecosystem', 'link'));
      expectUsageFailure(await main(['check', dir]), /is a symbolic link/);
    });
  });

  it('exits 2 for a folder with more entries than a zip may hold', { timeout: 120_000 }, async () => {
    await withTempDir(async (dir) => {
      await Promise.all(Array.from({ length: 10_001 }, (_, i) => writeFile(join(dir, `f${i}.txt`), '')));
      expectUsageFailure(await main(['check', dir]), /more than 10000 entries/);
    });
  });
});

describe('--steps with another document', () => {
  const small = doc(
    'Create a directory named "app"',
    'Create a file named "config.json" in app with content: {"v": 1}"',
    'Update config.json: add v: 2, name: "small"',
  );

  it('exports and checks the tree of that document', async () => {
    await withTempDir(async (dir) => {
      const steps = join(dir, 'small.txt');
      await writeFile(steps, small);
      const outDir = join(dir, 'out');
      expect(await main(['export', '--dir', outDir, '--steps', steps])).toBe(0);
      expect(await readTree(outDir)).toEqual(
        new Map([
          ['app', null],
          ['app/config.json', '{\n  "v": 2,\n  "name": "small"\n}'],
        ]),
      );
      expect(await main(['check', outDir, '--steps', steps])).toBe(0);
      expect(await main(['check', outDir, '--steps', steps, '--step', '2'])).toBe(1);
      expect(await main(['check', outDir])).toBe(1);
    });
  });

  it('exits 2 naming the step when the document has an error, but exports the steps before it', async () => {
    await withTempDir(async (dir) => {
      const steps = join(dir, 'broken.txt');
      await writeFile(steps, doc('Create a directory named "app"', 'Create a directory named "x" inside nowhere'));
      expectUsageFailure(await main(['export', '--dir', join(dir, 'a'), '--steps', steps]), /Line 2, step 2: /);
      expect(await main(['export', '--dir', join(dir, 'b'), '--steps', steps, '--step', '1'])).toBe(0);
      expect(await readTree(join(dir, 'b'))).toEqual(new Map([['app', null]]));
      expect(out()).toMatch(/Wrote 0 files and 1 folder into .*, the tree after step 1 of 2\./);
      error.mockClear();
      expectUsageFailure(await main(['export', '--dir', join(dir, 'c'), '--steps', steps, '--step', '2']), /step 2/);
    });
  });

  it('exits 2 naming the line when the document does not parse', async () => {
    await withTempDir(async (dir) => {
      const steps = join(dir, 'bad.txt');
      await writeFile(steps, 'Step 1: Create a directory named "a"\nStep 3: Create a directory named "b"');
      expectUsageFailure(await main(['check', dir, '--steps', steps]), /Line 2, step 3: /);
    });
  });

  it('exits 2 for an unreadable or invalid UTF-8 document', async () => {
    await withTempDir(async (dir) => {
      expectUsageFailure(
        await main(['export', '--zip', join(dir, 'z.zip'), '--steps', join(dir, 'nope.txt')]),
        /cannot read the step document/,
      );
      error.mockClear();
      await writeFile(join(dir, 'latin1.txt'), Buffer.from([0x53, 0x74, 0x65, 0x70, 0xe9, 0x0a]));
      expectUsageFailure(
        await main(['export', '--zip', join(dir, 'z.zip'), '--steps', join(dir, 'latin1.txt')]),
        /not valid UTF-8/,
      );
    });
  });
});

describe('stepwise export is all or nothing', () => {
  /** A document whose last step's path is longer than a Linux path may be (4,096 bytes): writing it fails half-way. */
  const tooDeep = doc(
    'Create a directory named "app"',
    'Create a file named "a.txt" in app with content: "first"',
    ...Array.from(
      { length: 17 },
      (_, i) =>
        `Create a directory named "${String(i).padStart(250, 'd')}" inside ${i === 0 ? 'app' : String(i - 1).padStart(250, 'd')}`,
    ),
    `Create a file named "deep.txt" in ${'16'.padStart(250, 'd')} with content: "x"`,
  );

  async function exportSteps(dir: string, source: string, ...args: string[]): Promise<number> {
    const steps = join(dir, 'steps.txt');
    await writeFile(steps, source);
    return main(['export', '--steps', steps, ...args]);
  }

  it('refuses a name of more than 255 bytes in UTF-8 with its line and step, before writing anything', async () => {
    await withTempDir(async (dir) => {
      const source = doc('Create a directory named "app"', `Create a directory named "${'é'.repeat(200)}" inside app`);
      expectUsageFailure(
        await exportSteps(dir, source, '--dir', join(dir, 'out')),
        /^stepwise export: Line 2, step 2: the name is 400 bytes long in UTF-8 \(at most 255\)$/,
      );
      expect(await readdir(dir)).toEqual(['steps.txt']);
    });
  });

  it('a write that fails half-way leaves nothing behind and names the path and the reason', async () => {
    await withTempDir(async (dir) => {
      const out = join(dir, 'new', 'out');
      expect(await exportSteps(dir, tooDeep, '--dir', out)).toBe(2);
      expect(err()).toMatch(
        /^stepwise export: cannot write app\/d+0\/.* into .*out: the path is too long for this file system \(ENAMETOOLONG\); nothing was written$/,
      );
      expect(err()).not.toMatch(/unexpected failure/);
      expect(await readdir(dir)).toEqual(['steps.txt']);

      await mkdir(join(dir, 'kept'));
      await writeFile(join(dir, 'kept', 'mine.txt'), 'mine');
      expect(await exportSteps(dir, tooDeep, '--dir', join(dir, 'kept'))).toBe(2);
      expect(await readdir(join(dir, 'kept'))).toEqual(['mine.txt']);
    });
  });

  it('with --force, the tree it replaces stays whole until the new one is complete, then is replaced as a whole', async () => {
    await withTempDir(async (dir) => {
      const out = join(dir, 'out');
      expect(await exportSteps(dir, tooDeep, '--dir', out, '--step', '2')).toBe(0);
      await writeFile(join(out, 'app', 'mine.txt'), 'mine');
      const before = await readTree(out);
      expect(await exportSteps(dir, tooDeep, '--dir', out, '--force')).toBe(2);
      expect(await readTree(out)).toEqual(before);
      expect(await readdir(out)).toEqual(['app']);
      expect(await exportSteps(dir, tooDeep, '--dir', out, '--step', '2', '--force')).toBe(0);
      expect(await readTree(out)).toEqual(
        new Map([
          ['app', null],
          ['app/a.txt', 'first'],
        ]),
      );
    });
  });

  it('a zip that cannot be written is named with the reason; an existing zip is replaced only by a complete one', async () => {
    await withTempDir(async (dir) => {
      await writeFile(join(dir, 'file'), 'a file, not a folder');
      expect(await main(['export', '--zip', join(dir, 'file', 'sub', 'tree.zip')])).toBe(2);
      expect(err()).toMatch(
        /^stepwise export: cannot write .*sub: part of the path is a file, not a folder \(ENOTDIR\); nothing was written$/,
      );
      const zip = join(dir, 'tree.zip');
      await writeFile(zip, 'old');
      expect(await main(['export', '--zip', zip, '--step', '6'])).toBe(0);
      expect(
        (await readFile(zip)).equals(
          Buffer.from(await buildZip(treeEntries(replay(parseDocument(builtinSource())), 6))),
        ),
      ).toBe(true);
      expect(await readdir(dir)).toEqual(['file', 'tree.zip']);
    });
  });
});

describe('stepwise check compares bytes, and numbers by value', () => {
  const MD = 'microservices_ecosystem/operational_runbook.md';

  it('exits 1 for a text file with a byte-order mark added, and says why', async () => {
    await withTempDir(async (dir) => {
      await main(['export', '--dir', dir]);
      const path = join(dir, MD);
      await writeFile(path, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), await readFile(path)]));
      log.mockClear();
      expect(await main(['check', dir])).toBe(1);
      expect(out()).toMatch(
        /^different\s+microservices_ecosystem\/operational_runbook\.md\n {4}\(theirs starts with a byte-order mark \(EF BB BF\) that the expected file does not have\)$/m,
      );
      expect(out()).toMatch(/79 identical, 0 equivalent, 1 different/);
    });
  });

  it('exits 0 for the export of a document whose content starts with U+FEFF, as a folder and as a zip', async () => {
    await withTempDir(async (dir) => {
      const steps = join(dir, 'bom.txt');
      await writeFile(
        steps,
        doc('Create a directory named "app"', 'Create a file named "a.txt" in app with content: "\\ufeffhello"'),
      );
      expect(await main(['export', '--dir', join(dir, 'out'), '--steps', steps])).toBe(0);
      expect([...(await readFile(join(dir, 'out', 'app', 'a.txt')))].slice(0, 3)).toEqual([0xef, 0xbb, 0xbf]);
      expect(await main(['check', join(dir, 'out'), '--steps', steps])).toBe(0);
      expect(await main(['export', '--zip', join(dir, 'out.zip'), '--steps', steps])).toBe(0);
      expect(await main(['check', join(dir, 'out.zip'), '--steps', steps])).toBe(0);
    });
  });

  it('keeps 1.0 through an update, and calls 8001.0000000000001 different from 8001', async () => {
    await withTempDir(async (dir) => {
      const steps = join(dir, 'numbers.txt');
      await writeFile(
        steps,
        doc(
          'Create a directory named "app"',
          'Create a file named "c.json" in app with content: {"port": 8001, "ratio": 1.0}',
          'Update c.json: add big: 12345678901234567890',
        ),
      );
      const folder = join(dir, 'out');
      expect(await main(['export', '--dir', folder, '--steps', steps])).toBe(0);
      const path = join(folder, 'app', 'c.json');
      expect(await readFile(path, 'utf8')).toBe(
        '{\n  "port": 8001,\n  "ratio": 1.0,\n  "big": 12345678901234567890\n}',
      );
      await writeFile(path, '{"ratio": 1, "big": 1234567890123456789e1, "port": 8001.0}');
      expect(await main(['check', folder, '--steps', steps])).toBe(0);
      await writeFile(path, '{"ratio": 1, "big": 12345678901234567890, "port": 8001.0000000000001}');
      log.mockClear();
      expect(await main(['check', folder, '--steps', steps])).toBe(1);
      expect(out()).toMatch(/^different\s+app\/c\.json$/m);
    });
  });
});

describe('warnings', () => {
  it('a line that looks like a mistyped step is printed to stderr as a warning; the rest goes on', async () => {
    await withTempDir(async (dir) => {
      const steps = join(dir, 'typo.txt');
      await writeFile(
        steps,
        ['Typo', 'Step 1: Create a directory named "app"', 'Step 2 Create a directory named "lost" inside app'].join(
          '\n',
        ),
      );
      expect(await main(['export', '--dir', join(dir, 'out'), '--steps', steps])).toBe(0);
      expect(err()).toBe(
        'stepwise export: warning: Line 3: "Step 2 Create a directory named "lost" inside app" looks like a step but is read as description; a step line starts with "Step <number>:"',
      );
      expect(await readTree(join(dir, 'out'))).toEqual(new Map([['app', null]]));
      error.mockClear();
      expect(await main(['check', join(dir, 'out'), '--steps', steps])).toBe(0);
      expect(err()).toMatch(/^stepwise check: warning: Line 3: /);
    });
  });
});

describe('a tree of more than 65,535 entries', () => {
  /**
   * 70,000 steps: 11,111 folders four levels below w/ (ten per folder), then 58,889 entries spread
   * over the 10,000 deepest folders: folders, and every hundredth a file (zipping folders costs no deflate).
   */
  function wideDocument(): string {
    const lines = ['Wide', 'Step 1: Create a directory named "w"'];
    const step = (body: string) => lines.push(`Step ${lines.length}: ${body}`);
    let level = ['w'];
    for (let depth = 1; depth <= 4; depth++) {
      const next: string[] = [];
      for (const parent of level)
        for (let i = 0; i < 10; i++) {
          const name = `${parent}_${i}`;
          step(`Create a directory named "${name}" inside ${parent}`);
          next.push(name);
        }
      level = next;
    }
    for (let i = 0; lines.length - 1 < 70_000; i++) {
      const parent = level[i % level.length];
      if (i % 100 === 0) step(`Create a file named "f${i}.txt" in ${parent} with content: "${i}"`);
      else step(`Create a directory named "e${i}" inside ${parent}`);
    }
    return lines.join('\n');
  }

  // Replaying 70,000 steps and zipping them takes a few seconds; a busy shared machine needs more.
  it('is exported as a ZIP64 zip that Python reads whole', { timeout: 120_000 }, async () => {
    await withTempDir(async (dir) => {
      const steps = join(dir, 'wide.txt');
      await writeFile(steps, wideDocument());
      const zip = join(dir, 'wide.zip');
      expect(await main(['export', '--zip', zip, '--steps', steps])).toBe(0);
      expect(out()).toMatch(/: 70000 entries, the tree after step 70000 of 70000\./);
      if (spawnSync('python3', ['--version']).status !== 0) return;
      const script = [
        'import sys, zipfile',
        'z = zipfile.ZipFile(sys.argv[1])',
        'assert z.testzip() is None',
        'print(len(z.infolist()), z.read("w/w_8/w_8_8/w_8_8_0/w_8_8_0_0/f58800.txt").decode())',
      ].join('\n');
      expect(execFileSync('python3', ['-c', script, zip], { encoding: 'utf8' })).toBe('70000 58800\n');
    });
  });
});

describe('usage', () => {
  it('--help prints the usage and exits 0', async () => {
    expect(await main(['--help'])).toBe(0);
    expect(out()).toMatch(/Usage:\n\s+stepwise export --dir OUT/);
    log.mockClear();
    expect(await main(['export', '--help'])).toBe(0);
    expect(out()).toMatch(/^Usage: stepwise export/);
    log.mockClear();
    expect(await main(['check', '-h'])).toBe(0);
    expect(out()).toMatch(/^Usage: stepwise check .*\n[\s\S]*Exit status: 0/);
    expect(error).not.toHaveBeenCalled();
  });

  it('no arguments prints the usage and exits 2', async () => {
    expect(await main([])).toBe(2);
    expect(out()).toMatch(/Usage:/);
  });

  it.each([
    [['frobnicate'], /unknown command "frobnicate"/],
    [['export'], /give exactly one of --dir OUT or --zip FILE/],
    [['export', '--dir', 'a', '--zip', 'b.zip'], /give exactly one of/],
    [['export', '--dir'], /--dir needs a value/],
    [['export', '--zip', 'x.zip', 'extra'], /unexpected argument "extra"/],
    [['export', '--dir', 'x', '--bogus'], /unknown option --bogus/],
    [['check'], /give one PATH/],
    [['check', 'a', 'b'], /give one PATH/],
    [['check', '.', '--step', '86'], /--step must be a whole number from 0 to 85, not "86"/],
    [['check', '.', '--step', '-1'], /--step must be a whole number from 0 to 85/],
    [['check', '.', '--step', 'two'], /--step must be a whole number/],
    [['check', '.', '--step', '1.5'], /--step must be a whole number/],
    [['export', '--zip', 'x.zip', '--step', '1000'], /--step must be a whole number from 0 to 85, not "1000"/],
  ])('%j exits 2 with a one-line message', async (argv, pattern) => {
    expectUsageFailure(await main(argv), pattern);
    expect(err()).toMatch(/Run "stepwise \S+ --help" for usage\./);
    expect(log).not.toHaveBeenCalled();
  });

  it('does not write anything when --step is out of range', async () => {
    await withTempDir(async (dir) => {
      const target = join(dir, 'out');
      expect(await main(['export', '--dir', target, '--step', '99'])).toBe(2);
      await expect(stat(target)).rejects.toThrow();
    });
  });
});

describe('bin/stepwise.mjs', () => {
  const bin = fileURLToPath(new URL('../bin/stepwise.mjs', import.meta.url));
  /** Runs `node <script> …args` in `cwd`: its exit status and what it printed. */
  const run = (script: string, args: string[], cwd: string) =>
    promisify(execFile)(process.execPath, [script, ...args], { cwd }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );

  it('runs the bundle with plain Node: argv in, exit status out', async () => {
    await withTempDir(async (dir) => {
      const exported = await run(bin, ['export', '--zip', 'tree.zip'], dir);
      expect(exported).toMatchObject({ code: 0, stderr: '' });
      expect(exported.stdout).toMatch(/^Wrote tree\.zip: 80 entries, the tree after step 85 of 85\.$/m);
      expect((await readFile(join(dir, 'tree.zip'))).equals(Buffer.from(await buildZip(expected)))).toBe(true);
      const checked = await run(bin, ['check', 'tree.zip', '--step', '84'], dir);
      expect(checked.code).toBe(1);
      expect(checked.stdout).toMatch(/compared with the tree after step 84 of 85: MISMATCH$/m);
      expect((await run(bin, ['export'], dir)).stderr).toMatch(/^stepwise export: give exactly one of/);
    });
  });

  it('says how to build the bundle when it is missing', async () => {
    await withTempDir(async (dir) => {
      await mkdir(join(dir, 'bin'));
      await copyFile(bin, join(dir, 'bin', 'stepwise.mjs'));
      const result = await run(join(dir, 'bin', 'stepwise.mjs'), ['export', '--zip', 'tree.zip'], dir);
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        `stepwise: ${join(dir, 'dist-cli', 'stepwise.mjs')} is missing; in a checkout of stepwise, run "npm run build" first.\n`,
      );
    });
  });
});
