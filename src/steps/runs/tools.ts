import { arr, isObject, str, type Json } from './json';
import type { Action, TextEdit } from './types';

/**
 * What a tool call means for the files: an action to replay, `read` for tools that only look
 * (Read, list_directory, view…), or `unknown` for tools the replay does not know (web search,
 * a ticket tracker…), which are ignored and listed as a problem.
 */
export type ToolMeaning = Action | 'read' | 'unknown';

/**
 * Maps a tool call, as any of the supported logs records it, to what it does to files. Names are
 * matched without case and without an MCP server prefix ("mcp__filesystem__write_file" and
 * "filesystem__write_file" are "write_file"). docs/runs.md lists every name and field.
 */
export function toolMeaning(name: string, args: Json): ToolMeaning {
  const tool = bareToolName(name);
  switch (tool) {
    // Claude Code's own tools.
    case 'write':
      return write(str(args, 'file_path') ?? str(args, 'path'), str(args, 'content'));
    case 'edit':
      return edit(str(args, 'file_path') ?? str(args, 'path'), [claudeEdit(args)]);
    case 'multiedit':
      return edit(
        str(args, 'file_path'),
        arr(args, 'edits').map((e) => claudeEdit(isObject(e) ? e : {})),
      );
    // The MCP filesystem server.
    case 'write_file':
      return write(str(args, 'path'), str(args, 'content'));
    case 'create_directory':
      return withPath(str(args, 'path'), (path) => ({ type: 'mkdir', path }));
    case 'edit_file':
      if (args.dryRun === true) return 'read';
      return edit(
        str(args, 'path'),
        arr(args, 'edits').map((e) => mcpEdit(isObject(e) ? e : {})),
      );
    case 'move_file': {
      const from = str(args, 'source');
      const to = str(args, 'destination');
      return from === undefined || to === undefined ? malformed(tool) : { type: 'move', from, to };
    }
    // The text-editor tool of Anthropic's API, OpenHands and Inspect.
    case 'str_replace_editor':
    case 'str_replace_based_edit_tool':
    case 'text_editor':
      return textEditor(args);
    case 'bash':
    case 'execute_bash':
    case 'run':
    case 'shell': {
      // Inspect's bash tool calls its argument "cmd".
      const command = str(args, 'command') ?? str(args, 'cmd');
      return command === undefined ? malformed(tool) : { type: 'shell', command };
    }
    case 'python':
    case 'run_ipython':
    case 'ipython':
    case 'notebookedit':
    case 'bash_session':
      return { type: 'opaque', detail: `${name} runs code or edits in ways the replay does not model` };
  }
  return READ_ONLY.has(tool) ? 'read' : 'unknown';
}

/** Tools that only read or plan; they make no operation. */
const READ_ONLY = new Set([
  'read',
  'grep',
  'glob',
  'ls',
  'todowrite',
  'todoread',
  'task',
  'webfetch',
  'websearch',
  'exitplanmode',
  'bashoutput',
  'killshell',
  'read_file',
  'read_text_file',
  'read_media_file',
  'read_multiple_files',
  'list_directory',
  'list_directory_with_sizes',
  'directory_tree',
  'search_files',
  'get_file_info',
  'list_allowed_directories',
  'think',
  'finish',
  'submit',
]);

/** "mcp__filesystem__write_file" → "write_file"; "Write" → "write". */
export function bareToolName(name: string): string {
  const cut = name.lastIndexOf('__');
  return (cut >= 0 ? name.slice(cut + 2) : name).toLowerCase();
}

function textEditor(args: Json): ToolMeaning {
  const path = str(args, 'path');
  switch (str(args, 'command')) {
    case 'view':
      return 'read';
    case 'create':
      return write(path, str(args, 'file_text'));
    case 'str_replace':
      return edit(path, [{ old: str(args, 'old_str') ?? '', new: str(args, 'new_str') ?? '', all: false }]);
    case 'insert': {
      const line = args.insert_line;
      // Newer versions of Anthropic's tool call the inserted text "insert_text".
      const text = str(args, 'new_str') ?? str(args, 'insert_text');
      if (path === undefined || text === undefined || typeof line !== 'number' || !Number.isInteger(line) || line < 0)
        return malformed('insert');
      return { type: 'insert', path, line, text };
    }
    case 'undo_edit':
      return { type: 'opaque', detail: 'undo_edit restores an earlier version the log does not record' };
  }
  return malformed(`text editor command ${JSON.stringify(str(args, 'command') ?? null)}`);
}

function claudeEdit(e: Json): TextEdit {
  return { old: str(e, 'old_string') ?? '', new: str(e, 'new_string') ?? '', all: e.replace_all === true };
}

function mcpEdit(e: Json): TextEdit {
  return { old: str(e, 'oldText') ?? '', new: str(e, 'newText') ?? '', all: false };
}

function write(path: string | undefined, content: string | undefined): ToolMeaning {
  return content === undefined ? malformed('write') : withPath(path, (p) => ({ type: 'write', path: p, content }));
}

function edit(path: string | undefined, edits: TextEdit[]): ToolMeaning {
  if (edits.length === 0) return malformed('edit');
  return withPath(path, (p) => ({ type: 'edit', path: p, edits }));
}

function withPath(path: string | undefined, make: (path: string) => Action): ToolMeaning {
  return path === undefined || path === '' ? malformed('a call without a path') : make(path);
}

/** A call whose arguments do not have the documented shape: kept, and shown as not replayed. */
function malformed(what: string): Action {
  return { type: 'opaque', detail: `${what}: the arguments are missing or malformed` };
}
