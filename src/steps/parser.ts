import { StepwiseError } from './errors';
import { JsonScanError, parseJson, scanString, scanValue } from './jsonScan';
import { LIMITS } from './limits';
import { displayName, nameProblem } from './names';
import type {
  DirectoryStep,
  ExpectedEntry,
  FileStep,
  ParseWarning,
  RegistrySpec,
  Step,
  StepDocument,
  UpdateStep,
} from './types';

/**
 * A step line: "Step", blanks, a number, blanks, ":". Anything else is description. `s`: a
 * U+2028/U+2029 inside a step must not turn the whole line into prose. Blanks, digits and the
 * colon are disjoint, so the match is linear (no backtracking on a long line of spaces).
 */
const STEP_LINE = /^Step\s+(\d+)\s*:\s*(.*)$/s;
/**
 * A description line that looks like a step someone mistyped: "Step 7 Create…" (no colon),
 * "step 7:", "**Step 7:**", "Step7:", "Step seven:". "Step back: read this first" is prose.
 */
const MISTYPED_STEP =
  /^[\s*_#>•-]*step\s*(?:\d|(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand)\b[\w\s-]*[:.)])/i;
/** Warnings kept in full; past this, one more says how many were left out (a hostile document could have millions). */
export const MAX_WARNINGS = 100;
const STRUCTURE_MARKER = /EXPECTED FINAL STRUCTURE/i;
const REGISTRY = /^add (\S+) with all (\d+) (\S+) (\S+)(?: and (.*))?$/;
const LONE_SURROGATE = /\p{Cs}/u;

/** Turns a step document into steps. Throws StepwiseError naming the line (and step) at fault. */
export function parseDocument(source: string): StepDocument {
  if (source.length > LIMITS.documentChars)
    throw new StepwiseError(`the document has ${source.length} characters; the limit is ${LIMITS.documentChars}`);
  const text = source.startsWith('\uFEFF') ? source.slice(1) : source;
  const lines = text.split(/\r\n|\n|\r/);
  const steps: Step[] = [];
  const description: string[] = [];
  let expected: ExpectedEntry[] | null = null;
  const warnings = new WarningList();

  for (let i = 0; i < lines.length; i++) {
    const lineText = lines[i];
    const line = i + 1;
    const match = STEP_LINE.exec(lineText);
    if (match) {
      const previousLine = steps.length > 0 ? steps[steps.length - 1].line : 0;
      const number = expectStepNumber(match[1], steps.length + 1, line, warnings.lastLineAfter(previousLine));
      if (steps.length >= LIMITS.steps)
        throw new StepwiseError(`more than ${LIMITS.steps} steps`, { line, step: number });
      steps.push(parseStep(match[2], number, line));
      continue;
    }
    if (MISTYPED_STEP.test(lineText)) warnings.add(line, lineText);
    description.push(lineText);
    if (STRUCTURE_MARKER.test(lineText) && expected === null) {
      const block = readFencedBlock(lines, i + 1);
      if (block) {
        expected = parseStructure(block.lines, i + 2 + block.offset);
        description.pop();
        i = block.end;
      }
    }
  }
  if (steps.length === 0) throw new StepwiseError('the document has no steps ("Step 1: ...")');
  const title = description.find((l) => l.trim() !== '')?.trim() ?? 'Untitled scenario';
  return { title, description: description.join('\n').trim(), steps, expected, warnings: warnings.list };
}

/** The warnings of one document: the first MAX_WARNINGS, then one line saying how many more there were. */
class WarningList {
  private readonly kept: ParseWarning[] = [];
  private omitted = 0;
  private firstOmitted = 0;
  private lastLine = 0;

  add(line: number, text: string): void {
    this.lastLine = line;
    if (this.kept.length === MAX_WARNINGS) {
      if (this.omitted++ === 0) this.firstOmitted = line;
      return;
    }
    const trimmed = text.trim();
    const shown = displayName(trimmed.length > 60 ? `${trimmed.slice(0, 59)}…` : trimmed);
    this.kept.push({
      line,
      message: `Line ${line}: "${shown}" looks like a step but is read as description; a step line starts with "Step <number>:"`,
    });
  }

  get list(): ParseWarning[] {
    if (this.omitted === 0) return this.kept;
    const line = this.firstOmitted;
    return [
      ...this.kept,
      { line, message: `Line ${line}: ${this.omitted} more lines from here on look like mistyped steps` },
    ];
  }

  /** The last warned line after `line`, if any: a gap in the step numbers right after it is explained by it. */
  lastLineAfter(line: number): number | undefined {
    return this.lastLine > line ? this.lastLine : undefined;
  }
}

function expectStepNumber(raw: string, wanted: number, line: number, mistypedLine: number | undefined): number {
  const shown = raw.length > 20 ? `${raw.slice(0, 20)}…` : raw;
  const number = Number(raw);
  if (!Number.isSafeInteger(number)) throw new StepwiseError(`expected step ${wanted}, found step ${shown}`, { line });
  if (number !== wanted) {
    const hint = mistypedLine === undefined ? '' : `; line ${mistypedLine} looks like a mistyped step`;
    throw new StepwiseError(
      number < wanted
        ? `step ${number} comes after step ${wanted - 1}; steps must count 1, 2, 3, … in order${hint}`
        : `expected step ${wanted}, found step ${number} (steps must count 1, 2, 3, … with no gaps)${hint}`,
      { line, step: number },
    );
  }
  return number;
}

function parseStep(body: string, number: number, line: number): Step {
  const where = { line, step: number };
  try {
    if (body.startsWith('Create a directory named ')) return parseDirectory(body, number, line);
    if (body.startsWith('Create a file named ')) return parseFile(body, number, line);
    if (body.startsWith('Update ')) return parseUpdate(body, number, line);
  } catch (e) {
    if (e instanceof JsonScanError) throw new StepwiseError(e.message, where);
    throw e;
  }
  throw new StepwiseError(
    'unknown step form; expected "Create a directory named …", "Create a file named … in … with content: …" or "Update …: add …"',
    where,
  );
}

/** Reads a quoted name at `start`; returns the decoded name and the index after it. */
function readQuotedName(body: string, start: number, what: string): [string, number] {
  if (body[start] !== '"') throw new JsonScanError(`the ${what} name must be in double quotes`);
  const end = scanString(body, start);
  const name = parseJson(body.slice(start, end)) as string;
  const problem = nameProblem(name);
  if (problem) throw new JsonScanError(problem);
  return [name, end];
}

function checkParentName(parent: string): string {
  const problem = nameProblem(parent);
  if (problem) throw new JsonScanError(`the parent must be a bare directory name: ${problem}`);
  return parent;
}

function parseDirectory(body: string, number: number, line: number): DirectoryStep {
  const [name, end] = readQuotedName(body, 'Create a directory named '.length, 'directory');
  const rest = body.slice(end).trimEnd();
  let parent: string | null = null;
  if (rest.startsWith(' inside ')) parent = checkParentName(rest.slice(' inside '.length));
  else if (rest !== '') throw new JsonScanError(`unexpected text after the name: ${JSON.stringify(rest)}`);
  return { kind: 'directory', number, line, text: body, name, parent };
}

function parseFile(body: string, number: number, line: number): FileStep {
  const [name, end] = readQuotedName(body, 'Create a file named '.length, 'file');
  if (!body.startsWith(' in ', end)) throw new JsonScanError('expected " in <directory>" after the file name');
  const marker = body.indexOf(' with content:', end);
  if (marker < 0) throw new JsonScanError('expected " with content: …" after the directory');
  const parent = checkParentName(body.slice(end + ' in '.length, marker));
  let start = marker + ' with content:'.length;
  while (body[start] === ' ') start++;
  return { kind: 'file', number, line, text: body, name, parent, content: parseContent(body, start) };
}

/**
 * `"..."` is a string literal with JSON escapes; `{...}` is inline JSON kept byte for byte.
 * The seed writes a stray `"` after most JSON objects: that single quote is a typo and is dropped.
 * Content is written as UTF-8, which cannot hold half of a surrogate pair (`"\ud800"`): refused
 * rather than written as U+FFFD.
 */
function parseContent(body: string, start: number): string {
  const content = parseContentText(body, start);
  const surrogate = LONE_SURROGATE.exec(content);
  if (surrogate)
    throw new JsonScanError(
      `the content has an unpaired surrogate (\\u${surrogate[0].charCodeAt(0).toString(16)}) at character ${surrogate.index + 1}, which UTF-8 cannot store`,
    );
  return content;
}

function parseContentText(body: string, start: number): string {
  const first = body[start];
  if (first === '"') {
    const end = scanString(body, start);
    rejectTrailing(body.slice(end));
    return parseJson(body.slice(start, end)) as string;
  }
  if (first === '{') {
    const end = scanValue(body, start);
    const raw = body.slice(start, end);
    parseJson(raw);
    const after = body.slice(end);
    rejectTrailing(after.startsWith('"') ? after.slice(1) : after);
    return raw;
  }
  throw new JsonScanError(
    first === undefined
      ? 'the content is missing'
      : 'the content must start with " (text with \\n escapes) or { (inline JSON)',
  );
}

function rejectTrailing(rest: string): void {
  if (rest.trim() !== '')
    throw new JsonScanError(`unexpected text after the content: ${JSON.stringify(rest.slice(0, 40))}`);
}

function parseUpdate(body: string, number: number, line: number): UpdateStep {
  const colon = body.indexOf(': add ');
  if (colon < 0) throw new JsonScanError('expected "Update <file>: add …"');
  const file = body.slice('Update '.length, colon);
  const problem = nameProblem(file);
  if (problem) throw new JsonScanError(`the file must be a bare file name: ${problem}`);
  const action = body.slice(colon + 2).trimEnd();
  const registryMatch = REGISTRY.exec(action);
  let registry: RegistrySpec | null = null;
  let entriesText = action.slice('add '.length);
  if (registryMatch) {
    registry = {
      key: registryMatch[1],
      count: Number(registryMatch[2]),
      collection: registryMatch[3],
      status: registryMatch[4],
    };
    entriesText = registryMatch[5] ?? '';
  }
  const valueTexts: string[] = [];
  const entries = parseEntries(entriesText, valueTexts);
  if (!registry && entries.length === 0) throw new JsonScanError('the update adds nothing');
  return { kind: 'update', number, line, text: body, file, registry, entries, valueTexts };
}

const KEY = /^([A-Za-z_$][\w$.-]*)\s*:\s*/;

/** `k: "v", k2: 3` → [["k","v"],["k2",3]]; keys may also be written as JSON strings. */
function parseEntries(text: string, valueTexts: string[]): Array<readonly [string, unknown]> {
  const entries: Array<readonly [string, unknown]> = [];
  let i = 0;
  while (i < text.length) {
    let key: string;
    if (text[i] === '"') {
      const end = scanString(text, i);
      key = parseJson(text.slice(i, end)) as string;
      const colon = /^\s*:\s*/.exec(text.slice(end));
      if (!colon) throw new JsonScanError(`expected ":" after the key ${JSON.stringify(key)}`);
      i = end + colon[0].length;
    } else {
      const match = KEY.exec(text.slice(i));
      if (!match) throw new JsonScanError(`expected "key: value" at ${JSON.stringify(text.slice(i, i + 30))}`);
      key = match[1];
      i += match[0].length;
    }
    const end = scanValue(text, i);
    valueTexts.push(text.slice(i, end));
    entries.push([key, parseJson(text.slice(i, end))]);
    i = end;
    const separator = /^\s*,\s*/.exec(text.slice(i));
    if (separator) i += separator[0].length;
    else if (text.slice(i).trim() !== '')
      throw new JsonScanError(`expected "," or the end of the line after the value of ${key}`);
    else break;
  }
  return entries;
}

function readFencedBlock(lines: string[], from: number): { lines: string[]; offset: number; end: number } | null {
  let start = from;
  while (start < lines.length && lines[start].trim() === '') start++;
  if (!lines[start]?.trim().startsWith('```')) return null;
  for (let end = start + 1; end < lines.length; end++) {
    if (lines[end].trim().startsWith('```'))
      return { lines: lines.slice(start + 1, end), offset: start + 1 - from, end };
  }
  return null;
}

const TREE_DRAWING = /^[\s│├└─|`+\\-]*/;

/** "gateway/ (final state)" → "gateway/". A scan, not a regex: a regex here backtracks quadratically on long lines. */
function withoutAnnotation(name: string): string {
  if (!name.endsWith(')')) return name;
  const open = name.lastIndexOf('(');
  if (open <= 0 || !/\s/.test(name[open - 1]) || name.indexOf(')', open) !== name.length - 1) return name;
  return name.slice(0, open).trimEnd();
}

/** Turns an indented tree drawing ("├── dir/", "│   └── file") into paths in drawing order. */
export function parseStructure(lines: readonly string[], firstLine = 1): ExpectedEntry[] {
  const entries: ExpectedEntry[] = [];
  const stack: Array<{ depth: number; path: string }> = [];
  lines.forEach((raw, index) => {
    const prefix = TREE_DRAWING.exec(raw)?.[0] ?? '';
    let name = raw.slice(prefix.length).trim();
    if (name === '') return;
    name = withoutAnnotation(name);
    const isDirectory = name.endsWith('/');
    if (isDirectory) name = name.slice(0, -1);
    const problem = nameProblem(name);
    if (problem) throw new StepwiseError(`expected structure: ${problem}`, { line: firstLine + index });
    const depth = prefix.length;
    while (stack.length > 0 && stack[stack.length - 1].depth >= depth) stack.pop();
    const parent = stack.length > 0 ? stack[stack.length - 1].path : '';
    const path = parent === '' ? name : `${parent}/${name}`;
    entries.push({ path, kind: isDirectory ? 'directory' : 'file' });
    if (isDirectory) stack.push({ depth, path });
  });
  return entries;
}
