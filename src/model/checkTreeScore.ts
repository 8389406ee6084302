import type { ComparedEntry, Comparison } from '../steps/compare';

export interface CheckScore {
  /** Expected entries, files and folders, that are identical or equivalent. */
  readonly matching: number;
  /** Every expected entry plus every extra one: an extra entry costs as much as a missing one. */
  readonly counted: number;
  /** Whole percent, rounded down: 100 % exactly when the verdict is a match. */
  readonly percent: number;
}

/** How the score is counted, in the words the Check tree tab shows beside it. */
export const SCORE_RULE =
  'Score: identical or equivalent entries (files and folders) out of every expected entry plus every extra one.';

/** The headline of a check. Extra entries count, so that the score never says 100 % of a mismatch. */
export function checkScore(comparison: Comparison): CheckScore {
  const { identical, equivalent, different, missing, extra } = comparison.counts;
  const matching = identical + equivalent;
  const counted = matching + different + missing + extra;
  return { matching, counted, percent: counted === 0 ? 100 : Math.floor((matching * 100) / counted) };
}

/** The rows worth a look: everything but identical entries, unless those are asked for too. */
export function visibleEntries(comparison: Comparison, showIdentical: boolean): readonly ComparedEntry[] {
  return showIdentical ? comparison.entries : comparison.entries.filter((e) => e.status !== 'identical');
}
