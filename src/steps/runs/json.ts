import { StepwiseError } from '../errors';
import { nestingDepth } from '../jsonScan';
import { RUN_LIMITS } from './limits';

/** A parsed JSON object from a log: every field is unknown until checked. */
export type Json = Readonly<Record<string, unknown>>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The field when it is a string, else undefined. */
export function str(object: Json | undefined, key: string): string | undefined {
  const value = object?.[key];
  return typeof value === 'string' ? value : undefined;
}

/** The field when it is an object, else undefined. */
export function obj(object: Json | undefined, key: string): Json | undefined {
  const value = object?.[key];
  return isObject(value) ? value : undefined;
}

/** The field when it is an array, else an empty one. */
export function arr(object: Json | undefined, key: string): readonly unknown[] {
  const value = object?.[key];
  return Array.isArray(value) ? value : [];
}

/**
 * Parses untrusted JSON, refusing nesting deeper than RUN_LIMITS.jsonDepth first: the readers walk
 * what they parse, and a hostile log must not be able to exhaust the stack. Throws a plain Error
 * with the reason; callers add where it happened.
 */
export function parseLimited(text: string): unknown {
  if (mayNestTooDeep(text) && nestingDepth(text, RUN_LIMITS.jsonDepth) > RUN_LIMITS.jsonDepth)
    throw new Error(`it nests JSON more than ${RUN_LIMITS.jsonDepth} levels deep`);
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new Error(`it is not valid JSON (${(e as Error).message})`, { cause: e });
  }
}

/**
 * False when the text cannot nest deeper than the limit: too short, or too few brackets. Counting
 * with indexOf is several times faster than nestingDepth's walk, and most log lines pass here.
 */
function mayNestTooDeep(text: string): boolean {
  if (text.length <= 2 * RUN_LIMITS.jsonDepth) return false;
  let brackets = 0;
  for (const bracket of ['[', '{'])
    for (let at = text.indexOf(bracket); at >= 0; at = text.indexOf(bracket, at + 1))
      if (++brackets > RUN_LIMITS.jsonDepth) return true;
  return false;
}

/** One line of a JSON Lines file, parsed, with its 1-based line number. */
export interface JsonLine {
  readonly line: number;
  readonly value: unknown;
}

/**
 * The lines of a JSON Lines text. Blank lines are skipped; a line that does not parse is passed to
 * `onBadLine` (which may throw to refuse the whole run, or note it and go on).
 */
export function jsonLines(text: string, onBadLine: (line: number, reason: string) => void): JsonLine[] {
  const out: JsonLine[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].trim();
    if (raw === '') continue;
    try {
      out.push({ line: i + 1, value: parseLimited(raw) });
    } catch (e) {
      onBadLine(i + 1, (e as Error).message);
    }
  }
  return out;
}

/** The whole text as one JSON value, or a StepwiseError naming the run. */
export function parseWhole(text: string, what: string): unknown {
  try {
    return parseLimited(text);
  } catch (e) {
    throw new StepwiseError(`${what} was refused: ${(e as Error).message}`);
  }
}
