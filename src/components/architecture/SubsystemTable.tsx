import { useStepwise } from '../../state/appStore';
import { baseName } from '../../steps/names';
import type { SubsystemTable as Table } from '../../steps/subsystems';
import './SubsystemTable.css';

export interface SubsystemTableProps {
  tables: readonly Table[];
  position: number;
}

/** The platform's subsystems as the updated JSON files record them; each row jumps to the step that set it. */
export function SubsystemTable({ tables, position }: SubsystemTableProps) {
  const goTo = useStepwise((s) => s.goTo);
  if (tables.length === 0)
    return <p className="muted">No step updates a JSON file, so there are no subsystems to track.</p>;
  return (
    <>
      {tables.map((table) => (
        <table className="data-table subsystem-table" key={table.path}>
          <caption className="subsystem-table__caption">
            <span className="mono" title={table.path}>
              {baseName(table.path)}
            </span>{' '}
            <span className="muted">at step {position}</span>
          </caption>
          <thead>
            <tr>
              <th scope="col">Subsystem</th>
              <th scope="col">Value</th>
              <th scope="col">Set at</th>
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row) => {
              const target = row.setAt ?? row.nextSetAt;
              return (
                <tr key={row.key} className={row.value === null ? 'subsystem-table__row--unset' : undefined}>
                  <th scope="row" className="mono">
                    {row.key}
                  </th>
                  <td>
                    {row.value === null ? (
                      <span className="muted">not set yet</span>
                    ) : (
                      <span className="mono subsystem-table__value">{row.value}</span>
                    )}
                    {row.changedNow && <span className="badge badge--modified subsystem-table__badge">this step</span>}
                  </td>
                  <td>
                    {target !== null && (
                      <button
                        type="button"
                        className="subsystem-table__jump"
                        aria-label={`Go to step ${target}, which ${row.setAt === null ? 'sets' : 'set'} ${row.key}`}
                        onClick={() => goTo(target)}
                      >
                        {row.setAt === null ? `later: ${target}` : `step ${target}`}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ))}
    </>
  );
}
