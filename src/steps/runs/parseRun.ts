import { StepwiseError } from '../errors';
import { isObject, parseLimited, str } from './json';
import { RUN_LIMITS } from './limits';
import { readAtif } from './readAtif';
import { readClaudeCode } from './readClaudeCode';
import type { ProducedEntry } from '../compare';
import { readInspectEntries, readInspectJson } from './readInspect';
import { readOpenHands } from './readOpenHands';
import { readStepwiseOps } from './readStepwiseOps';
import { RUN_FORMATS, type ParsedRun, type RunFormat } from './types';

/** How many leading JSON Lines are looked at to tell the format. */
const SNIFF_LINES = 50;
const STEPWISE_OPS = new Set(['mkdir', 'write', 'edit', 'delete', 'move', 'shell']);

/**
 * Reads a run from its text, in `format` or in the format its content shows (see detectRunFormat).
 * Most files hold one run; an Inspect log holds one per sample. Throws a StepwiseError naming the
 * file (and line) when the text cannot be read as a run.
 */
export function parseRunText(name: string, text: string, format?: RunFormat): ParsedRun[] {
  if (text.length > RUN_LIMITS.chars)
    throw new StepwiseError(`${name} has ${text.length} characters; a run may have at most ${RUN_LIMITS.chars}`);
  const chosen = format ?? detectRunFormat(text);
  if (chosen === null)
    throw new StepwiseError(
      `${name}: cannot tell what kind of run this is; name it with --run-format (${RUN_FORMATS.join(', ')})`,
    );
  try {
    switch (chosen) {
      case 'stepwise-ops':
        return [readStepwiseOps(name, text)];
      case 'claude-code':
        return [readClaudeCode(name, text)];
      case 'atif':
        return [readAtif(name, text)];
      case 'openhands':
        return [readOpenHands(name, text)];
      case 'inspect':
        return readInspectJson(name, text);
    }
  } catch (e) {
    // Name the file in front of a line-numbered error, which does not know it.
    if (e instanceof StepwiseError && !e.message.includes(name)) throw new StepwiseError(`${name}: ${e.message}`);
    throw e;
  }
}

/** The runs of an unzipped `.eval` log (Inspect AI): one per sample. */
export function parseEvalEntries(name: string, entries: readonly ProducedEntry[]): ParsedRun[] {
  return readInspectEntries(name, entries);
}

/**
 * The format a run's text is in, from its content alone, or null when it fits none:
 * a JSON object with `schema_version` "ATIF…" (or `agent` and `steps`) is ATIF; one with `samples`
 * or `eval` is an Inspect log; a JSON array of events with `action`/`observation` is OpenHands;
 * JSON Lines are stepwise operations (`op`), Claude Code (`type` user/assistant/summary with
 * `message`, `uuid` or `sessionId`) or OpenHands events.
 */
export function detectRunFormat(text: string): RunFormat | null {
  const start = text.trimStart()[0];
  if (start === '[' || (start === '{' && !isJsonLines(text))) {
    let whole: unknown;
    try {
      whole = parseLimited(text);
    } catch {
      whole = undefined; // broken: look at the lines
    }
    if (Array.isArray(whole)) return whole.some(isEvent) ? 'openhands' : null;
    if (isObject(whole)) {
      if (str(whole, 'schema_version')?.startsWith('ATIF') || (Array.isArray(whole.steps) && isObject(whole.agent)))
        return 'atif';
      if (Array.isArray(whole.samples) || isObject(whole.eval)) return 'inspect';
    }
  }
  let seen = 0;
  for (const raw of text.split('\n', SNIFF_LINES * 4)) {
    if (raw.trim() === '' || seen >= SNIFF_LINES) continue;
    seen++;
    let value: unknown;
    try {
      value = parseLimited(raw);
    } catch {
      continue;
    }
    if (!isObject(value)) continue;
    if (typeof value.op === 'string' && STEPWISE_OPS.has(value.op)) return 'stepwise-ops';
    if (
      ['user', 'assistant', 'summary', 'system'].includes(String(value.type)) &&
      ('message' in value || 'uuid' in value || 'sessionId' in value)
    )
      return 'claude-code';
    if (isEvent(value)) return 'openhands';
  }
  return null;
}

/** True when the first line is a whole JSON object and more lines follow: no need to parse it all as one value. */
function isJsonLines(text: string): boolean {
  const body = text.trimStart();
  const newline = body.indexOf('\n');
  if (newline < 0 || !/\S/.test(body.slice(newline, newline + 4096))) return false;
  try {
    return isObject(parseLimited(body.slice(0, newline)));
  } catch {
    return false;
  }
}

function isEvent(value: unknown): boolean {
  return isObject(value) && (typeof value.action === 'string' || typeof value.observation === 'string');
}
