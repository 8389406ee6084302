import { LIMITS } from './limits';

// eslint-disable-next-line no-control-regex -- the point is to find control characters
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;

/**
 * Why a file or directory name is unsafe, or null when it is fine.
 * Names are single path segments: separators, dot segments and control characters would let a
 * document escape its root or produce paths that differ between operating systems.
 */
export function nameProblem(name: string): string | null {
  if (name.length === 0) return 'the name is empty';
  if (name === '.' || name === '..') return `"${name}" is not allowed as a name`;
  if (name.includes('/') || name.includes('\\')) return `the name "${name}" contains a path separator`;
  if (CONTROL_CHARS.test(name)) return `the name ${JSON.stringify(name)} contains a control character`;
  if (name.length > LIMITS.nameLength)
    return `the name is ${name.length} characters long (at most ${LIMITS.nameLength})`;
  return null;
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
