import { StepwiseError } from '../steps/errors';
import { decodeUtf8 } from '../steps/text';

/**
 * A document travels in the URL's fragment, as the TypeScript playground carries code:
 * `#doc=` + base64url(deflate-raw(UTF-8 text)). The fragment never reaches a server, so a link
 * shares a document without uploading it anywhere.
 */
export const SHARE_PREFIX = '#doc=';

/**
 * Compressed bytes a link may carry: 32 KB (about 43,700 URL characters once in base64url), well
 * inside what browsers, chat apps and mail clients keep intact. Deflate expands at most ~1000×,
 * so decoding a link can never produce more than ~32 MB, below the parser's own size limit.
 */
export const SHARE_LIMIT_BYTES = 32 * 1024;

export type ShareEncoding =
  | { readonly ok: true; readonly fragment: string; readonly compressedBytes: number }
  | { readonly ok: false; readonly compressedBytes: number; readonly message: string };

async function pipe(bytes: Uint8Array, transform: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(transform);
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  // Chunks keep String.fromCharCode's argument list short.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const damaged = new StepwiseError('The shared link is damaged: its #doc= part is not valid base64url.');
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) throw damaged;
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The `#doc=…` fragment for a document, or why it is too large for a link. */
export async function encodeShare(source: string): Promise<ShareEncoding> {
  const compressed = await pipe(new TextEncoder().encode(source), new CompressionStream('deflate-raw'));
  if (compressed.length > SHARE_LIMIT_BYTES)
    return {
      ok: false,
      compressedBytes: compressed.length,
      message: `This document compresses to ${Math.ceil(compressed.length / 1024)} KB; a link can carry at most ${SHARE_LIMIT_BYTES / 1024} KB. Share the file itself instead.`,
    };
  return { ok: true, fragment: SHARE_PREFIX + toBase64Url(compressed), compressedBytes: compressed.length };
}

/** The encoded part of a location's hash, or null when the hash carries no document. */
export function sharedPayload(hash: string): string | null {
  return hash.startsWith(SHARE_PREFIX) ? hash.slice(SHARE_PREFIX.length) : null;
}

/** The document a `#doc=` payload carries. Throws StepwiseError for a damaged or oversized link. */
export async function decodeShare(payload: string): Promise<string> {
  const compressed = fromBase64Url(payload);
  if (compressed.length === 0) throw new StepwiseError('The shared link is empty.');
  if (compressed.length > SHARE_LIMIT_BYTES)
    throw new StepwiseError(`The shared link carries more than ${SHARE_LIMIT_BYTES / 1024} KB; it was not opened.`);
  let bytes: Uint8Array;
  try {
    bytes = await pipe(compressed, new DecompressionStream('deflate-raw'));
  } catch {
    throw new StepwiseError('The shared link is damaged or cut short: its document cannot be decompressed.');
  }
  return decodeUtf8(bytes, 'The shared document');
}

/** A full link to the app that opens `fragment`: the current page without its query (it starts at step 0). */
export function shareUrl(location: Pick<Location, 'origin' | 'pathname'>, fragment: string): string {
  return location.origin + location.pathname + fragment;
}
