import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { FilePane } from '../file/FilePane';

/** One tab of the detail area. Tabs other than File load their code when first opened. */
export interface DetailTab {
  readonly id: string;
  readonly label: string;
  readonly Panel: ComponentType | LazyExoticComponent<ComponentType>;
}

export const DETAIL_TABS: readonly DetailTab[] = [
  { id: 'file', label: 'File', Panel: FilePane },
  // Architecture, history, compare and validation tabs:
  {
    id: 'architecture',
    label: 'Architecture',
    Panel: lazyPanel(() => import('../architecture/ArchitectureView'), 'ArchitectureView'),
  },
  { id: 'history', label: 'History', Panel: lazyPanel(() => import('../history/FileHistory'), 'FileHistory') },
  { id: 'compare', label: 'Compare', Panel: lazyPanel(() => import('../compare/CompareSteps'), 'CompareSteps') },
  {
    id: 'validation',
    label: 'Validation',
    Panel: lazyPanel(() => import('../validation/ValidationPanel'), 'ValidationPanel'),
  },
  // Check-a-tree and documents tabs:
  { id: 'check', label: 'Check tree', Panel: lazyPanel(() => import('../check/CheckTree'), 'CheckTree') },
  { id: 'runs', label: 'Runs', Panel: lazyPanel(() => import('../runs/RunsPanel'), 'RunsPanel') },
  { id: 'documents', label: 'Documents', Panel: lazyPanel(() => import('../documents/Documents'), 'Documents') },
];

/** Loads a named export lazily, so a tab's code (and its libraries) stay out of the first paint. */
export function lazyPanel<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(async () => ({ default: (await load())[name] }));
}
