import { useEffect, useMemo, useState } from 'react';
import { whenIdle } from '../../state/afterPaint';
import { useStepwise } from '../../state/appStore';
import './ValidationBadge.css';

type ValidateModule = typeof import('../../steps/validate');

/**
 * The validation verdict of the current step, always in view. The checker (and the YAML parser it
 * needs) is loaded once the page is idle after the first paint; until then the badge says "checking…".
 * The file counts behind the verdict come with a loaded document from the loader's worker
 * (documentLoader.ts); positions not counted yet are counted on demand (verdictAt).
 */
export function ValidationBadge() {
  const replay = useStepwise((s) => s.scenario.replay);
  const position = useStepwise((s) => s.position);
  const [checker, setChecker] = useState<ValidateModule | null>(null);

  useEffect(() => {
    let live = true;
    // Once the page is idle: the checker and its YAML parser would otherwise compete with the first
    // paint and the editor for the network and the main thread.
    const cancel = whenIdle(
      () =>
        void import('../../steps/validate').then(
          (module) => {
            if (live) setChecker(module);
          },
          // A failed chunk load leaves the badge at "checking…"; the Validation tab reports the error.
          () => undefined,
        ),
      2000,
    );
    return () => {
      live = false;
      cancel();
    };
  }, []);

  const verdict = useMemo(() => checker?.verdictAt(replay, position) ?? null, [checker, replay, position]);
  const warnings = replay.document.warnings.length;
  if (!verdict)
    return (
      <span className="validation-badge validation-badge--pending" role="note" aria-label="Validation">
        checking…
      </span>
    );
  return (
    <span
      className={`validation-badge validation-badge--${verdict.good ? 'good' : 'bad'}`}
      role="note"
      aria-label="Validation"
      title={
        verdict.isLast
          ? 'Files that parse at this step, and the tree compared with the expected final structure (Validation tab)'
          : 'Files that parse at this step; the structure is compared at the last step (Validation tab)'
      }
    >
      {verdict.text}
      {warnings > 0 && ` · ${warnings === 1 ? '1 document warning' : `${warnings} document warnings`}`}
    </span>
  );
}
