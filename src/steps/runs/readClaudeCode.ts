import { arr, isObject, jsonLines, obj, str } from './json';
import { failureReason, OperationList } from './operationList';
import type { ParsedRun } from './types';

/**
 * Claude Code session logs (~/.claude/projects/<project>/<session>.jsonl): one JSON object per line;
 * `assistant` lines carry tool_use blocks, `user` lines the tool_result blocks, and most lines the
 * `cwd` the call ran in. Each Bash call starts in its line's cwd. Lines that do not parse (a
 * session cut mid-write) are skipped and noted.
 */
export function readClaudeCode(name: string, text: string): ParsedRun {
  const list = new OperationList();
  const lines = jsonLines(text, (line, reason) => list.problems.push(`line ${line} skipped: ${reason}`));
  let runCwd: string | null = null;
  for (const { line, value } of lines) {
    if (!isObject(value)) continue;
    const cwd = str(value, 'cwd');
    if (runCwd === null && cwd !== undefined && cwd.startsWith('/')) runCwd = cwd;
    const message = obj(value, 'message');
    for (const block of arr(message, 'content')) {
      if (!isObject(block)) continue;
      if (value.type === 'assistant' && block.type === 'tool_use') {
        const tool = str(block, 'name') ?? '';
        const input = obj(block, 'input') ?? {};
        list.call(
          tool,
          input,
          {
            location: `line ${line}`,
            ...(cwd?.startsWith('/') && { cwd }),
            ...(str(value, 'timestamp') !== undefined && { at: str(value, 'timestamp') }),
          },
          str(block, 'id'),
        );
      } else if (value.type === 'user' && block.type === 'tool_result' && block.is_error === true) {
        const id = str(block, 'tool_use_id');
        if (id !== undefined) list.fail(id, failureReason(block.content));
      }
    }
  }
  const { operations, problems } = list.finish();
  return { name, format: 'claude-code', operations, cwd: runCwd, persistentShell: false, problems };
}
