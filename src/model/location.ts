import type { Replay } from '../steps/engine';
import { clampPosition } from './playback';
import { creationStepOf } from './treeRows';

/** The views of the detail area, as the address names them (`view=history`); the first is the default. */
export const VIEWS = [
  'file',
  'architecture',
  'history',
  'compare',
  'validation',
  'check',
  'runs',
  'documents',
] as const;
export type ViewId = (typeof VIEWS)[number];
export const DEFAULT_VIEW: ViewId = 'file';

/** What a URL or stored state asks for, before it is checked against the scenario. */
export interface ViewRequest {
  step?: string | null;
  file?: string | null;
  view?: string | null;
  /** The run looked at step by step (runsSlice.ts), by its id. */
  run?: string | null;
}

export interface ResolvedView {
  position: number;
  file: string | null;
  view: ViewId;
  /** A run id, when the request names a valid one: the run may still be loading (runLoader.ts says so if it never comes). */
  run?: string;
  /** What had to be changed, in words for the user; empty when the request was valid. */
  problems: string[];
}

/**
 * Turns an untrusted request (a URL's query, a stored state) into a valid position, path and view.
 * Nothing from it is rendered as HTML; invalid parts are clamped or dropped and reported.
 */
export function resolveView(request: ViewRequest, scenario: { readonly replay: Replay }): ResolvedView {
  const last = scenario.replay.snapshots.length - 1;
  const problems: string[] = [];
  let position = 0;
  const step = request.step?.trim();
  if (step) {
    const number = /^-?\d+$/.test(step) ? Number(step) : Number.NaN;
    position = clampPosition(number, last);
    if (String(position) !== step)
      problems.push(
        Number.isNaN(number)
          ? `“${shorten(step)}” is not a step number; showing step 0.`
          : `There is no step ${shorten(step)}; showing step ${position} of ${last}.`,
      );
  }
  let file: string | null = null;
  if (request.file) {
    if (creationStepOf(scenario.replay).has(request.file)) file = request.file;
    else problems.push(`The scenario has no path “${shorten(request.file)}”; no file is selected.`);
  }
  let view: ViewId = DEFAULT_VIEW;
  if (request.view) {
    if (isView(request.view)) view = request.view;
    else problems.push(`There is no view “${shorten(request.view)}”; showing the file view.`);
  }
  const run = request.run && isRunId(request.run) ? request.run : undefined;
  if (request.run && run === undefined)
    problems.push(`“${shorten(request.run)}” in the address is not a run id; no run is open.`);
  return { position, file, view, problems, ...(run && { run }) };
}

function isView(text: string): text is ViewId {
  return (VIEWS as readonly string[]).includes(text);
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** The document an address names: the built-in scenario, one kept in this browser, or one carried by a link. */
export type DocumentRef =
  | { readonly kind: 'builtin' }
  | { readonly kind: 'stored'; readonly id: string }
  | { readonly kind: 'shared'; readonly payload: string };

export const BUILTIN_REF: DocumentRef = { kind: 'builtin' };

/** The built-in scenario's id; every other document's is a documentId (io/library.ts). */
export const BUILTIN_ID = 'builtin';

/** Whether `text` has the form documentId gives (`doc-` and up to 11 base-36 digits): safe in an address. */
export function isDocumentId(text: string): boolean {
  return /^doc-[0-9a-z]{1,11}$/.test(text);
}

/** Whether an address's text is a run id as runId (src/io/runLibrary.ts) makes them. */
export function isRunId(text: string): boolean {
  return /^run-[0-9a-z]{1,16}$/.test(text);
}

/**
 * A document travels in the URL's fragment (io/shareLink.ts): `#doc=` + the document, compressed. The
 * fragment never reaches a server, so a link shares a document without uploading it anywhere.
 */
export const SHARE_PREFIX = '#doc=';

/** The encoded part of a location's hash, or null when the hash carries no document. */
export function sharedPayload(hash: string): string | null {
  return hash.startsWith(SHARE_PREFIX) ? hash.slice(SHARE_PREFIX.length) : null;
}

/** What an address asks for: `?doc=<id>&step=33&file=<path>&view=history`, or a `#doc=…` fragment. */
export interface AddressRequest {
  readonly document: DocumentRef;
  /** Null when the address names no position, file or view (a bare address). */
  readonly view: ViewRequest | null;
  /** Why part of the address was not used, for the notice; null when all of it was. */
  readonly problem: string | null;
}

/**
 * Reads an untrusted address. The fragment's document wins over a `doc=` id (the link carries the text
 * itself); a `doc=` that is not a document id is reported and the built-in scenario named instead.
 */
export function parseAddress(search: string, hash: string): AddressRequest {
  const params = new URLSearchParams(search);
  const view =
    params.has('step') || params.has('file') || params.has('view') || params.has('run')
      ? {
          step: params.get('step'),
          file: params.get('file'),
          view: params.get('view'),
          ...(params.has('run') && { run: params.get('run') }),
        }
      : null;
  const payload = sharedPayload(hash);
  if (payload !== null) return { document: { kind: 'shared', payload }, view, problem: null };
  const id = params.get('doc');
  if (id === null || id === '') return { document: BUILTIN_REF, view, problem: null };
  if (isDocumentId(id)) return { document: { kind: 'stored', id }, view, problem: null };
  return {
    document: BUILTIN_REF,
    // A position in some other document means nothing in the built-in one.
    view: null,
    problem: `“${shorten(id)}” in the address is not a document id; showing the built-in scenario.`,
  };
}

/** The document a loaded scenario is, as an address names it. */
export function documentRefOf(scenario: { readonly id: string; readonly sharedPayload?: string }): DocumentRef {
  if (scenario.sharedPayload !== undefined) return { kind: 'shared', payload: scenario.sharedPayload };
  return scenario.id === BUILTIN_ID ? BUILTIN_REF : { kind: 'stored', id: scenario.id };
}

/** Whether two refs name the same document. */
export function sameDocument(a: DocumentRef, b: DocumentRef): boolean {
  if (a.kind === 'builtin' || b.kind === 'builtin') return a.kind === b.kind;
  if (a.kind === 'stored') return b.kind === 'stored' && a.id === b.id;
  return b.kind === 'shared' && a.payload === b.payload;
}

export interface AddressedView {
  readonly document: DocumentRef;
  readonly position: number;
  readonly file: string | null;
  readonly view: ViewId;
  /** The run looked at step by step, if any. */
  readonly run?: string | null;
}

/**
 * The address of a view: its query (`?doc=…&step=33&file=…&view=history&run=…`; the built-in scenario and the
 * file view are the defaults and are left out) and the fragment of a shared document ('' otherwise).
 */
export function formatAddress({ document, position, file, view, run }: AddressedView): {
  search: string;
  hash: string;
} {
  const params = new URLSearchParams();
  if (document.kind === 'stored') params.set('doc', document.id);
  params.set('step', String(position));
  if (file) params.set('file', file);
  if (view !== DEFAULT_VIEW) params.set('view', view);
  if (run) params.set('run', run);
  return { search: `?${params.toString()}`, hash: document.kind === 'shared' ? SHARE_PREFIX + document.payload : '' };
}

/** The query string for a view of the built-in scenario: `?step=33&file=path&run=run-…`. */
export function viewQuery(position: number, file: string | null, run: string | null = null): string {
  return formatAddress({ document: BUILTIN_REF, position, file, view: DEFAULT_VIEW, run }).search;
}
