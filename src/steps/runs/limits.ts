import { LIMITS } from '../limits';

/**
 * Limits on untrusted runs, taken from the document limits so that a run can never cost more
 * than the largest document: its text, its operations, the tree it builds and the content it writes.
 */
export const RUN_LIMITS = {
  /** Characters in a run's text (a JSON Lines file, a trajectory, one sample of an eval log). */
  chars: LIMITS.documentChars,
  operations: LIMITS.steps,
  /** Folders and files alive at once in the replayed tree. */
  entries: LIMITS.steps,
  /** Characters written by all operations together (an edit rewrites its whole file). */
  writtenChars: LIMITS.snapshotChars,
  /** One level more than a document allows: agents often work inside a folder of their own. */
  pathDepth: LIMITS.pathDepth + 1,
  jsonDepth: LIMITS.jsonDepth,
  /** A shell command longer than this (heredocs included) is not interpreted. */
  commandChars: 4 * 1024 * 1024,
} as const;
