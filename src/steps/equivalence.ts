import { parseAllDocuments } from 'yaml';
import { languageOf } from './language';

/** Structural equality of parsed JSON/YAML values; object key order does not matter. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return Number.isNaN(a) && Number.isNaN(b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  const aKeys = Object.keys(a);
  const bRecord = b as Record<string, unknown>;
  if (aKeys.length !== Object.keys(b).length) return false;
  return aKeys.every((key) => Object.prototype.hasOwnProperty.call(b, key) && sameValue((a as Record<string, unknown>)[key], bRecord[key]));
}

/** The file parsed as data, or undefined when it is not JSON/YAML or does not parse. */
export function parseData(path: string, text: string): { value: unknown } | undefined {
  const language = languageOf(path);
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
    const documents = parseAllDocuments(text);
    if (!Array.isArray(documents)) return 'empty YAML stream';
    const error = documents.flatMap((d) => d.errors)[0];
    return error ? error.message.split('\n')[0] : null;
  }
  return null;
}

/**
 * The JSON text pretty-printed the way updates write files, or null when it is not JSON. Diffing
 * two formatted sides shows what changed in value rather than that a one-line file became many.
 */
export function formatJson(text: string): string | null {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return null;
  }
}
