import { scanString } from './jsonScan';

const INDENT = '  ';

/**
 * The JSON text laid out the way updates write files (two-space indents, one member or item per line,
 * `"key": value`), or null when it is not JSON. Only the whitespace between tokens changes: every
 * number, string (escapes included), key order and repeated key stays exactly as written, so a
 * formatted view never shows other data than the bytes do. Text that updates wrote comes back unchanged.
 * (Kept apart from equivalence.ts so that the first paint does not pull in the YAML parser.)
 */
export function formatJson(text: string): string | null {
  try {
    JSON.parse(text);
  } catch {
    return null;
  }
  return relayout(text);
}

const isSpace = (c: string | undefined) => c === ' ' || c === '\n' || c === '\r' || c === '\t';
const closerOf: Readonly<Record<string, string>> = { '{': '}', '[': ']' };

/** Re-indents text that JSON.parse accepted; iterative, so any nesting depth is safe. */
function relayout(text: string): string {
  const parts: string[] = [];
  let depth = 0;
  const newline = () => '\n' + INDENT.repeat(depth);
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (isSpace(c)) {
      i++;
    } else if (c === '"') {
      const end = scanString(text, i);
      parts.push(text.slice(i, end));
      i = end;
    } else if (c === '{' || c === '[') {
      let next = i + 1;
      while (isSpace(text[next])) next++;
      // An empty object or array stays on one line, as JSON.stringify writes it.
      if (text[next] === closerOf[c]) {
        parts.push(c + text[next]);
        i = next + 1;
      } else {
        depth++;
        parts.push(c + newline());
        i++;
      }
    } else if (c === '}' || c === ']') {
      depth--;
      parts.push(newline() + c);
      i++;
    } else if (c === ',') {
      parts.push(',' + newline());
      i++;
    } else if (c === ':') {
      parts.push(': ');
      i++;
    } else {
      // A number, true, false or null: everything up to the next delimiter, exactly as written.
      let end = i + 1;
      while (end < text.length && !isSpace(text[end]) && !',:]}'.includes(text[end])) end++;
      parts.push(text.slice(i, end));
      i = end;
    }
  }
  return parts.join('');
}
