/**
 * Types for the two modules of pako 1.0 (its zlib port) that zipWriter.ts uses directly: the
 * package's own declarations (@types/pako) cover only its one-shot API, which allocates a new
 * stream for every call.
 */
declare module 'pako/lib/zlib/zstream.js' {
  export default class ZStream {
    input: Uint8Array | null;
    next_in: number;
    avail_in: number;
    output: Uint8Array | null;
    next_out: number;
    avail_out: number;
    msg: string;
  }
}

declare module 'pako/lib/zlib/deflate.js' {
  import type ZStream from 'pako/lib/zlib/zstream.js';
  export function deflateInit2(
    strm: ZStream,
    level: number,
    method: number,
    windowBits: number,
    memLevel: number,
    strategy: number,
  ): number;
  export function deflate(strm: ZStream, flush: number): number;
  export function deflateReset(strm: ZStream): number;
  export function deflateEnd(strm: ZStream): number;
}
