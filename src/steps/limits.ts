/**
 * Hard limits on untrusted documents. They keep the page responsive and memory bounded;
 * docs/security.md lists them and the parser enforces them with a StepwiseError.
 */
export const LIMITS = {
  /** Characters in a whole step document (about 50 MB of ASCII). */
  documentChars: 50 * 1024 * 1024,
  steps: 100_000,
  /** Bytes of one name in UTF-8: file systems count names in bytes (ext4, APFS, NTFS's 255 UTF-16 units are more). */
  nameBytes: 255,
  /** Directory levels below the virtual root. */
  pathDepth: 32,
  /**
   * Levels of `[`/`{` in inline JSON, in a JSON file being updated and in JSON/YAML files being
   * compared. Serialising, comparing and YAML parsing recurse once per level; far below the stack.
   */
  jsonDepth: 256,
  /**
   * Bytes of directory copies kept across all snapshots, as estimated by setNodeBytes. Each step
   * copies part of every directory on its path (that is what keeps every earlier snapshot intact):
   * 0.6–0.9 KB a step in the benchmark's documents (six levels deep, or one folder of 10,000), up
   * to 0.7 KB more for each further level through a wide folder. The 100,000-step benchmark
   * document takes 83 MB of it; a file 32 levels deep updated 70,000 times takes all of it.
   */
  snapshotBytes: 256 * 1024 * 1024,
  /** Characters of file content written by all steps together (an update rewrites the whole file). */
  snapshotChars: 128 * 1024 * 1024,
} as const;
