/**
 * Paths of a run. The replay works in absolute POSIX paths ("/home/u/task/a/b"), resolved
 * lexically ("." and ".." folded, as a shell without symbolic links would), and keeps what lies
 * under the run's root as paths relative to it ("a/b"; "" is the root itself).
 */

/** `path` resolved against the absolute folder `base`; ".." never climbs above "/". */
export function resolvePath(base: string, path: string): string {
  const segments: string[] = [];
  for (const segment of `${path.startsWith('/') ? '' : base}/${path}`.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  return `/${segments.join('/')}`;
}

/** `absolute` relative to the absolute folder `root`: "" for the root, null when outside it. */
export function relativeTo(root: string, absolute: string): string | null {
  if (root === '/') return absolute.slice(1);
  if (absolute === root) return '';
  return absolute.startsWith(`${root}/`) ? absolute.slice(root.length + 1) : null;
}

/**
 * The folder in front of the document's top-level folder in the first absolute path that holds
 * one ("/home/u/task" for "/home/u/task/microservices_ecosystem/services"), or null.
 */
export function inferRoot(paths: Iterable<string>, topNames: ReadonlySet<string>): string | null {
  for (const path of paths) {
    if (!path.startsWith('/')) continue;
    const segments = resolvePath('/', path).split('/').slice(1);
    const at = segments.findIndex((segment) => topNames.has(segment));
    if (at >= 0) return `/${segments.slice(0, at).join('/')}`;
  }
  return null;
}

/** Absolute paths written in a shell command: words that start with "/", for inferRoot. */
export function absolutePathsIn(command: string): string[] {
  return command.match(/(?<=^|[\s'"=])\/[^\s'";&|<>()`]+/g) ?? [];
}
