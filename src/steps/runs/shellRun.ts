import { baseName } from '../names';
import { relativeTo, resolvePath } from './paths';
import type { Pipeline, Redirect, SimpleCommand } from './shellParse';
import { FsError, type Workspace } from './workspace';

/** The command is outside the interpreted subset: the operation is not replayed. */
export class NotReplayedError extends Error {}

/** The command reads or writes a path outside the run's root: the operation is not applied. */
export class OutsideError extends Error {
  constructor(readonly path: string) {
    super(`${path} is outside the run's folder`);
  }
}

/** Where a shell call runs: the tree it changes, the run's root and its working folder (absolute). */
export interface ShellState {
  readonly ws: Workspace;
  readonly root: string;
  cwd: string;
  /** Why commands failed (the shell went on, or stopped an && chain). */
  readonly failures: string[];
}

type Runner = (state: ShellState) => boolean;

/** Commands that only look: they change nothing (without a redirection to a file). */
const READ_ONLY = new Set([
  'ls',
  'cat',
  'pwd',
  'find',
  'tree',
  'head',
  'tail',
  'grep',
  'wc',
  'stat',
  'echo',
  'printf',
  'true',
  'set',
]);
/** find's actions that write, delete or run something. */
const FIND_ACTIONS = /^-(?:exec|execdir|ok|okdir|delete|fprint|fprint0|fprintf|fls)$/;

/**
 * Runs the parsed pipelines on the workspace with bash's rules for `&&`, `||` and `;`. Every
 * command is checked against the subset before any is run, so a command outside it leaves the
 * whole operation unreplayed (NotReplayedError); a path outside the root throws OutsideError.
 * A command that fails (mkdir of an existing folder…) is noted in `failures`, as the shell would.
 */
export function runShell(pipelines: readonly Pipeline[], state: ShellState): void {
  const compiled = pipelines.map((pipeline) => ({ connector: pipeline.connector, run: compilePipeline(pipeline) }));
  let ok = true;
  for (const { connector, run } of compiled) {
    if ((connector === '&&' && !ok) || (connector === '||' && ok)) continue;
    ok = run(state);
  }
}

function compilePipeline(pipeline: Pipeline): Runner {
  if (pipeline.commands.length === 1) return compile(pipeline.commands[0]);
  // Only a pipeline of commands that only look is harmless: what it prints goes nowhere.
  for (const command of pipeline.commands)
    if (!READ_ONLY.has(command.argv[0] ?? '') || command.redirects.some((r) => r.op !== '<'))
      throw new NotReplayedError('a pipe into a command or a file that changes something');
  return () => true;
}

function compile(command: SimpleCommand): Runner {
  const [name = '', ...args] = command.argv;
  if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(name)) throw new NotReplayedError('a variable assignment');
  const output = outputRedirect(command.redirects);
  const input = command.redirects.find((r) => r.op === '<');
  switch (name) {
    case 'cd':
      if (args.length !== 1 || args[0] === '-') throw new NotReplayedError('cd without exactly one folder');
      return (state) => changeDirectory(state, args[0]);
    case 'mkdir': {
      const { flags, operands } = options('mkdir', args, 'pv', { parents: 'p', verbose: 'v' });
      needsOperands('mkdir', operands);
      return each(operands, (state, path) => state.ws.mkdir(inside(state, path), flags.has('p')));
    }
    case 'touch': {
      const { operands } = options('touch', args, '', {});
      needsOperands('touch', operands);
      return each(operands, (state, path) => {
        const rel = inside(state, path);
        if (state.ws.kind(rel) === undefined) state.ws.write(rel, '');
      });
    }
    case 'echo':
      return writer(output, () => echo(args));
    case 'printf':
      if (args.length === 0) throw new NotReplayedError('printf without a format');
      return writer(output, () => printf(args[0], args.slice(1)));
    case 'cat': {
      const { operands } = options('cat', args, '', {});
      if (operands.length === 0 && command.heredoc === undefined && input === undefined && output)
        throw new NotReplayedError('cat reading from the terminal');
      if (!output) return () => true;
      return writer(output, (state) =>
        operands.length > 0
          ? operands.map((path) => state.ws.read(inside(state, path))).join('')
          : (command.heredoc ?? state.ws.read(inside(state, input!.target))),
      );
    }
    case 'cp': {
      const { flags, operands } = options('cp', args, 'rRafpv', { recursive: 'r' });
      const recursive = flags.has('r') || flags.has('R') || flags.has('a');
      return transfer('cp', operands, (state, from, to) => state.ws.copy(from, to, recursive));
    }
    case 'mv': {
      const { operands } = options('mv', args, 'fv', { force: 'f' });
      return transfer('mv', operands, (state, from, to) => state.ws.move(from, to, true));
    }
    case 'rm': {
      const { flags, operands } = options('rm', args, 'rRfv', { recursive: 'r', force: 'f' });
      needsOperands('rm', operands);
      const recursive = flags.has('r') || flags.has('R');
      return each(operands, (state, path) => {
        const rel = inside(state, path);
        if (state.ws.kind(rel) === undefined && flags.has('f')) return;
        state.ws.remove(rel, recursive);
      });
    }
  }
  if (!READ_ONLY.has(name))
    throw new NotReplayedError(`${name || 'an empty command'} is not a command the replay interprets`);
  if (name === 'find' && args.some((arg) => FIND_ACTIONS.test(arg)))
    throw new NotReplayedError('find with an action that changes files or runs commands');
  if (name === 'set' && !args.every((arg) => /^[-+][euxo]+$/.test(arg) || arg === 'pipefail'))
    throw new NotReplayedError('set with options other than -e, -u, -x, -o pipefail');
  if (output) throw new NotReplayedError(`${name}'s output written to a file`);
  return () => true;
}

/** The one redirection of the command's output to a file, if any; /dev/null discards it. */
function outputRedirect(redirects: readonly Redirect[]): Redirect | null {
  const outputs = redirects.filter((r) => r.op !== '<');
  if (outputs.length > 1) throw new NotReplayedError('more than one output redirection');
  const output = outputs[0];
  return output === undefined || output.target === '/dev/null' ? null : output;
}

/** A command whose output goes to `output` (a file) or nowhere; `produce` may fail like the command. */
function writer(output: Redirect | null, produce: (state: ShellState) => string): Runner {
  if (!output) return () => true;
  return attempt((state) => {
    const content = produce(state);
    state.ws.write(inside(state, output.target), content, { append: output.op === '>>' });
  });
}

function changeDirectory(state: ShellState, path: string): boolean {
  const target = resolvePath(state.cwd, path);
  const rel = relativeTo(state.root, target);
  // Outside the root nothing is known, so the folder is taken to exist.
  if (rel !== null && state.ws.kind(rel) !== 'directory') {
    state.failures.push(`cd: ${path}: no such directory`);
    return false;
  }
  state.cwd = target;
  return true;
}

/** cp and mv: SOURCE… DEST, into DEST when it is a folder (which it must be for several sources). */
function transfer(
  name: string,
  operands: readonly string[],
  apply: (state: ShellState, from: string, to: string) => void,
): Runner {
  if (operands.length < 2) throw new NotReplayedError(`${name} without a source and a destination`);
  const sources = operands.slice(0, -1);
  const destination = operands[operands.length - 1];
  return each(sources, (state, source) => {
    const from = inside(state, source);
    const to = inside(state, destination);
    const intoFolder = state.ws.kind(to) === 'directory';
    if (!intoFolder && sources.length > 1) throw new FsError(`${destination}: not a directory`);
    apply(state, from, intoFolder ? (to === '' ? baseName(from) : `${to}/${baseName(from)}`) : to);
  });
}

/** Runs `body` for each operand; like the real commands, a failing one is noted and the rest go on. */
function each(operands: readonly string[], body: (state: ShellState, operand: string) => void): Runner {
  return (state) => operands.map((operand) => attempt((s) => body(s, operand))(state)).every(Boolean);
}

function attempt(body: (state: ShellState) => void): Runner {
  return (state) => {
    try {
      body(state);
      return true;
    } catch (e) {
      if (!(e instanceof FsError)) throw e;
      state.failures.push(e.message);
      return false;
    }
  };
}

/** The path relative to the root, or OutsideError. */
function inside(state: ShellState, path: string): string {
  const absolute = resolvePath(state.cwd, path);
  const rel = relativeTo(state.root, absolute);
  if (rel === null) throw new OutsideError(absolute);
  return rel;
}

function needsOperands(name: string, operands: readonly string[]): void {
  if (operands.length === 0) throw new NotReplayedError(`${name} without a path`);
}

/**
 * Leading options of a command, each letter of `short` allowed, long ones mapped through `long`;
 * anything else is outside the subset. "--" ends the options.
 */
function options(
  name: string,
  args: readonly string[],
  short: string,
  long: Readonly<Record<string, string>>,
): { flags: Set<string>; operands: string[] } {
  const flags = new Set<string>();
  let k = 0;
  for (; k < args.length; k++) {
    const arg = args[k];
    if (arg === '--') {
      k++;
      break;
    }
    if (!arg.startsWith('-') || arg === '-') break;
    if (arg.startsWith('--')) {
      const letter = long[arg.slice(2)];
      if (letter === undefined) throw new NotReplayedError(`${name} ${arg}`);
      flags.add(letter);
      continue;
    }
    for (const letter of arg.slice(1)) {
      if (!short.includes(letter)) throw new NotReplayedError(`${name} -${letter}`);
      flags.add(letter);
    }
  }
  return { flags, operands: args.slice(k) };
}

/** bash's builtin echo: -n drops the newline; -e (escapes) is outside the subset when it would matter. */
function echo(args: readonly string[]): string {
  let k = 0;
  let newline = true;
  for (; k < args.length && /^-[neE]+$/.test(args[k]); k++) {
    if (args[k].includes('n')) newline = false;
    if (args[k].includes('e') && args.slice(k + 1).some((a) => a.includes('\\')))
      throw new NotReplayedError('echo -e with backslash escapes');
  }
  return args.slice(k).join(' ') + (newline ? '\n' : '');
}

const PRINTF_ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '\\': '\\',
  '"': '"',
  "'": "'",
  a: '\x07',
};

/** printf with %s, %d and %% and the common backslash escapes; the format repeats while arguments remain. */
function printf(format: string, args: readonly string[]): string {
  let out = '';
  let next = 0;
  do {
    const before = next;
    for (let i = 0; i < format.length; i++) {
      const c = format[i];
      if (c === '\\') {
        const escaped = PRINTF_ESCAPES[format[i + 1]];
        if (escaped === undefined) throw new NotReplayedError(`printf escape \\${format[i + 1] ?? ''}`);
        out += escaped;
        i++;
      } else if (c === '%') {
        const spec = format[++i];
        if (spec === '%') out += '%';
        else if (spec === 's') out += args[next++] ?? '';
        else if (spec === 'd' || spec === 'i') {
          const arg = args[next++] ?? '0';
          // A leading 0 makes bash read the number as octal: left to the shell.
          if (!/^-?(?:0|[1-9]\d*)$/.test(arg)) throw new NotReplayedError(`printf %${spec} of "${arg}"`);
          out += arg;
        } else throw new NotReplayedError(`printf %${spec ?? ''}`);
      } else out += c;
    }
    if (next === before) break;
  } while (next < args.length);
  return out;
}
