import type { Slice } from './store';
import { browserStorage } from '../io/viewStorage';
import { readViewPrefs, writeViewPrefs, type ViewPrefs } from './viewPrefs';

/** How files, diffs and panes are shown: the reader's settings, remembered across visits (see viewPrefs.ts). */
export interface PrefsSlice {
  prefs: ViewPrefs;
  /** Changes some of the settings and remembers them. */
  setPrefs(change: Partial<ViewPrefs>): void;
}

export const createPrefsSlice: Slice<PrefsSlice> = (set, get) => ({
  prefs: readViewPrefs(browserStorage()),

  setPrefs(change) {
    const prefs = { ...get().prefs, ...change };
    set({ prefs });
    writeViewPrefs(browserStorage(), prefs);
  },
});
