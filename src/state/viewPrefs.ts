/**
 * How the reader likes files, diffs and panes shown, remembered in localStorage across visits. What is
 * stored is untrusted: each setting is checked on its own, and one that is missing, of the wrong type or
 * out of range falls back to its default without touching the others.
 */

/** Side by side, inline, or `auto`: inline where the diff is narrower than DIFF_INLINE_BELOW pixels. */
export type DiffLayout = 'auto' | 'side-by-side' | 'inline';

export interface ViewPrefs {
  /** The File view shows JSON formatted (Download file still saves the bytes as written). */
  readonly formatJson: boolean;
  /** The File view wraps long lines. */
  readonly wordWrap: boolean;
  /** Every diff compares JSON formatted on both sides. */
  readonly diffFormatted: boolean;
  readonly diffLayout: DiffLayout;
  /** Widths of the step list and the tree in the side-by-side layout, in percent of the panes' row. */
  readonly paneWidths: PaneWidths;
}

export interface PaneWidths {
  readonly steps: number;
  readonly files: number;
}

/** The range each pane's width may take, in percent. */
export const PANE_WIDTH_RANGE = { min: 12, max: 40 } as const;

/** The detail pane keeps at least this share of the row, whatever the other two are given. */
const DETAIL_MIN_WIDTH = 30;

/** The widest `pane` may be next to the other's width. */
export function maxPaneWidth(widths: PaneWidths, pane: keyof PaneWidths): number {
  const other = pane === 'steps' ? widths.files : widths.steps;
  return Math.min(PANE_WIDTH_RANGE.max, 100 - DETAIL_MIN_WIDTH - other);
}

/** Below this width (CSS pixels) an `auto` diff is shown inline: two columns would each be too narrow to read. */
export const DIFF_INLINE_BELOW = 1100;

export const DEFAULT_VIEW_PREFS: ViewPrefs = {
  formatJson: true,
  wordWrap: false,
  diffFormatted: true,
  diffLayout: 'auto',
  paneWidths: { steps: 22, files: 20 },
};

const STORAGE_KEY = 'stepwise:prefs';
/** Far more than the settings take; anything larger is not read at all. */
const STORAGE_BUDGET = 1024;

/** The part of Storage used here; tests pass an in-memory one. */
export type PrefsStorage = Pick<Storage, 'getItem' | 'setItem'>;

const DIFF_LAYOUTS: readonly DiffLayout[] = ['auto', 'side-by-side', 'inline'];

function paneWidth(value: unknown, fallback: number): number {
  return typeof value === 'number' && value >= PANE_WIDTH_RANGE.min && value <= PANE_WIDTH_RANGE.max ? value : fallback;
}

/** The stored settings, each one checked; the defaults for whatever is missing or unusable. */
export function readViewPrefs(storage: PrefsStorage | null): ViewPrefs {
  let stored: unknown;
  try {
    const raw = storage?.getItem(STORAGE_KEY) ?? null;
    if (raw === null || raw.length > STORAGE_BUDGET) return DEFAULT_VIEW_PREFS;
    stored = JSON.parse(raw);
  } catch {
    return DEFAULT_VIEW_PREFS;
  }
  if (typeof stored !== 'object' || stored === null) return DEFAULT_VIEW_PREFS;
  const value = stored as Partial<Record<keyof ViewPrefs, unknown>>;
  const flag = (key: 'formatJson' | 'wordWrap' | 'diffFormatted') =>
    typeof value[key] === 'boolean' ? value[key] : DEFAULT_VIEW_PREFS[key];
  const widths = (typeof value.paneWidths === 'object' && value.paneWidths) || {};
  const { steps, files } = widths as Partial<Record<keyof PaneWidths, unknown>>;
  const paneWidths = {
    steps: paneWidth(steps, DEFAULT_VIEW_PREFS.paneWidths.steps),
    files: paneWidth(files, DEFAULT_VIEW_PREFS.paneWidths.files),
  };
  return {
    formatJson: flag('formatJson'),
    wordWrap: flag('wordWrap'),
    diffFormatted: flag('diffFormatted'),
    diffLayout: DIFF_LAYOUTS.find((layout) => layout === value.diffLayout) ?? DEFAULT_VIEW_PREFS.diffLayout,
    paneWidths: paneWidths.steps <= maxPaneWidth(paneWidths, 'steps') ? paneWidths : DEFAULT_VIEW_PREFS.paneWidths,
  };
}

/** Saves the settings; a full or disabled storage only means they are not remembered. */
export function writeViewPrefs(storage: PrefsStorage | null, prefs: ViewPrefs): void {
  try {
    storage?.setItem(STORAGE_KEY, JSON.stringify(prefs));
  } catch {
    // Settings are a convenience: the page works the same without them.
  }
}
