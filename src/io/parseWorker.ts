import { replay } from '../steps/engine';
import { StepwiseError } from '../steps/errors';
import { LIMITS } from '../steps/limits';
import { parseDocument } from '../steps/parser';
import { decodeUtf8 } from '../steps/text';
import { fileVersions, packFileCounts, type FileVersion } from '../steps/validate';

/**
 * What the page asks the worker: a document as text (pasted, shared) or as a file's bytes; with `count`, the
 * files that parse at every position of a sound document (a 'counts' message instead of 'done', which would
 * only send back the text the page already has).
 */
export type ParseRequest = { readonly count?: boolean } & ({ readonly text: string } | { readonly bytes: ArrayBuffer });

/** Where a document failed, with the offending line's text so the user need not count lines. */
export interface ParseFailure {
  readonly message: string;
  readonly line?: number;
  readonly step?: number;
  readonly lineText?: string;
}

export type ParseMessage =
  | {
      readonly type: 'progress';
      readonly phase: 'parsing' | 'replaying';
      readonly done: number;
      readonly total: number;
    }
  /** The document is sound: the page replays it again itself (see documentLoader.ts). */
  | { readonly type: 'done'; readonly source: string }
  /** Instead of 'done', when asked: the file counts of every position (see packFileCounts). */
  | { readonly type: 'counts'; readonly packed: Uint32Array }
  | { readonly type: 'failed'; readonly failure: ParseFailure };

/** Longest line text sent back with an error: a minified JSON line can be megabytes long. */
const LINE_TEXT_MAX = 400;

/**
 * Decodes, parses and replays a document, reporting progress through `post`, and counts its files when asked.
 * Pure apart from `post`, so that it is unit-tested in Node; the worker below only wires it to messages.
 */
export function parseJob(
  request: ParseRequest,
  post: (message: ParseMessage, transfer?: Transferable[]) => void,
): void {
  const versions = checkDocument(request, post);
  if (!versions) return;
  const packed = packFileCounts(versions);
  post({ type: 'counts', packed }, [packed.buffer]);
}

/**
 * Posts 'failed', or 'done' for a sound document; asked to count, returns each position's file version instead.
 * The replay itself is not returned: its trees are garbage once this returns, and counting holds only the texts.
 */
function checkDocument(request: ParseRequest, post: (message: ParseMessage) => void): (FileVersion | null)[] | null {
  let source: string | null = null;
  try {
    source = 'text' in request ? request.text : decodeUtf8(new Uint8Array(request.bytes), 'The file');
    if (source.length > LIMITS.documentChars)
      throw new StepwiseError(`the document has ${source.length} characters; the limit is ${LIMITS.documentChars}`);
    post({ type: 'progress', phase: 'parsing', done: 0, total: 0 });
    const document = parseDocument(source);
    const total = document.steps.length;
    post({ type: 'progress', phase: 'replaying', done: 0, total });
    const run = replay(document, (done) => post({ type: 'progress', phase: 'replaying', done, total }));
    if (run.error) throw run.error;
    if (request.count) return fileVersions(run);
    post({ type: 'done', source });
    return null;
  } catch (e) {
    post({ type: 'failed', failure: describeFailure(e, source) });
    return null;
  }
}

/** `source` is null when the bytes could not be decoded: there is no line text to show then. */
function describeFailure(e: unknown, source: string | null): ParseFailure {
  if (!(e instanceof StepwiseError)) return { message: `Unexpected error: ${(e as Error).message}` };
  const { message, line, step } = e;
  if (line === undefined || source === null) return { message, line, step };
  const text = lineAt(source, line);
  return { message, line, step, lineText: text.length > LINE_TEXT_MAX ? `${text.slice(0, LINE_TEXT_MAX)}…` : text };
}

/** The parser's own line numbering: a leading BOM is not text, and CRLF, LF and CR all end a line. */
function lineAt(source: string, line: number): string {
  const text = source.startsWith('\uFEFF') ? source.slice(1) : source;
  return text.split(/\r\n|\n|\r/, line)[line - 1] ?? '';
}

// Only inside a worker (not when a unit test imports parseJob).
if ('WorkerGlobalScope' in globalThis) {
  const scope = globalThis as unknown as {
    onmessage: ((event: MessageEvent<ParseRequest>) => void) | null;
    postMessage(message: ParseMessage, transfer?: Transferable[]): void;
  };
  scope.onmessage = (event) => parseJob(event.data, (message, transfer) => scope.postMessage(message, transfer));
}
