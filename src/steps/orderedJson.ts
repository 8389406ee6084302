import { scanString } from './jsonScan';

/*
 * JSON read for an update, so that rewriting a file changes only what the update says.
 *
 * Key order: JavaScript objects list integer-like keys ("2", "10") before all others, whatever
 * order they were written in, so JSON.parse + JSON.stringify would move them. Every object key
 * carries KEY_PREFIX, which makes no key integer-like and leaves insertion order intact.
 *
 * Numbers: a double cannot hold `1.0`, `12345678901234567890`, `1e400` or `-0` as written. Every
 * number is kept as its source text, in a string that starts with NUMBER_MARK; so that no string
 * of the file can pass for a number, every string value starts with STRING_MARK.
 *
 * Both are done by rewriting the text in one scan and handing it to the native JSON.parse. That
 * measured 1.2–3× faster than lossless-json's parser, which would need the same key rewrite
 * (`npx tsx bench/json-read.ts`), and adds nothing to the page's first chunk.
 */
const KEY_PREFIX = '\u0000';
const STRING_MARK = '\u0000';
const NUMBER_MARK = '\u0001';
/** Both marks are written into the rewritten text as this escape (a raw U+0000 is not valid JSON). */
const ESCAPED = { [STRING_MARK]: '\\u0000', [NUMBER_MARK]: '\\u0001' } as const;
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** A key written twice in one object: JSON.parse keeps the last value, a rewrite would lose the first. */
export class DuplicateKeyError extends SyntaxError {}

/** An object parsed by parseOrdered: its keys all start with KEY_PREFIX. */
export type OrderedObject = Record<string, unknown>;

/**
 * JSON.parse, except that every object key keeps its written position, every number its source
 * text and every string is marked (see above). Throws SyntaxError on invalid JSON, and
 * DuplicateKeyError on a key written twice in one object.
 */
export function parseOrdered(text: string): unknown {
  let out = '';
  let from = 0;
  let keys = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      const end = scanString(text, i);
      let next = end;
      while (next < text.length && isBlank(text.charCodeAt(next))) next++;
      if (text[next] === ':') keys++;
      out += text.slice(from, i + 1) + ESCAPED[STRING_MARK];
      from = i + 1;
      i = end - 1;
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      let end = i + 1;
      while (end < text.length && isNumberChar(text.charCodeAt(end))) end++;
      const number = text.slice(i, end);
      if (!NUMBER.test(number)) throw new SyntaxError(`"${number.slice(0, 40)}" is not a JSON number`);
      out += `${text.slice(from, i)}"${ESCAPED[NUMBER_MARK]}${number}"`;
      from = end;
      i = end - 1;
    }
  }
  const value = JSON.parse(out + text.slice(from)) as unknown;
  if (countKeys(value) !== keys) throw new DuplicateKeyError('an object has the same key twice');
  return value;
}

function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/** Digits, ".", "e", "E", "+", "-": everything a number token can hold, so that the whole token is checked. */
function isNumberChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x65 || c === 0x45 || c === 0x2b || c === 0x2d;
}

function countKeys(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  let count = 0;
  if (Array.isArray(value)) for (const item of value) count += countKeys(item);
  else
    for (const key in value) {
      count += 1 + countKeys((value as OrderedObject)[key]);
    }
  return count;
}

/** The key as stored in an ordered object. */
export function orderedKey(key: string): string {
  return KEY_PREFIX + key;
}

/** A string as stored in an ordered value. */
export function orderedString(text: string): string {
  return STRING_MARK + text;
}

/** A number, given its source text, as stored in an ordered value. */
export function orderedNumber(text: string): string {
  return NUMBER_MARK + text;
}

/** The source text of a number in an ordered value, or null when the value is not a number. */
export function numberText(value: unknown): string | null {
  return typeof value === 'string' && value[0] === NUMBER_MARK ? value.slice(1) : null;
}

/** Sets a key in place if it exists, else appends it; "__proto__" stays plain data. */
export function setOrdered(target: OrderedObject, key: string, value: unknown): void {
  Object.defineProperty(target, orderedKey(key), { value, enumerable: true, writable: true, configurable: true });
}

/**
 * JSON.stringify(value, null, 2) of the plain value, with every key in its stored order and
 * every number as it was written.
 */
export function stringifyOrdered(value: unknown, depth = 0): string {
  if (typeof value === 'string') return value[0] === NUMBER_MARK ? value.slice(1) : JSON.stringify(value.slice(1));
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  const inner = '  '.repeat(depth + 1);
  const outer = '  '.repeat(depth);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((item) => inner + stringifyOrdered(item, depth + 1)).join(',\n')}\n${outer}]`;
  }
  const keys = Object.keys(value);
  if (keys.length === 0) return '{}';
  const members = keys.map(
    (key) =>
      `${inner}${JSON.stringify(key.slice(KEY_PREFIX.length))}: ${stringifyOrdered((value as OrderedObject)[key], depth + 1)}`,
  );
  return `{\n${members.join(',\n')}\n${outer}}`;
}

/** The plain value (keys and strings without marks, numbers as the nearest double), for display. */
export function plainValue(value: unknown): unknown {
  if (typeof value === 'string') return value[0] === NUMBER_MARK ? Number(value.slice(1)) : value.slice(1);
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(plainValue);
  const plain: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    Object.defineProperty(plain, key.slice(KEY_PREFIX.length), {
      value: plainValue(item),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return plain;
}
