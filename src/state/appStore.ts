import { useStore } from 'zustand';
import { createStepwiseStore, type StepwiseState } from './store';

/**
 * The page's one store. A module of its own rather than a React context: a page shows one scenario, nothing
 * renders the app against another store, and the code outside React (the address, shortcuts, playback, the
 * document loader) reaches it without a provider. That code takes the store as an argument, so tests give it
 * one made by createStepwiseStore.
 */
export const stepwiseStore = createStepwiseStore();

/** Selects from the page's store with zustand's own React binding; keep selectors narrow. */
export function useStepwise<T>(selector: (state: StepwiseState) => T): T {
  return useStore(stepwiseStore, selector);
}
