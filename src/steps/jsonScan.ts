/**
 * Finds where a JSON value written inline ends, without parsing what follows it.
 * Documents write JSON in the middle of a line ("add k: "v", k2: 3") or follow it with a stray
 * quote, so JSON.parse on the rest of the line is not enough: we first need the value's extent.
 */

import { LIMITS } from './limits';

const LITERAL = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;

/** Thrown with a plain reason; callers add the line and step. */
export class JsonScanError extends Error {}

/** Index just past the string literal that opens at `start` (text[start] must be `"`). */
export function scanString(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '"') return i + 1;
  }
  throw new JsonScanError('the string content is not terminated (no closing ")');
}

/** Index just past the JSON value that opens at `start`. Does not check that the value is valid JSON. */
export function scanValue(text: string, start: number): number {
  const first = text[start];
  if (first === '"') return scanString(text, start);
  if (first === '{' || first === '[') return scanContainer(text, start);
  LITERAL.lastIndex = start;
  const literal = LITERAL.exec(text);
  if (literal) return start + literal[0].length;
  throw new JsonScanError(
    first === undefined ? 'a value is missing' : `a JSON value cannot start with ${JSON.stringify(first)}`,
  );
}

function scanContainer(text: string, start: number): number {
  const closers: string[] = [];
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      i = scanString(text, i) - 1;
    } else if (c === '{' || c === '[') {
      closers.push(c === '{' ? '}' : ']');
      if (closers.length > LIMITS.jsonDepth) throw new JsonScanError(tooDeep());
    } else if (c === '}' || c === ']') {
      const expected = closers.pop();
      if (c !== expected)
        throw new JsonScanError(`unbalanced JSON: found ${c} at column ${i + 1} where ${expected} was expected`);
      if (closers.length === 0) return i + 1;
    }
  }
  throw new JsonScanError(`the JSON value is not closed (missing ${closers.reverse().join('')})`);
}

function tooDeep(): string {
  return `the JSON value is nested more than ${LIMITS.jsonDepth} levels deep`;
}

/**
 * The deepest nesting of `[` and `{` in a JSON text, ignoring string contents; stops counting
 * once past `limit`. Iterative, so it is safe on any input, and O(length).
 */
export function nestingDepth(text: string, limit: number = LIMITS.jsonDepth): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > deepest) deepest = depth;
      if (deepest > limit) return deepest;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

/** True when the text nests `[`/`{` deeper than the limit (see LIMITS.jsonDepth). */
export function tooDeeplyNested(text: string): boolean {
  return nestingDepth(text) > LIMITS.jsonDepth;
}

/** Parses a JSON value, turning SyntaxError into a JsonScanError with a short reason. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new JsonScanError(`invalid JSON (${(e as Error).message})`);
  }
}

/** The plain JSON object `text` holds; undefined when there is no text, it is not JSON or not an object. */
export function parseJsonObject(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return isJsonObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** True for a plain JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
