import { DEFAULT_VIEW, type ViewId } from '../model/location';
import type { StepKind } from '../steps/types';
import type { Slice } from './store';

/** How the panes show things, and the one message the app may be showing. */
export type StackedPane = 'steps' | 'files' | 'detail';

export interface DisplaySlice {
  /** The step list's filter text. */
  filter: string;
  /** The step list shows only steps of this kind; null for all. */
  filterKind: StepKind | null;
  /** The open tab of the detail area; part of the address (`view=`). */
  detailTab: ViewId;
  /** The pane shown in the narrow layout, where the panes stack behind a switch (components/app/Panes). */
  stackedPane: StackedPane;
  /** The tree lists paths that only appear at later steps too. */
  showFuture: boolean;
  /** A dismissible message: a clamped deep link, a dropped stored state, … Cleared when the scenario changes. */
  notice: string | null;

  setFilter(filter: string): void;
  setFilterKind(kind: StepKind | null): void;
  setDetailTab(tab: ViewId): void;
  showStackedPane(pane: StackedPane): void;
  toggleFuture(): void;
  showNotice(notice: string | null): void;
}

export const createDisplaySlice: Slice<DisplaySlice> = (set, get) => ({
  filter: '',
  filterKind: null,
  detailTab: DEFAULT_VIEW,
  stackedPane: 'steps',
  showFuture: false,
  notice: null,

  setFilter(filter) {
    set({ filter });
  },
  setFilterKind(filterKind) {
    set({ filterKind });
  },
  setDetailTab(detailTab) {
    set({ detailTab });
  },
  showStackedPane(stackedPane) {
    set({ stackedPane });
  },
  toggleFuture() {
    set({ showFuture: !get().showFuture });
  },
  showNotice(notice) {
    set({ notice });
  },
});
