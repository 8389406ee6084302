import { parseAllDocuments } from 'yaml';
import { tooDeeplyNested } from './jsonScan';
import { languageOf } from './language';
import { LIMITS } from './limits';

/** Structural equality of parsed JSON/YAML values; object key order does not matter. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null)
    return Number.isNaN(a) && Number.isNaN(b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  const aKeys = Object.keys(a);
  const bRecord = b as Record<string, unknown>;
  if (aKeys.length !== Object.keys(b).length) return false;
  return aKeys.every(
    (key) =>
      Object.prototype.hasOwnProperty.call(b, key) && sameValue((a as Record<string, unknown>)[key], bRecord[key]),
  );
}

/** The file parsed as data, or undefined when it is not JSON/YAML or does not parse. */
export function parseData(path: string, text: string): { value: unknown } | undefined {
  const language = languageOf(path);
  // Too deep to compare safely (sameValue and the YAML parser recurse): compared as text instead.
  if ((language === 'json' && tooDeeplyNested(text)) || (language === 'yaml' && yamlTooDeep(text))) return undefined;
  try {
    if (language === 'json') return { value: JSON.parse(text) as unknown };
    if (language === 'yaml') {
      const documents = parseAllDocuments(text);
      if (!Array.isArray(documents) || documents.some((d) => d.errors.length > 0)) return undefined;
      return { value: documents.map((d) => d.toJS() as unknown) };
    }
  } catch {
    return undefined;
  }
  return undefined;
}

/** Why a JSON/YAML file does not parse, or null when it does (or is another kind of file). */
export function syntaxProblem(path: string, text: string): string | null {
  const language = languageOf(path);
  if (language === 'json') {
    try {
      JSON.parse(text);
      return null;
    } catch (e) {
      return (e as Error).message;
    }
  }
  if (language === 'yaml') {
    if (yamlTooDeep(text)) return `flow collections nested more than ${LIMITS.jsonDepth} levels deep; not checked`;
    const documents = parseAllDocuments(text);
    if (!Array.isArray(documents)) return 'empty YAML stream';
    const error = documents.flatMap((d) => d.errors)[0];
    return error ? error.message.split('\n')[0] : null;
  }
  return null;
}

/**
 * True when YAML flow collections (`[`, `{`) nest deeper than LIMITS.jsonDepth. The yaml package
 * recurses per level and, near the stack's end, V8 can abort the whole page instead of throwing.
 * Quoted scalars and comments are skipped only where they can start a token, so brackets inside
 * them never hide real nesting; a bracket in block text may over-count, which only means the file
 * is compared as text.
 */
function yamlTooDeep(text: string): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const atTokenStart = i === 0 || ' \t\r\n[{,:'.includes(text[i - 1]);
    if (c === '[' || c === '{') {
      if (++depth > LIMITS.jsonDepth) return true;
    } else if (c === ']' || c === '}') depth = Math.max(0, depth - 1);
    else if (c === '#' && atTokenStart) {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '"' && atTokenStart) {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === "'" && atTokenStart) {
      for (i++; i < text.length; i++) {
        if (text[i] !== "'") continue;
        if (text[i + 1] !== "'") break;
        i++;
      }
    }
  }
  return false;
}
