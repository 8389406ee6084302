import type { KeyboardEvent } from 'react';

/**
 * The keys of a WAI-ARIA tab list with automatic activation: ← and → move to the previous / next tab
 * (wrapping), Home and End to the first / last; the tab reached is selected and focused. Keys it handles
 * go no further, so the app's own shortcuts for them (← → step) do not fire as well.
 */
export function onTabListKeyDown<T extends string>(
  event: KeyboardEvent<HTMLElement>,
  ids: readonly T[],
  active: T,
  select: (id: T) => void,
): void {
  const index = ids.indexOf(active);
  const count = ids.length;
  const targets: Record<string, number> = {
    ArrowRight: (index + 1) % count,
    ArrowLeft: (index - 1 + count) % count,
    Home: 0,
    End: count - 1,
  };
  const next = targets[event.key];
  if (next === undefined) return;
  event.preventDefault();
  event.stopPropagation();
  select(ids[next]);
  event.currentTarget.querySelectorAll<HTMLElement>('[role="tab"]')[next]?.focus();
}
