import { useStepwise } from '../../state/appStore';
import type { Saga } from '../../steps/sagas';
import './SagaView.css';

export interface SagaViewProps {
  sagas: readonly Saga[];
  /** The step that creates the first saga file, for the hint shown before it exists. */
  createdAt: number | null;
}

/** Each saga's steps in order with the service that runs them and what undoes them. */
export function SagaView({ sagas, createdAt }: SagaViewProps) {
  const goTo = useStepwise((s) => s.goTo);
  if (sagas.length === 0)
    return (
      <p className="muted">
        No saga definitions at this step.{' '}
        {createdAt !== null && (
          <button type="button" className="saga-view__jump" onClick={() => goTo(createdAt)}>
            Step {createdAt} defines them
          </button>
        )}
      </p>
    );
  return (
    <div className="saga-view">
      {sagas.map((saga) => (
        <table className="data-table saga-view__saga" key={`${saga.file}#${saga.name}`}>
          <caption className="saga-view__caption">
            <span className="mono saga-view__name">{saga.name}</span>
            {saga.settings.length > 0 && (
              <span className="muted">
                {' '}
                · {saga.settings.map(([key, value]) => `${key} ${String(value)}`).join(' · ')}
              </span>
            )}
          </caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Step</th>
              <th scope="col">Service · action</th>
              <th scope="col">Compensation</th>
            </tr>
          </thead>
          <tbody>
            {saga.steps.map((step, i) => (
              <tr key={`${i}-${step.name}`}>
                <td className="saga-view__index">{i + 1}</td>
                <th scope="row" className="mono">
                  {step.name}
                </th>
                <td className="mono">
                  {step.service} <span className="muted">·</span> {step.action}
                </td>
                <td className="mono">{step.compensation ?? <span className="muted saga-view__none">none</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </div>
  );
}
