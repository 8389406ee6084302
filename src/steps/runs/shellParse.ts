import { parse, type ParseEntry } from 'shell-quote';
import { RUN_LIMITS } from './limits';

/** `> f`, `>> f` or `< f`. */
export interface Redirect {
  readonly op: '>' | '>>' | '<';
  readonly target: string;
}

export interface SimpleCommand {
  readonly argv: readonly string[];
  readonly redirects: readonly Redirect[];
  /** The body of a here-document given to the command, if any. */
  readonly heredoc?: string;
}

/** Commands joined by `|`, run after `connector` looked at the status of what came before. */
export interface Pipeline {
  readonly connector: '&&' | '||' | ';';
  readonly commands: readonly SimpleCommand[];
}

export type ShellParse =
  { readonly ok: true; readonly pipelines: readonly Pipeline[] } | { readonly ok: false; readonly reason: string };

/**
 * Parses a shell command into pipelines of simple commands, or says why it is outside the subset
 * the replay interprets (docs/runs.md). shell-quote does the tokenizing (quotes, escapes,
 * operators); scanLines adds what it does not do: here-documents, and spotting expansions it would
 * silently resolve or lose (variables, command substitution, globs, braces, `~`, numbered streams).
 */
export function parseShell(command: string): ShellParse {
  if (command.length > RUN_LIMITS.commandChars)
    return { ok: false, reason: `the command is longer than ${RUN_LIMITS.commandChars} characters` };
  const scanned = scanLines(command);
  if (typeof scanned === 'string') return { ok: false, reason: scanned };
  const pipelines: Pipeline[] = [];
  for (const line of scanned) {
    const parsed = parseLine(line);
    if (typeof parsed === 'string') return { ok: false, reason: parsed };
    pipelines.push(...parsed);
  }
  return { ok: true, pipelines };
}

/** A line of shell input up to a newline outside quotes, with the here-documents it opens. */
interface LogicalLine {
  readonly text: string;
  readonly heredocs: readonly string[];
}

interface PendingHeredoc {
  readonly delimiter: string;
  readonly stripTabs: boolean;
  readonly expands: boolean;
}

const WORD_END = /[\s;&|<>()]/;
/** Redirections of stderr (or to another stream) that leave no file behind: dropped. */
const HARMLESS_STREAM =
  /^(?:\d*>>?&(?:\d+|-)|\d+>>?[ \t]*\/dev\/null(?=[\s;&|()<>]|$)|&>>?[ \t]*\/dev\/null(?=[\s;&|()<>]|$))/;
const NUMBERED_STREAM = /^(?:\d+(?:>>?|<)|&>)/;

/** Splits the command into logical lines, or returns why it is outside the subset. */
export function scanLines(command: string): LogicalLine[] | string {
  const lines: LogicalLine[] = [];
  let i = 0;
  while (i < command.length) {
    let text = '';
    let quote: "'" | '"' | null = null;
    let wordStart = true;
    const pending: PendingHeredoc[] = [];
    while (i < command.length) {
      const c = command[i];
      if (quote === "'") {
        text += c;
        if (c === "'") quote = null;
        i++;
        continue;
      }
      if (quote === '"') {
        if (c === '$' || c === '`') return 'a variable or command substitution inside double quotes';
        if (c === '\\') {
          text += command.slice(i, i + 2);
          i += 2;
          continue;
        }
        text += c;
        if (c === '"') quote = null;
        i++;
        continue;
      }
      if (c === '\n') {
        i++;
        break;
      }
      if (c === '\\') {
        // A backslash before a newline joins the lines; before anything else it quotes it.
        if (command[i + 1] !== '\n') text += command.slice(i, i + 2);
        i += 2;
        wordStart = false;
        continue;
      }
      if (wordStart && c === '#') {
        while (i < command.length && command[i] !== '\n') i++;
        continue;
      }
      const rest = command.slice(i, i + 64);
      const problem = unsupportedAt(c, rest, wordStart, command, i);
      if (problem) return problem;
      if (wordStart || c === '>' || c === '&') {
        const harmless = HARMLESS_STREAM.exec(rest);
        if (harmless) {
          i += harmless[0].length;
          continue;
        }
        if ((wordStart && NUMBERED_STREAM.test(rest)) || rest.startsWith('&>') || rest.startsWith('>&'))
          return 'a redirection of a numbered stream (2>, &>, >&) to a file';
      }
      if (c === '<' && command[i + 1] === '<') {
        const heredoc = readHeredocOperator(command, i);
        if (typeof heredoc === 'string') return heredoc;
        pending.push(heredoc.pending);
        text += command.slice(i, heredoc.end);
        i = heredoc.end;
        wordStart = false;
        continue;
      }
      if (c === "'" || c === '"') quote = c;
      // Inside a word "#" is a plain character to the shell, but shell-quote would start a comment.
      text += c === '#' ? '\\#' : c;
      wordStart = WORD_END.test(c);
      i++;
    }
    if (quote) return `an unterminated ${quote === "'" ? 'single' : 'double'} quote`;
    const heredocs: string[] = [];
    for (const doc of pending) {
      const body = readHeredocBody(command, i, doc);
      if (typeof body === 'string') return body;
      heredocs.push(body.text);
      i = body.end;
    }
    lines.push({ text, heredocs });
  }
  return lines;
}

/** Why the character at this point takes the command outside the subset, or null. */
function unsupportedAt(c: string, rest: string, wordStart: boolean, command: string, at: number): string | null {
  if (c === '$') return 'a variable or command substitution ($)';
  if (c === '`') return 'a command substitution (`…`)';
  if (c === '*' || c === '?' || c === '[') return 'a wildcard (*, ?, […])';
  if (wordStart && c === '~') return 'a home-folder path (~)';
  if (c === '{') {
    let end = at;
    while (end < command.length && !WORD_END.test(command[end])) end++;
    const word = command.slice(at, end);
    if (word.includes('}') && (word.includes(',') || word.includes('..'))) return 'a brace expansion ({a,b})';
  }
  if (rest.startsWith('<<<')) return 'a here-string (<<<)';
  if (rest.startsWith('<(') || rest.startsWith('>(')) return 'a process substitution';
  return null;
}

function readHeredocOperator(command: string, at: number): { pending: PendingHeredoc; end: number } | string {
  let j = at + 2;
  const stripTabs = command[j] === '-';
  if (stripTabs) j++;
  while (command[j] === ' ' || command[j] === '\t') j++;
  const start = j;
  while (j < command.length && !WORD_END.test(command[j])) j++;
  const raw = command.slice(start, j);
  const delimiter = raw.replace(/['"\\]/g, '');
  if (delimiter === '') return 'a here-document without a delimiter word';
  // A quoted delimiter keeps the body literal; a bare one lets the shell expand $, ` and \ in it.
  return { pending: { delimiter, stripTabs, expands: !/['"\\]/.test(raw) }, end: j };
}

function readHeredocBody(command: string, at: number, doc: PendingHeredoc): { text: string; end: number } | string {
  const lines: string[] = [];
  let i = at;
  while (i < command.length) {
    const newline = command.indexOf('\n', i);
    const end = newline < 0 ? command.length : newline;
    let line = command.slice(i, end);
    if (doc.stripTabs) line = line.replace(/^\t+/, '');
    i = newline < 0 ? command.length : newline + 1;
    if (line === doc.delimiter) {
      const text = lines.length === 0 ? '' : `${lines.join('\n')}\n`;
      if (doc.expands && /[$`\\]/.test(text))
        return `a here-document with $, \` or \\ in it and an unquoted delimiter (the shell would expand them)`;
      return { text, end: i };
    }
    lines.push(line);
  }
  return `a here-document without its closing "${doc.delimiter}" line`;
}

/** Tokens of one logical line (shell-quote) turned into pipelines; lines follow each other as with ";". */
function parseLine(line: LogicalLine): Pipeline[] | string {
  let tokens: ParseEntry[];
  try {
    // scanLines has refused every "$" outside single quotes, so no variable is left to expand.
    tokens = parse(line.text);
  } catch (e) {
    return `the command does not parse (${(e as Error).message})`;
  }
  const heredocs = [...line.heredocs];
  const pipelines: Pipeline[] = [];
  let connector: Pipeline['connector'] = ';';
  let commands: SimpleCommand[] = [];
  let argv: string[] = [];
  let redirects: Redirect[] = [];
  let heredoc: string | undefined;
  const endCommand = (): string | null => {
    if (argv.length === 0 && redirects.length === 0 && heredoc === undefined) return 'an empty command';
    commands.push({ argv, redirects, ...(heredoc !== undefined && { heredoc }) });
    argv = [];
    redirects = [];
    heredoc = undefined;
    return null;
  };
  for (let k = 0; k < tokens.length; k++) {
    const token = tokens[k];
    if (typeof token === 'string') {
      argv.push(token);
      continue;
    }
    if ('comment' in token) continue;
    const op = String(token.op);
    if (op === '&&' || op === '||' || op === ';' || op === '|') {
      const empty = endCommand();
      if (empty) return `${empty} before "${op}"`;
      if (op === '|') continue;
      pipelines.push({ connector, commands });
      commands = [];
      connector = op;
      continue;
    }
    const next = tokens[k + 1];
    if (op === '>' || op === '>>' || op === '<') {
      if (typeof next !== 'string') return `"${op}" without a file name`;
      redirects.push({ op, target: next });
      k++;
      continue;
    }
    if (op === '<<' || op === '<<-') {
      if (typeof next !== 'string' || heredoc !== undefined) return 'more than one here-document for one command';
      heredoc = heredocs.shift();
      k++;
      continue;
    }
    if (op === 'glob') return 'a wildcard (*, ?, […])';
    return `the shell operator "${op}"`;
  }
  if (argv.length > 0 || redirects.length > 0 || heredoc !== undefined) {
    endCommand();
    pipelines.push({ connector, commands });
  } else if (commands.length > 0 || connector !== ';') return 'the command ends with an operator (&&, || or |)';
  return pipelines;
}
