import { StepwiseError } from '../errors';
import { displayName } from '../names';
import { isObject, jsonLines, str, type Json } from './json';
import { OperationList } from './operationList';
import type { Action, ParsedRun } from './types';

/**
 * stepwise operations: JSON Lines, one operation per line (docs/runs.md). The format is written by
 * people and scripts for stepwise, so it is read strictly: a line that does not parse or lacks a
 * field refuses the run with the line's number.
 */
export function readStepwiseOps(name: string, text: string): ParsedRun {
  const list = new OperationList();
  const lines = jsonLines(text, (line, reason) => {
    throw new StepwiseError(`the line was refused: ${reason}`, { line });
  });
  for (const { line, value } of lines) {
    if (!isObject(value)) throw new StepwiseError('each line must be a JSON object with an "op"', { line });
    const where = {
      location: `line ${line}`,
      ...(str(value, 'at') !== undefined && { at: str(value, 'at') }),
      ...(str(value, 'note') !== undefined && { note: str(value, 'note') }),
    };
    list.add(actionOf(value, line), str(value, 'op') ?? '', where, undefined, str(value, 'error'));
  }
  const { operations, problems } = list.finish();
  return { name, format: 'stepwise-ops', operations, cwd: null, persistentShell: true, problems };
}

function actionOf(value: Json, line: number): Action {
  const field = (key: string): string => {
    const v = str(value, key);
    if (v === undefined) throw new StepwiseError(`"${String(value.op)}" needs a string "${key}"`, { line });
    return v;
  };
  switch (value.op) {
    case 'mkdir':
      return { type: 'mkdir', path: field('path') };
    case 'write':
      return { type: 'write', path: field('path'), content: field('content') };
    case 'edit':
      return { type: 'edit', path: field('path'), edits: [{ old: field('old'), new: field('new'), all: false }] };
    case 'delete':
      return { type: 'delete', path: field('path') };
    case 'move':
      return { type: 'move', from: field('from'), to: field('to') };
    case 'shell':
      return { type: 'shell', command: field('command') };
  }
  throw new StepwiseError(
    `unknown op ${displayName(JSON.stringify(value.op ?? null))}; expected mkdir, write, edit, delete, move or shell`,
    { line },
  );
}
