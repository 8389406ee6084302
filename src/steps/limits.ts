/**
 * Hard limits on untrusted documents. They keep the page responsive and memory bounded;
 * the README lists them and the parser enforces them with a StepwiseError.
 */
export const LIMITS = {
  /** Characters in a whole step document (about 50 MB of ASCII). */
  documentChars: 50 * 1024 * 1024,
  steps: 100_000,
  nameLength: 255,
  /** Directory levels below the virtual root. */
  pathDepth: 32,
} as const;
