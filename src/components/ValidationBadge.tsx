import { useEffect, useMemo, useState } from 'react';
import { useStepwise } from '../state/store';
import './ValidationBadge.css';

type ValidateModule = typeof import('../steps/validate');

/**
 * The validation verdict of the current step, always in view. The checker (and the YAML parser it
 * needs) is loaded after the first paint; until then the badge says "checking…".
 */
export function ValidationBadge() {
  const replay = useStepwise((s) => s.scenario.replay);
  const position = useStepwise((s) => s.position);
  const [checker, setChecker] = useState<ValidateModule | null>(null);

  useEffect(() => {
    let live = true;
    import('../steps/validate').then(
      (module) => {
        if (live) setChecker(module);
      },
      // A failed chunk load leaves the badge at "checking…"; the Validation tab reports the error.
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);

  // validateSnapshot memoises per tree, so stepping back and forth costs a lookup.
  const validation = useMemo(() => checker?.validateSnapshot(replay, position) ?? null, [checker, replay, position]);
  if (!checker || !validation)
    return (
      <span className="validation-badge validation-badge--pending" role="note" aria-label="Validation">
        checking…
      </span>
    );
  const structureFails = validation.isLast && validation.structure !== null && !validation.structure.matches;
  const good = validation.valid === validation.files.length && !structureFails;
  return (
    <span
      className={`validation-badge validation-badge--${good ? 'good' : 'bad'}`}
      role="note"
      aria-label="Validation"
      title={
        validation.isLast
          ? 'Files that parse at this step, and the tree compared with the expected final structure (Validation tab)'
          : 'Files that parse at this step; the structure is compared at the last step (Validation tab)'
      }
    >
      {checker.validationSummary(validation)}
    </span>
  );
}
