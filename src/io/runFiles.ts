import { StepwiseError } from '../steps/errors';
import { RUN_LIMITS } from '../steps/runs/limits';
import { parseEvalEntries, parseRunText } from '../steps/runs/parseRun';
import type { ParsedRun, RunFormat } from '../steps/runs/types';
import { decodeUtf8 } from '../steps/text';
import { ZIP_LIMITS } from './zipLimits';

/**
 * The largest run file worth reading: a run's text is at most RUN_LIMITS.chars characters, 3 bytes
 * each in UTF-8, and an .eval zip is a zip within the zip limits. A larger file is refused unread.
 */
export const MAX_RUN_FILE_BYTES = Math.max(3 * RUN_LIMITS.chars, ZIP_LIMITS.totalBytes);

/** The four bytes every zip file starts with. */
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/**
 * The runs in a run file's bytes. A zip is an Inspect `.eval` log, opened with the same checks as
 * any zip (src/io/zip.ts: no bombs, no escaping names) and handed to the pure reader as entries;
 * anything else is UTF-8 text read by src/steps/runs/parseRun.ts. Errors name the file.
 */
export async function readRunFile(name: string, bytes: Uint8Array, format?: RunFormat): Promise<ParsedRun[]> {
  if (ZIP_MAGIC.every((b, i) => bytes[i] === b)) {
    if (format !== undefined && format !== 'inspect')
      throw new StepwiseError(`${name} is a zip; only Inspect .eval logs are zips, not ${format} runs`);
    let entries;
    try {
      // Loaded on demand: most runs are text, and jszip is the largest thing a grade would load.
      const { readZip } = await import('./zip');
      entries = await readZip(bytes);
    } catch (e) {
      throw e instanceof StepwiseError ? new StepwiseError(`${name}: ${e.message}`) : e;
    }
    return parseEvalEntries(name, entries);
  }
  return parseRunText(name, decodeUtf8(bytes, name), format);
}
