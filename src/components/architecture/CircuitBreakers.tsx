import type { Scalar, ServiceState } from '../../steps/services';
import './CircuitBreakers.css';

export interface CircuitBreakersProps {
  services: readonly ServiceState[];
}

function show(value: Scalar | null): string {
  if (value === null) return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}

/** Each service's circuit breaker settings from its service_config.json, once that exists. */
export function CircuitBreakers({ services }: CircuitBreakersProps) {
  const configured = services.filter((s) => s.status === 'configured' || s.status === 'registered');
  if (configured.length === 0) return <p className="muted">No service has a service_config.json yet.</p>;
  return (
    <table className="data-table circuit-breakers">
      <thead>
        <tr>
          <th scope="col">Service</th>
          <th scope="col">Failure threshold</th>
          <th scope="col">Timeout</th>
          <th scope="col">Fallback</th>
        </tr>
      </thead>
      <tbody>
        {configured.map(({ name, circuitBreaker, circuitBreakerChanged }) => (
          <tr key={name}>
            <th scope="row" className="mono">
              {name}
              {circuitBreakerChanged && <span className="badge badge--new circuit-breakers__badge">new</span>}
            </th>
            {circuitBreaker ? (
              <>
                <td className="circuit-breakers__number">{show(circuitBreaker.failureThreshold)}</td>
                <td className="circuit-breakers__number">{show(circuitBreaker.timeout)}</td>
                <td>{show(circuitBreaker.fallbackEnabled)}</td>
              </>
            ) : (
              <td colSpan={3} className="muted">
                no circuit breaker configured
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
