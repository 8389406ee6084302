import { useMemo } from 'react';
import { useStepwise } from '../../state/appStore';
import { firstCreationOf, SAGA_FILE, sagasIn } from '../../steps/sagas';
import { SERVICE_STATUSES, STATUS_LABELS, serviceModel, statusChanges } from '../../steps/services';
import { subsystemTables } from '../../steps/subsystems';
import { CircuitBreakers } from './CircuitBreakers';
import { SagaView } from './SagaView';
import { ServiceGraph, STATUS_GLYPHS } from './ServiceGraph';
import { SubsystemTable } from './SubsystemTable';
import './ArchitectureView.css';

/** The services, subsystems, sagas and circuit breakers as the tree at the current step describes them. */
export function ArchitectureView() {
  const replay = useStepwise((s) => s.scenario.replay);
  const position = useStepwise((s) => s.position);
  const model = useMemo(() => serviceModel(replay, position), [replay, position]);
  const tables = useMemo(() => subsystemTables(replay, position), [replay, position]);
  const sagas = useMemo(() => sagasIn(replay.snapshots[position].root), [replay, position]);
  const sagaStep = useMemo(() => firstCreationOf(replay, SAGA_FILE), [replay]);
  const changes = statusChanges(model);
  const counts = SERVICE_STATUSES.map(
    (status) => [status, model.services.filter((s) => s.status === status).length] as const,
  );

  return (
    <section className="pane architecture-view" aria-labelledby="architecture-view-title">
      <h2 className="pane__title" id="architecture-view-title">
        Architecture <span className="pane__title-note">at step {position}</span>
      </h2>
      <div className="architecture-view__body">
        <section
          className="architecture-view__card architecture-view__card--wide architecture-view__card--services"
          aria-labelledby="architecture-services"
        >
          <header className="architecture-view__card-header">
            <h3 id="architecture-services">Services</h3>
            {model.collection && (
              <span className="muted mono architecture-view__collection" title={model.collection}>
                {model.collection}
              </span>
            )}
          </header>
          {model.services.length === 0 ? (
            <p className="muted">
              This scenario has no service collection (no registry update and no “services” directory).
            </p>
          ) : (
            <>
              <p className="architecture-view__summary">
                {counts
                  .filter(([, n]) => n > 0)
                  .map(([status, n]) => `${n} ${STATUS_LABELS[status]}`)
                  .join(' · ')}
                {changes.length > 0 && (
                  <span className="architecture-view__changes">
                    {' '}
                    — this step:{' '}
                    {SERVICE_STATUSES.map((status) => {
                      const moved = changes.filter((s) => s.status === status).map((s) => s.name);
                      return moved.length === 0 ? '' : `${moved.join(', ')} → ${STATUS_LABELS[status]}`;
                    })
                      .filter(Boolean)
                      .join('; ')}
                  </span>
                )}
              </p>
              <ServiceGraph model={model} />
              <ul className="architecture-view__legend" aria-label="Legend">
                {SERVICE_STATUSES.map((status) => (
                  <li
                    key={status}
                    className={`architecture-view__legend-item architecture-view__legend-item--${status}`}
                  >
                    <span aria-hidden="true">{STATUS_GLYPHS[status]}</span> {STATUS_LABELS[status]}
                  </li>
                ))}
                <li className="architecture-view__legend-item architecture-view__legend-item--changed">
                  changed at this step
                </li>
                <li className="architecture-view__legend-item architecture-view__legend-item--edge">depends on</li>
                <li className="architecture-view__legend-item">
                  ×5 = replicas · CB 3 = circuit breaker failure threshold
                </li>
              </ul>
            </>
          )}
        </section>
        <section className="architecture-view__card" aria-labelledby="architecture-subsystems">
          <h3 id="architecture-subsystems">Subsystems</h3>
          <SubsystemTable tables={tables} position={position} />
        </section>
        <section className="architecture-view__card" aria-labelledby="architecture-breakers">
          <h3 id="architecture-breakers">Circuit breakers</h3>
          <CircuitBreakers services={model.services} />
        </section>
        {sagaStep !== null && (
          <section
            className="architecture-view__card architecture-view__card--wide"
            aria-labelledby="architecture-sagas"
          >
            <h3 id="architecture-sagas">Sagas</h3>
            <SagaView sagas={sagas} createdAt={sagaStep} />
          </section>
        )}
      </div>
    </section>
  );
}
