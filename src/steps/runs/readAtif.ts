import { StepwiseError } from '../errors';
import { arr, isObject, obj, parseLimited, parseWhole, str, type Json } from './json';
import { failureReason, OperationList } from './operationList';
import type { ParsedRun } from './types';

/**
 * ATIF trajectories (Harbor's Agent Trajectory Interchange Format): `steps[]` whose agent steps
 * carry `tool_calls[{tool_call_id, function_name, arguments}]` and `observation.results[{source_call_id,
 * content}]`. ATIF has no error field of its own; a result is failed when it or its `extra` says
 * `is_error` (Harbor's Claude Code converter writes `extra.tool_result_metadata.is_error`). A step's
 * `extra.cwd`, when present, is the working folder.
 */
export function readAtif(name: string, text: string): ParsedRun {
  const root = parseWhole(text, name);
  if (!isObject(root) || !Array.isArray(root.steps))
    throw new StepwiseError(`${name} is not an ATIF trajectory: it has no "steps" array`);
  const list = new OperationList();
  let runCwd: string | null = null;
  root.steps.forEach((step: unknown, i: number) => {
    if (!isObject(step)) return;
    const cwd = str(obj(step, 'extra'), 'cwd');
    if (runCwd === null && cwd?.startsWith('/')) runCwd = cwd;
    const stepLabel = `step ${typeof step.step_id === 'number' ? step.step_id : i + 1}`;
    for (const call of arr(step, 'tool_calls')) {
      if (!isObject(call)) continue;
      const id = str(call, 'tool_call_id');
      list.call(
        str(call, 'function_name') ?? '',
        argumentsOf(call.arguments),
        {
          location: id === undefined ? stepLabel : `${stepLabel}, call ${id}`,
          ...(cwd?.startsWith('/') && { cwd }),
          ...(str(step, 'timestamp') !== undefined && { at: str(step, 'timestamp') }),
        },
        id,
      );
    }
    const results = arr(obj(step, 'observation'), 'results').filter(isObject);
    for (const result of results) {
      const id = str(result, 'source_call_id');
      if (id !== undefined && isError(result)) list.fail(id, failureReason(result.content));
    }
    // Harbor also marks a failed call on its step's extra; that can name only a step with one call.
    const calls = arr(step, 'tool_calls').filter(isObject);
    const only = calls.length === 1 ? str(calls[0], 'tool_call_id') : undefined;
    if (only !== undefined && (isError(step) || obj(step, 'extra')?.tool_result_is_error === true))
      list.fail(only, failureReason(results[0]?.content));
  });
  const { operations, problems } = list.finish();
  return { name, format: 'atif', operations, cwd: runCwd, persistentShell: true, problems };
}

/** Arguments are an object; some writers store the JSON text of one. */
function argumentsOf(value: unknown): Json {
  if (isObject(value)) return value;
  if (typeof value === 'string') {
    try {
      const parsed = parseLimited(value);
      if (isObject(parsed)) return parsed;
    } catch {
      // Not JSON, or too deep: no usable arguments.
    }
  }
  return {};
}

/** A result (or a step) whose own fields, `extra` or `extra.tool_result_metadata` say `is_error`. */
function isError(value: Json): boolean {
  const extra = obj(value, 'extra');
  return value.is_error === true || extra?.is_error === true || obj(extra, 'tool_result_metadata')?.is_error === true;
}
