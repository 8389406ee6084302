import type { StepStatus } from './grade';

/**
 * How a step's grade is shown: the grade's statuses, with a step done with other bytes holding the
 * same JSON/YAML value told apart as "equivalent".
 */
export type ShownStatus = 'done' | 'equivalent' | 'combined' | 'out-of-order' | 'wrong' | 'missing';

/** The word shown beside a status's icon and colour (never the colour alone). */
export const STATUS_WORDS: Readonly<Record<ShownStatus, string>> = {
  done: 'done',
  equivalent: 'equivalent',
  combined: 'combined',
  'out-of-order': 'out of order',
  wrong: 'wrong',
  missing: 'missing',
};

export function shownStatus(step: { readonly status: StepStatus; readonly equivalent: boolean }): ShownStatus {
  return step.status === 'done' && step.equivalent ? 'equivalent' : step.status;
}
