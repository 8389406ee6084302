import { parseAllDocuments, visit, type Document } from 'yaml';
import { tooDeeplyNested } from './jsonScan';
import { languageOf } from './language';
import { LIMITS } from './limits';
import { numberText, orderedNumber, orderedString, parseOrdered } from './orderedJson';

/**
 * Structural equality of parsed JSON/YAML values; object key order does not matter. Numbers read
 * by parseData compare by their exact decimal value: 1.0 = 1 and 1e2 = 100, but
 * 8001.0000000000001 ≠ 8001, which the same double would call equal.
 */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const [aNumber, bNumber] = [numberText(a), numberText(b)];
  if (aNumber !== null && bNumber !== null) return exactDecimal(aNumber) === exactDecimal(bNumber);
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

const DECIMAL = /^([-+]?)(\d*)(?:\.(\d*))?(?:[eE]([-+]?\d+))?$/;
/** Exponents longer than this are compared as written rather than converted (a hostile file could hold a million digits). */
const LONGEST_EXPONENT = 30;

/**
 * A decimal number's value as "digits e exponent" with no leading or trailing zeros, so that two
 * texts of the same value give the same string: "1.50" and "15e-1" are both "15e-1"; every zero
 * ("-0", "0.0e5") is "0". Hexadecimal and octal YAML integers arrive already in decimal.
 */
export function exactDecimal(text: string): string {
  const match = DECIMAL.exec(text);
  const [, sign, whole, fraction = '', exponent = '0'] = match ?? [];
  if (!match || whole + fraction === '' || exponent.length > LONGEST_EXPONENT) return text;
  const digits = (whole + fraction).replace(/^0+/, '');
  if (digits === '') return '0';
  const significant = digits.replace(/0+$/, '');
  const scale = BigInt(exponent) - BigInt(fraction.length) + BigInt(digits.length - significant.length);
  return `${sign === '-' ? '-' : ''}${significant}e${scale}`;
}

/**
 * The file parsed as data, or undefined when it is not JSON/YAML or does not parse. Numbers and
 * strings are marked as in orderedJson.ts, so that sameValue compares numbers as written.
 */
export function parseData(path: string, text: string): { value: unknown } | undefined {
  const language = languageOf(path);
  // Too deep to compare safely (sameValue and the YAML parser recurse): compared as text instead.
  if ((language === 'json' && tooDeeplyNested(text)) || (language === 'yaml' && yamlTooDeep(text))) return undefined;
  try {
    if (language === 'json') return { value: parseOrdered(text) };
    if (language === 'yaml') {
      const documents = parseAllDocuments(text);
      if (!Array.isArray(documents) || documents.some((d) => d.errors.length > 0)) return undefined;
      return { value: documents.map((d) => markScalars(d).toJS() as unknown) };
    }
  } catch {
    return undefined;
  }
  return undefined;
}

/**
 * Marks the document's number and string values the way parseOrdered does. A number keeps its
 * source text where YAML wrote it in decimal; `0x1F` and `0o17` are converted exactly; `.inf` and
 * `.nan` stay doubles. Map keys stay as they are: they are compared as names.
 */
function markScalars(document: Document.Parsed): Document.Parsed {
  visit(document, {
    Scalar(key, node) {
      if (key === 'key') return;
      if (typeof node.value === 'string') node.value = orderedString(node.value);
      else if (typeof node.value === 'number' || typeof node.value === 'bigint') {
        const source = node.source ?? '';
        if (/^0[xo][\da-fA-F]+$/.test(source)) node.value = orderedNumber(BigInt(source).toString());
        else if (/^[-+]?(?:\d|\.\d)/.test(source)) node.value = orderedNumber(source);
      }
    },
  });
  return document;
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
