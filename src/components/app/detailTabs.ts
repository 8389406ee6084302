import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { VIEWS, type ViewId } from '../../model/location';
import { FilePane } from '../file/FilePane';

/** One tab of the detail area. Tabs other than File load their code when first opened. */
export interface DetailTab {
  /** Its name in the address (`view=history`). */
  readonly id: ViewId;
  readonly label: string;
  readonly Panel: ComponentType | LazyExoticComponent<ComponentType>;
}

/** Every view the address can name has its tab (the compiler checks that none is missing), in VIEWS' order. */
const PANELS: Readonly<Record<ViewId, Omit<DetailTab, 'id'>>> = {
  file: { label: 'File', Panel: FilePane },
  architecture: {
    label: 'Architecture',
    Panel: lazyPanel(() => import('../architecture/ArchitectureView'), 'ArchitectureView'),
  },
  history: { label: 'History', Panel: lazyPanel(() => import('../history/FileHistory'), 'FileHistory') },
  compare: { label: 'Compare', Panel: lazyPanel(() => import('../compare/CompareSteps'), 'CompareSteps') },
  validation: {
    label: 'Validation',
    Panel: lazyPanel(() => import('../validation/ValidationPanel'), 'ValidationPanel'),
  },
  check: { label: 'Check tree', Panel: lazyPanel(() => import('../check/CheckTree'), 'CheckTree') },
  runs: { label: 'Runs', Panel: lazyPanel(() => import('../runs/RunsPanel'), 'RunsPanel') },
  documents: { label: 'Documents', Panel: lazyPanel(() => import('../documents/Documents'), 'Documents') },
};

export const DETAIL_TABS: readonly DetailTab[] = VIEWS.map((id) => ({ id, ...PANELS[id] }));

/** Loads a named export lazily, so a tab's code (and its libraries) stay out of the first paint. */
export function lazyPanel<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(async () => ({ default: (await load())[name] }));
}
