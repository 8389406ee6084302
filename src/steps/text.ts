import { StepwiseError } from './errors';

/** Decodes a document's bytes as UTF-8, refusing invalid sequences instead of guessing. */
export function decodeUtf8(bytes: Uint8Array, what = 'the document'): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new StepwiseError(`${what} is not valid UTF-8`);
  }
}
