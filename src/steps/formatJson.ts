/**
 * The JSON text pretty-printed the way updates write files, or null when it is not JSON. Diffing
 * two formatted sides shows what changed in value rather than that a one-line file became many.
 * (Kept apart from equivalence.ts so that the first paint does not pull in the YAML parser.)
 */
export function formatJson(text: string): string | null {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return null;
  }
}
