/** A run of lines that are the same on both sides, only in the old text, or only in the new. */
export interface DiffOp {
  readonly type: 'same' | 'removed' | 'added';
  readonly lines: readonly string[];
}

/** Past this many edits the diff gives up on minimality and replaces the rest wholesale. */
const MAX_EDITS = 4000;

export function splitLines(text: string): string[] {
  return text === '' ? [] : text.split('\n');
}

/** A minimal line diff (Myers' O(ND) algorithm). */
export function diffLines(before: string, after: string): DiffOp[] {
  return myersArrays(splitLines(before), splitLines(after));
}

function myersArrays(a: string[], b: string[]): DiffOp[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const ops: DiffOp[] = [];
  push(ops, 'same', a.slice(0, start));
  for (const op of myers(a.slice(start, endA), b.slice(start, endB))) push(ops, op.type, op.lines);
  push(ops, 'same', a.slice(endA));
  return ops;
}

function push(ops: DiffOp[], type: DiffOp['type'], lines: readonly string[]): void {
  if (lines.length === 0) return;
  const last = ops[ops.length - 1];
  if (last?.type === type) ops[ops.length - 1] = { type, lines: [...last.lines, ...lines] };
  else ops.push({ type, lines });
}

function myers(a: string[], b: string[]): DiffOp[] {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0)
    return [
      ...(n ? [{ type: 'removed' as const, lines: a }] : []),
      ...(m ? [{ type: 'added' as const, lines: b }] : []),
    ];
  const max = Math.min(n + m, MAX_EDITS);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, a, b, offset, d);
    }
  }
  return [
    { type: 'removed', lines: a },
    { type: 'added', lines: b },
  ];
}

function backtrack(trace: Int32Array[], a: string[], b: string[], offset: number, lastD: number): DiffOp[] {
  const reversed: DiffOp[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = lastD; d > 0; d--) {
    const v = trace[d];
    const k = x - y;
    const prevK = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? k + 1 : k - 1;
    const prevX = v[offset + prevK];
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      reversed.push({ type: 'same', lines: [a[--x]] });
      y--;
    }
    if (x === prevX) reversed.push({ type: 'added', lines: [b[--y]] });
    else reversed.push({ type: 'removed', lines: [a[--x]] });
  }
  while (x > 0 && y > 0) {
    reversed.push({ type: 'same', lines: [a[--x]] });
    y--;
  }
  const ops: DiffOp[] = [];
  for (let i = reversed.length - 1; i >= 0; i--) push(ops, reversed[i].type, reversed[i].lines);
  return ops;
}

/** Line counts of a diff, for summaries like "+12 −1". */
export function diffStats(ops: readonly DiffOp[]): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const op of ops) {
    if (op.type === 'added') added += op.lines.length;
    if (op.type === 'removed') removed += op.lines.length;
  }
  return { added, removed };
}

const NO_NEWLINE = '\u0000no-newline';

/** Lines as a patch sees them: a last line without "\n" differs from the same text with one. */
function patchLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  else lines[lines.length - 1] += NO_NEWLINE;
  return lines;
}

/**
 * The hunks of a unified diff (`@@ -a,b +c,d @@` and its lines) with `context` lines around each
 * change, marking a last line without newline as git does, so that `git apply` accepts them.
 */
export function unifiedHunks(before: string, after: string, context = 3): string[] {
  type Line = { mark: ' ' | '-' | '+'; text: string };
  const lines: Line[] = [];
  for (const op of myersArrays(patchLines(before), patchLines(after))) {
    const mark = op.type === 'same' ? ' ' : op.type === 'removed' ? '-' : '+';
    for (const text of op.lines) lines.push({ mark, text });
  }
  const out: string[] = [];
  let oldNo = 1;
  let newNo = 1;
  let i = 0;
  while (i < lines.length) {
    const firstChange = lines.findIndex((l, index) => index >= i && l.mark !== ' ');
    if (firstChange < 0) break;
    const from = Math.max(i, firstChange - context);
    let to = firstChange;
    for (;;) {
      while (to < lines.length && lines[to].mark !== ' ') to++;
      let next = to;
      while (next < lines.length && lines[next].mark === ' ') next++;
      if (next < lines.length && next - to <= 2 * context) to = next;
      else break;
    }
    const end = Math.min(lines.length, to + context);
    for (let skip = i; skip < from; skip++) {
      oldNo++;
      newNo++;
    }
    const hunk = lines.slice(from, end);
    const oldCount = hunk.filter((l) => l.mark !== '+').length;
    const newCount = hunk.filter((l) => l.mark !== '-').length;
    out.push(`@@ -${range(oldNo, oldCount)} +${range(newNo, newCount)} @@`);
    for (const line of hunk) {
      const bare = line.text.endsWith(NO_NEWLINE);
      out.push(line.mark + (bare ? line.text.slice(0, -NO_NEWLINE.length) : line.text));
      if (bare) out.push('\\ No newline at end of file');
    }
    oldNo += oldCount;
    newNo += newCount;
    i = end;
  }
  return out;
}

/** git's range notation: an empty side starts one line earlier. */
function range(start: number, count: number): string {
  if (count === 0) return `${start - 1},0`;
  return count === 1 ? `${start}` : `${start},${count}`;
}
