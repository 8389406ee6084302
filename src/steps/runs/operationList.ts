import { StepwiseError } from '../errors';
import type { Json } from './json';
import { RUN_LIMITS } from './limits';
import { toolMeaning } from './tools';
import type { Action, RunOperation } from './types';

type Where = Omit<RunOperation, 'index' | 'action' | 'tool' | 'failed'>;

/**
 * Collects a run's operations in order while a reader walks its log. Tool results often come
 * after their calls, so a call can be marked failed later by its id. Unknown tools are counted
 * and reported once each instead of once per call.
 */
export class OperationList {
  private readonly drafts: Array<{ operation: RunOperation; id?: string }> = [];
  private readonly byId = new Map<string, number>();
  private readonly failures = new Map<string, string>();
  private readonly unknownTools = new Map<string, number>();
  readonly problems: string[] = [];

  /** Adds a tool call (any format) by what its name and arguments mean; read-only calls add nothing. */
  call(tool: string, args: Json, where: Where, id?: string): void {
    const meaning = toolMeaning(tool, args);
    if (meaning === 'read') return;
    if (meaning === 'unknown') {
      this.unknownTools.set(tool, (this.unknownTools.get(tool) ?? 0) + 1);
      return;
    }
    this.add(meaning, tool, where, id);
  }

  add(action: Action, tool: string, where: Where, id?: string, failed?: string): void {
    if (this.drafts.length >= RUN_LIMITS.operations)
      throw new StepwiseError(
        `the run has more than ${RUN_LIMITS.operations} file operations; the limit is ${RUN_LIMITS.operations}`,
      );
    if (id !== undefined) {
      // Some logs repeat a streamed message line: the same call is one operation.
      if (this.byId.has(id)) return;
      this.byId.set(id, this.drafts.length);
    }
    const operation: RunOperation = { index: this.drafts.length + 1, action, tool, ...where };
    this.drafts.push({ operation: failed === undefined ? operation : { ...operation, failed }, id });
  }

  /** Records that the call with this id failed, whether its call came earlier or comes later. */
  fail(id: string, reason: string): void {
    this.failures.set(id, reason);
  }

  finish(): { operations: RunOperation[]; problems: string[] } {
    const operations = this.drafts.map(({ operation, id }) => {
      const failed = id === undefined ? undefined : this.failures.get(id);
      return Object.freeze(failed === undefined ? operation : { ...operation, failed });
    });
    const problems = [...this.problems];
    for (const [tool, count] of this.unknownTools)
      problems.push(`${count} call${count === 1 ? '' : 's'} to ${tool}, a tool the replay does not know, ignored`);
    return { operations, problems };
  }
}

/** The reason a tool result gives, on one line and at most 200 characters (text or content blocks). */
export function failureReason(content: unknown): string {
  const text =
    typeof content === 'string'
      ? content
      : Array.isArray(content)
        ? content
            .map((block: unknown) =>
              typeof (block as Json)?.text === 'string' ? ((block as Json).text as string) : '',
            )
            .join(' ')
        : '';
  const line = text.trim().replace(/\s+/g, ' ');
  if (line === '') return 'the log marks the call as failed';
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}
