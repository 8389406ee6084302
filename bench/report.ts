/** The benchmark's table: one line per figure, its target beside it, and whether it holds. */

export interface Row {
  readonly section: string;
  readonly figure: string;
  /** The measured value(s), already formatted. */
  readonly value: string;
  readonly target: string;
  /** true: meets the target, false: misses it, null: no target (information only). */
  readonly ok: boolean | null;
}

const ms = (x: number) => (Number.isFinite(x) ? `${x.toFixed(x < 10 ? 2 : 1)} ms` : 'n/a');

/** "median / p95 / max" of a summary in ms. */
export function spread(s: { median: number; p95: number; max: number }): string {
  return `${ms(s.median)} / ${ms(s.p95)} / ${ms(s.max)}`;
}

export { ms };

/** A row whose target is "value ≤ limit". */
export function atMost(
  section: string,
  figure: string,
  value: string,
  measured: number,
  limit: number,
  unit: string,
): Row {
  return {
    section,
    figure,
    value,
    target: `≤ ${limit} ${unit}`,
    ok: Number.isFinite(measured) ? measured <= limit : false,
  };
}

export function info(section: string, figure: string, value: string): Row {
  return { section, figure, value, target: '—', ok: null };
}

export function printTable(rows: readonly Row[]): void {
  const widths = [0, 0, 0];
  for (const row of rows) {
    widths[0] = Math.max(widths[0], row.figure.length);
    widths[1] = Math.max(widths[1], row.value.length);
    widths[2] = Math.max(widths[2], row.target.length);
  }
  // Grouped by section, in the order the sections first appear: a section may be measured in parts.
  const sections = [...new Set(rows.map((row) => row.section))];
  const grouped = sections.flatMap((name) => rows.filter((row) => row.section === name));
  let section = '';
  for (const row of grouped) {
    if (row.section !== section) {
      section = row.section;
      console.log(`\n${section}`);
    }
    const mark = row.ok === null ? '' : row.ok ? 'ok' : 'MISSED';
    console.log(
      `  ${row.figure.padEnd(widths[0])}  ${row.value.padEnd(widths[1])}  ${row.target.padEnd(widths[2])}  ${mark}`,
    );
  }
}
