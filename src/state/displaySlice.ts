import type { Slice } from './store';

/** How the panes show things, and the one message the app may be showing. */
export interface DisplaySlice {
  /** The step list's filter text. */
  filter: string;
  /** The tree lists paths that only appear at later steps too. */
  showFuture: boolean;
  /** A dismissible message: a clamped deep link, a dropped stored state, … */
  notice: string | null;

  setFilter(filter: string): void;
  toggleFuture(): void;
  showNotice(notice: string | null): void;
}

export const createDisplaySlice: Slice<DisplaySlice> = (set, get) => ({
  filter: '',
  showFuture: false,
  notice: null,

  setFilter(filter) {
    set({ filter });
  },
  toggleFuture() {
    set({ showFuture: !get().showFuture });
  },
  showNotice(notice) {
    set({ notice });
  },
});
