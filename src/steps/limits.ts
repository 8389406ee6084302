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
   * Directory entries copied across all snapshots. Each step copies the directories on its path
   * (that is what keeps every earlier snapshot intact), so 10,000 files in one folder would cost
   * 50 million entries (about 2 GB); the budget keeps a replay under about 250 MB.
   */
  snapshotEntries: 5_000_000,
  /** Characters of file content written by all steps together (an update rewrites the whole file). */
  snapshotChars: 128 * 1024 * 1024,
} as const;
