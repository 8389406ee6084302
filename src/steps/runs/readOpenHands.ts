import { StepwiseError } from '../errors';
import { isObject, jsonLines, obj, parseWhole, str, type Json } from './json';
import { failureReason, OperationList } from './operationList';
import type { ParsedRun } from './types';

/**
 * OpenHands event streams: a JSON array (a saved trajectory) or JSON Lines of events. Actions have
 * `action` and `args` (`run {command}`, `write {path, content}`, `edit {path, command, …}`, `mcp {name,
 * arguments}`); observations have `observation`, `cause` (the action's id) and `extras`. An `error`
 * observation, or a `run` observation whose exit code is not 0, marks its action failed. OpenHands
 * keeps one shell session, so `cd` carries over.
 */
export function readOpenHands(name: string, text: string): ParsedRun {
  const list = new OperationList();
  for (const { event, location } of events(name, text, list.problems)) {
    const id = typeof event.id === 'number' || typeof event.id === 'string' ? String(event.id) : undefined;
    const where = { location, ...(str(event, 'timestamp') !== undefined && { at: str(event, 'timestamp') }) };
    if (typeof event.action === 'string') addAction(list, event.action, obj(event, 'args') ?? {}, where, id);
    else if (typeof event.observation === 'string' && event.cause !== undefined && event.cause !== null) {
      const cause = String(event.cause);
      const exitCode = obj(obj(event, 'extras'), 'metadata')?.exit_code;
      if (event.observation === 'error') list.fail(cause, failureReason(event.content));
      else if (event.observation === 'run' && typeof exitCode === 'number' && exitCode > 0)
        list.fail(cause, `exit code ${exitCode}`);
    }
  }
  const { operations, problems } = list.finish();
  return { name, format: 'openhands', operations, cwd: null, persistentShell: true, problems };
}

function addAction(
  list: OperationList,
  action: string,
  args: Json,
  where: { location: string; at?: string },
  id: string | undefined,
): void {
  switch (action) {
    case 'run': {
      const command = str(args, 'command');
      // is_input sends keys to a command still running; an empty command only shows the screen.
      if (command === undefined || command.trim() === '' || args.is_input === true) return;
      list.add({ type: 'shell', command }, 'run', where, id);
      return;
    }
    case 'write': {
      const path = str(args, 'path');
      const content = str(args, 'content');
      const whole = (args.start ?? 0) === 0 && (args.end ?? -1) === -1;
      if (path === undefined || content === undefined) return;
      list.add(
        whole ? { type: 'write', path, content } : { type: 'opaque', detail: 'a write to a range of lines' },
        'write',
        where,
        id,
      );
      return;
    }
    case 'edit':
      // LLM-based edits carry a draft merged by a model: what was written is not in the action.
      if ((str(args, 'command') ?? '') === '')
        list.add({ type: 'opaque', detail: 'an LLM-based edit, merged by a model' }, 'edit', where, id);
      else list.call('str_replace_editor', args, where, id);
      return;
    case 'run_ipython':
      list.add({ type: 'opaque', detail: 'run_ipython runs Python' }, 'run_ipython', where, id);
      return;
    case 'mcp':
      list.call(str(args, 'name') ?? 'mcp', obj(args, 'arguments') ?? {}, where, id);
      return;
  }
}

function* events(name: string, text: string, problems: string[]): Generator<{ event: Json; location: string }> {
  if (text.trimStart().startsWith('[')) {
    const all = parseWhole(text, name);
    if (!Array.isArray(all)) throw new StepwiseError(`${name} is not an OpenHands event list`);
    for (let i = 0; i < all.length; i++)
      if (isObject(all[i])) yield { event: all[i] as Json, location: `event ${i + 1}` };
    return;
  }
  for (const { line, value } of jsonLines(text, (line, reason) => problems.push(`line ${line} skipped: ${reason}`)))
    if (isObject(value)) yield { event: value, location: `line ${line}` };
}
