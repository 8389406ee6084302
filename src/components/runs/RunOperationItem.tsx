import { describeOperation, type OperationRole } from '../../model/runView';
import { stepwiseStore } from '../../state/appStore';
import type { RunOperation } from '../../steps/runs/types';

export interface RunOperationItemProps {
  operation: RunOperation;
  role: OperationRole;
  reason?: string;
}

const ROLES: Readonly<Record<OperationRole, string>> = {
  did: 'did this step',
  closest: 'left the closest version',
  applied: 'applied',
  failed: 'failed call, not applied',
  refused: 'could not be applied',
  outside: 'outside the run’s folder, not applied',
  'not-replayed': 'not replayed',
  stopped: 'after the replay stopped',
};

/** One of the run's operations as the log has it: the tool, what it asked for, and what became of it. */
export function RunOperationItem({ operation, role, reason }: RunOperationItemProps) {
  const text = describeOperation(operation);
  const op = operation.index;
  return (
    <li className={`run-operation run-operation--${role}`}>
      <span className="run-operation__head">
        <strong>Operation {op}</strong> <span className="run-operation__role">{ROLES[role]}</span>{' '}
        <span className="muted">
          · {text.tool} · {text.location}
          {operation.at && ` · ${operation.at}`}
        </span>
      </span>
      <span className="run-operation__summary mono">{text.summary}</span>
      {reason && <span className="run-operation__reason">{reason}</span>}
      {operation.failed && role !== 'failed' && <span className="run-operation__reason">{operation.failed}</span>}
      {text.detail !== null && text.detail !== text.summary && (
        <details className="run-operation__detail">
          <summary>{operation.action.type === 'shell' ? 'Command' : 'Content'}</summary>
          <pre className="mono">{text.detail}</pre>
        </details>
      )}
      <button
        type="button"
        className="run-detail__link"
        onClick={() => stepwiseStore.getState().selectRunOperation(op)}
      >
        Tree after operation {op}
      </button>
    </li>
  );
}
