/**
 * A run: the record of what an agent (or a person) did, read from one of the log formats in
 * ./formats and reduced to the file operations it made, in order. Nothing in a run is executed.
 */

export const RUN_FORMATS = ['stepwise-ops', 'claude-code', 'atif', 'openhands', 'inspect'] as const;
export type RunFormat = (typeof RUN_FORMATS)[number];

/** One replacement inside a file: the first occurrence of `old` (every one when `all`). */
export interface TextEdit {
  readonly old: string;
  readonly new: string;
  readonly all: boolean;
}

/**
 * What one operation asks for. Paths are as the run wrote them (absolute or relative to the
 * operation's working folder); the replay resolves them against the run's root.
 */
export type Action =
  /** Create a folder and any missing parents; an existing folder is fine. */
  | { readonly type: 'mkdir'; readonly path: string }
  /** Create or overwrite a file, creating missing parent folders (as agent tools do). */
  | { readonly type: 'write'; readonly path: string; readonly content: string }
  /** Replacements applied in order; one that finds nothing makes the whole edit fail. */
  | { readonly type: 'edit'; readonly path: string; readonly edits: readonly TextEdit[] }
  /** Insert `text` after line `line` (0: at the start), as the text-editor tools do. */
  | { readonly type: 'insert'; readonly path: string; readonly line: number; readonly text: string }
  /** Remove a file, or a folder with everything in it. */
  | { readonly type: 'delete'; readonly path: string }
  /** Rename `from` to `to`; `to` must not exist and its parent must. */
  | { readonly type: 'move'; readonly from: string; readonly to: string }
  /** A shell command, interpreted (never run) by ./shell.ts for a documented subset. */
  | { readonly type: 'shell'; readonly command: string }
  /** A call that changes files in ways the replay does not model (python, undo…): not replayed. */
  | { readonly type: 'opaque'; readonly detail: string };

export interface RunOperation {
  /** 1-based position among the run's operations: the "op" of a grade. */
  readonly index: number;
  readonly action: Action;
  /** The tool as the log names it ("Write", "str_replace_editor", "write" for stepwise ops…). */
  readonly tool: string;
  /** Where the call is in the run file, for messages: "line 12", "event 7"… */
  readonly location: string;
  /** The absolute working folder the log records for this call, if any. */
  readonly cwd?: string;
  /** The time the log gives, as written. */
  readonly at?: string;
  readonly note?: string;
  /** Set when the log says the call failed: the reason it gives. Failed calls are not applied. */
  readonly failed?: string;
}

export interface ParsedRun {
  readonly name: string;
  readonly format: RunFormat;
  readonly operations: readonly RunOperation[];
  /** The absolute working folder the log records for the run, or null. */
  readonly cwd: string | null;
  /**
   * Whether a `cd` in one shell call carries over to the next: true for agents that keep one
   * shell session (OpenHands, stepwise ops, ATIF by default), false where each call starts afresh.
   */
  readonly persistentShell: boolean;
  /** What the reader skipped or could not use (unknown tools, lines that are not JSON…). */
  readonly problems: readonly string[];
}
