import type { ProducedEntry } from '../compare';
import { StepwiseError } from '../errors';
import { decodeUtf8 } from '../text';
import { arr, isObject, obj, parseLimited, str, type Json } from './json';
import { RUN_LIMITS } from './limits';
import { failureReason, OperationList } from './operationList';
import type { ParsedRun } from './types';

/**
 * Inspect AI eval logs. A `.json` log is one object with `samples[]`; a `.eval` log is a zip whose
 * `samples/<id>_epoch_<n>.json` entries each hold one sample (the zip is opened by src/io, which
 * passes its entries here as bytes). Every sample is a run of its own, named "<file>#<id>_epoch_<n>".
 * Its `events[]` (and the `events` nested in older logs) hold `tool` events `{id, function, arguments,
 * error}`; strings longer than 100 characters may be stored once in `attachments` and referred to
 * as "attachment://<hash>". A tool event with an `error` is failed. Each call of Inspect's bash
 * tool runs in a fresh shell.
 */
export function readInspectJson(name: string, text: string): ParsedRun[] {
  const log = parseSample(text, name);
  if (!Array.isArray(log.samples))
    throw new StepwiseError(`${name} is an Inspect log without samples (it was written with --no-log-samples?)`);
  return log.samples.filter(isObject).map((sample) => readSample(name, sample));
}

export function readInspectEntries(name: string, entries: readonly ProducedEntry[]): ParsedRun[] {
  const samples = entries
    .filter((e) => e.kind === 'file' && /^samples\/[^/]+\.json$/.test(e.path))
    .sort((a, b) => a.path.localeCompare(b.path, 'en', { numeric: true }));
  if (samples.length === 0) throw new StepwiseError(`${name} is an .eval log with no samples/*.json entries`);
  return samples.map((entry) => {
    const what = `${name}: ${entry.path}`;
    return readSample(name, parseSample(entry.kind === 'file' ? decodeUtf8(entry.bytes, what) : '', what));
  });
}

function parseSample(text: string, what: string): Json {
  if (text.length > RUN_LIMITS.chars)
    throw new StepwiseError(`${what} has ${text.length} characters; the limit is ${RUN_LIMITS.chars}`);
  let value: unknown;
  try {
    value = parseLimited(text);
  } catch (e) {
    throw new StepwiseError(`${what} was refused: ${(e as Error).message}`);
  }
  if (!isObject(value)) throw new StepwiseError(`${what} is not a JSON object`);
  return value;
}

function readSample(file: string, sample: Json): ParsedRun {
  const id = typeof sample.id === 'number' || typeof sample.id === 'string' ? String(sample.id) : '?';
  const epoch = typeof sample.epoch === 'number' ? sample.epoch : 1;
  const name = `${file}#${id}_epoch_${epoch}`;
  const attachments = obj(sample, 'attachments') ?? {};
  const list = new OperationList();
  let count = 0;
  const visit = (events: readonly unknown[]): void => {
    for (const event of events) {
      if (!isObject(event)) continue;
      count++;
      if (event.event === 'tool') {
        const callId = str(event, 'id');
        const error = obj(event, 'error');
        list.call(
          str(event, 'function') ?? '',
          resolveAttachments(obj(event, 'arguments') ?? {}, attachments),
          { location: `event ${count}`, ...(str(event, 'timestamp') !== undefined && { at: str(event, 'timestamp') }) },
          callId,
        );
        if (callId !== undefined && error !== undefined)
          list.fail(callId, failureReason(str(error, 'message') ?? str(error, 'type') ?? ''));
      }
      // Older logs nest the events of a subtask or a tool inside it.
      visit(arr(event, 'events'));
    }
  };
  visit(arr(sample, 'events'));
  const { operations, problems } = list.finish();
  return { name, format: 'inspect', operations, cwd: null, persistentShell: false, problems };
}

/** The value with every "attachment://<hash>" (or the older "tc://<hash>") string replaced by its text. */
function resolveAttachments<T>(value: T, attachments: Json): T {
  if (typeof value === 'string') {
    const ref = /^(?:attachment|tc):\/\/(.+)$/.exec(value);
    const text = ref ? attachments[ref[1]] : undefined;
    return (typeof text === 'string' ? text : value) as T;
  }
  if (Array.isArray(value)) return value.map((item: unknown) => resolveAttachments(item, attachments)) as T;
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = resolveAttachments(item, attachments);
  return out as T;
}
