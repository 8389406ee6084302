import type { Slice } from './store';

/** How the panes show things, and the one message the app may be showing. */
export interface DisplaySlice {
  /** The step list's filter text. */
  filter: string;
  /** The tree lists paths that only appear at later steps too. */
  showFuture: boolean;
  /** Diff JSON files as formatted JSON (on by default) rather than as their raw text. */
  diffFormatted: boolean;
  /** A dismissible message: a clamped deep link, a dropped stored state, … */
  notice: string | null;
  /** The tab of the detail area shown (an id of DETAIL_TABS). */
  detailTab: string;

  setFilter(filter: string): void;
  toggleFuture(): void;
  toggleDiffFormatted(): void;
  showNotice(notice: string | null): void;
  setDetailTab(tab: string): void;
}

export const createDisplaySlice: Slice<DisplaySlice> = (set, get) => ({
  filter: '',
  showFuture: false,
  diffFormatted: true,
  notice: null,
  detailTab: 'file',

  setFilter(filter) {
    set({ filter });
  },
  toggleFuture() {
    set({ showFuture: !get().showFuture });
  },
  toggleDiffFormatted() {
    set({ diffFormatted: !get().diffFormatted });
  },
  showNotice(notice) {
    set({ notice });
  },
  setDetailTab(detailTab) {
    set({ detailTab });
  },
});
