/** Keeps a requested position inside 0..last; NaN and fractions become the nearest valid step. */
export function clampPosition(requested: number, last: number): number {
  if (!Number.isFinite(requested)) return 0;
  return Math.min(last, Math.max(0, Math.round(requested)));
}

/** The nearest change position before / after `position`, or null when there is none. */
export function adjacentChange(changes: readonly number[], position: number, direction: -1 | 1): number | null {
  if (direction < 0) {
    for (let i = changes.length - 1; i >= 0; i--) if (changes[i] < position) return changes[i];
    return null;
  }
  for (const change of changes) if (change > position) return change;
  return null;
}

export const PLAY_SPEEDS = [
  { label: '0.5×', interval: 1600 },
  { label: '1×', interval: 800 },
  { label: '2×', interval: 400 },
  { label: '4×', interval: 200 },
  { label: '10×', interval: 80 },
] as const;
