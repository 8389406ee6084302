import { LIMITS } from './limits';

// eslint-disable-next-line no-control-regex -- the point is to find control characters (C0, DEL, C1)
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/;
/** Bidirectional overrides and isolates: they make a name display differently from what it is. */
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/;
/** A UTF-16 surrogate without its partner: no file system or zip can store it. */
const LONE_SURROGATE = /\p{Cs}/u;
// eslint-disable-next-line no-control-regex -- these are the characters to make visible in messages
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|\p{Cs}/gu;

/**
 * Why a file or directory name is unsafe, or null when it is fine.
 * Names are single path segments: separators, dot segments and control characters would let a
 * document escape its root or produce paths that differ between operating systems.
 */
export function nameProblem(name: string): string | null {
  if (name.length === 0) return 'the name is empty';
  if (name === '.' || name === '..') return `"${name}" is not allowed as a name`;
  if (name.includes('/') || name.includes('\\')) return `the name "${displayName(name)}" contains a path separator`;
  if (CONTROL_CHARS.test(name)) return `the name "${displayName(name)}" contains a control character`;
  if (BIDI_CONTROLS.test(name)) return `the name "${displayName(name)}" contains a bidirectional control character`;
  if (LONE_SURROGATE.test(name)) return `the name "${displayName(name)}" contains an unpaired surrogate`;
  const bytes = utf8Length(name);
  if (bytes > LIMITS.nameBytes) return `the name is ${bytes} bytes long in UTF-8 (at most ${LIMITS.nameBytes})`;
  return null;
}

/** The length of a string in UTF-8 bytes, without encoding it (a surrogate pair is one 4-byte character). */
export function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // Each UTF-16 unit already counts 1: U+0080–U+07FF add 1, U+0800–U+FFFF add 2, and a
    // surrogate pair (2 units, 4 bytes) adds 1 per unit.
    if (code >= 0x800 && (code < 0xd800 || code > 0xdfff)) bytes += 2;
    else if (code >= 0x80) bytes += 1;
  }
  return bytes;
}

/**
 * A name made safe to show in a message: cut to a readable length (a 10,000-character name must not
 * flood an error) and with invisible or reordering characters written as \uXXXX escapes.
 */
export function displayName(name: string): string {
  const short = name.length > 100 ? `${name.slice(0, 97)}…` : name;
  return short.replace(INVISIBLE, escapeChar);
}

/**
 * Text shown in full with its invisible or reordering characters written as \uXXXX escapes; tabs
 * and line breaks stay, for file contents and commands shown as they are.
 */
export function showInvisible(text: string): string {
  return text.replace(INVISIBLE, (c) => (c === '\t' || c === '\n' ? c : escapeChar(c)));
}

function escapeChar(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * The form under which Windows and macOS file systems consider two names the same: case-insensitive
 * and Unicode-normalised. Two siblings with the same folded name would overwrite each other there.
 */
export function foldName(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

/** Joins path segments with "/"; the root is the empty path. */
export function joinPath(parent: string, name: string): string {
  return parent === '' ? name : `${parent}/${name}`;
}

/** The last segment of a path. */
export function baseName(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? path : path.slice(slash + 1);
}

/** The path without its last segment; "" for a top-level entry. */
export function parentPath(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}
