/** Where in a document something went wrong; every field is optional because not every error has all three. */
export interface ErrorLocation {
  readonly line?: number;
  readonly step?: number;
  readonly path?: string;
}

/**
 * The only error type the parser, engine and checker throw on bad input.
 * The message always starts with the location so that a one-line report is enough to find the fault.
 */
export class StepwiseError extends Error {
  readonly line?: number;
  readonly step?: number;
  readonly path?: string;
  readonly reason: string;

  constructor(reason: string, where: ErrorLocation = {}) {
    super(formatLocation(where) + reason);
    this.name = 'StepwiseError';
    this.reason = reason;
    this.line = where.line;
    this.step = where.step;
    this.path = where.path;
  }
}

function formatLocation({ line, step }: ErrorLocation): string {
  const parts: string[] = [];
  if (line !== undefined) parts.push(`line ${line}`);
  if (step !== undefined) parts.push(`step ${step}`);
  if (parts.length === 0) return '';
  const text = parts.join(', ');
  return text[0].toUpperCase() + text.slice(1) + ': ';
}
