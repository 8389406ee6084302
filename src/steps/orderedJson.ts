import { scanString } from './jsonScan';

/**
 * JavaScript objects list integer-like keys ("2", "10") before all others, whatever order they were
 * written in, so JSON.parse + JSON.stringify would move them. Updates must keep every key where it
 * stands; so while a JSON file is being updated, every object key carries this prefix, which makes
 * no key integer-like and leaves insertion order intact.
 */
const KEY_PREFIX = '\u0000';
const ESCAPED_PREFIX = '\\u0000';

/** An object parsed by parseOrdered: its keys all start with KEY_PREFIX. */
export type OrderedObject = Record<string, unknown>;

/** JSON.parse, but every object key keeps its written position (see KEY_PREFIX). Throws SyntaxError. */
export function parseOrdered(text: string): unknown {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '"') continue;
    const end = scanString(text, i);
    let next = end;
    while (next < text.length && ' \t\r\n'.includes(text[next])) next++;
    if (text[next] === ':') {
      out += text.slice(from, i + 1) + ESCAPED_PREFIX;
      from = i + 1;
    }
    i = end - 1;
  }
  return JSON.parse(out + text.slice(from)) as unknown;
}

/** The key as stored in an ordered object. */
export function orderedKey(key: string): string {
  return KEY_PREFIX + key;
}

/** Sets a key in place if it exists, else appends it; "__proto__" stays plain data. */
export function setOrdered(target: OrderedObject, key: string, value: unknown): void {
  Object.defineProperty(target, orderedKey(key), { value, enumerable: true, writable: true, configurable: true });
}

/** Exactly JSON.stringify(value, null, 2) of the plain value, with every key in its stored order. */
export function stringifyOrdered(value: unknown, depth = 0): string {
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

/** The plain value (keys without prefix), for display and comparison. */
export function plainValue(value: unknown): unknown {
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
