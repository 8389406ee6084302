import { StepwiseError } from './errors';
import { LIMITS } from './limits';

/**
 * Decodes a document's bytes as UTF-8, refusing invalid sequences instead of guessing. A leading
 * byte-order mark is dropped. Bytes that cannot fit the document limit are refused before decoding:
 * a UTF-16 code unit takes at most 3 UTF-8 bytes, so more than 3 × LIMITS.documentChars bytes is
 * always over the limit (and decoding a gigabyte would itself fail).
 */
export function decodeUtf8(bytes: Uint8Array, what = 'the document'): string {
  if (bytes.length > 3 * LIMITS.documentChars)
    throw new StepwiseError(
      `${what} is ${Math.round(bytes.length / 1024 / 1024)} MB; a document may have at most ${LIMITS.documentChars} characters`,
    );
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    throw new StepwiseError(`${what} is UTF-16 text; save it as UTF-8`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    let line = 1;
    for (let i = 0; i < at; i++) if (bytes[i] === 0x0a) line++;
    throw new StepwiseError(`${what} is not valid UTF-8 (byte ${at + 1} is 0x${(bytes[at] ?? 0).toString(16)})`, {
      line,
    });
  }
}

/** Where the first malformed UTF-8 sequence starts (RFC 3629: no overlongs, no surrogates, ≤ U+10FFFF). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    // [continuation bytes, lowest and highest second byte] for each valid lead byte.
    const [more, low, high] =
      b >= 0xc2 && b <= 0xdf
        ? [1, 0x80, 0xbf]
        : b === 0xe0
          ? [2, 0xa0, 0xbf]
          : b === 0xed
            ? [2, 0x80, 0x9f]
            : b >= 0xe1 && b <= 0xef
              ? [2, 0x80, 0xbf]
              : b === 0xf0
                ? [3, 0x90, 0xbf]
                : b >= 0xf1 && b <= 0xf3
                  ? [3, 0x80, 0xbf]
                  : b === 0xf4
                    ? [3, 0x80, 0x8f]
                    : [0, 0, 0];
    if (more === 0 || i + more >= bytes.length || bytes[i + 1] < low || bytes[i + 1] > high) return i;
    for (let k = 2; k <= more; k++) if (bytes[i + k] < 0x80 || bytes[i + k] > 0xbf) return i;
    i += more + 1;
  }
  return Math.max(0, bytes.length - 1);
}
