/** Summary figures of a sample, in the sample's unit; `max` is the worst case. */
export interface Summary {
  readonly n: number;
  readonly median: number;
  readonly p95: number;
  readonly max: number;
}

/** Nearest-rank percentile of an already sorted sample. */
function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** Median, 95th percentile and maximum of `values`, rounded to 0.01. */
export function summarize(values: readonly number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    n: sorted.length,
    median: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    max: round(sorted.at(-1) ?? Number.NaN),
  };
}
