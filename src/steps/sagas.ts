import type { Replay } from './engine';
import { isJsonObject, parseJsonObject } from './jsonScan';
import { baseName } from './names';
import { walkTree, type DirectoryNode } from './tree';

/** The file name that holds saga definitions wherever it sits in the tree. */
export const SAGA_FILE = 'saga_definitions.json';

export interface SagaStep {
  readonly name: string;
  readonly service: string;
  readonly action: string;
  /** The action that undoes this step, or null when the document says "none" or gives nothing. */
  readonly compensation: string | null;
}

export interface Saga {
  readonly file: string;
  readonly name: string;
  readonly steps: readonly SagaStep[];
  /** The saga's other scalar settings (timeout, retry_policy, …) in document order. */
  readonly settings: ReadonlyArray<readonly [key: string, value: string | number | boolean]>;
}

/** Every saga of every saga_definitions.json in the tree (`sagas` → name → `steps[]`). */
export function sagasIn(root: DirectoryNode): Saga[] {
  const out: Saga[] = [];
  for (const entry of walkTree(root)) {
    if (entry.node.kind !== 'file' || baseName(entry.path) !== SAGA_FILE) continue;
    const sagas = parseJsonObject(entry.node.content)?.sagas;
    if (!isJsonObject(sagas)) continue;
    for (const [name, saga] of Object.entries(sagas)) {
      if (!isJsonObject(saga)) continue;
      const steps = Array.isArray(saga.steps) ? saga.steps.filter(isJsonObject).map(sagaStep) : [];
      const settings = Object.entries(saga).filter(
        (pair): pair is [string, string | number | boolean] =>
          pair[0] !== 'steps' && ['string', 'number', 'boolean'].includes(typeof pair[1]),
      );
      out.push({ file: entry.path, name, steps, settings });
    }
  }
  return out;
}

function sagaStep(step: Record<string, unknown>): SagaStep {
  const text = (value: unknown) =>
    typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value);
  const compensation = text(step.compensation);
  return {
    name: text(step.name),
    service: text(step.service),
    action: text(step.action),
    compensation: compensation === '' || compensation.toLowerCase() === 'none' ? null : compensation,
  };
}

/** The step that first creates a file with this name, or null when no step does. */
export function firstCreationOf(replay: Replay, name: string): number | null {
  return replay.created.find((e) => e.kind === 'file' && baseName(e.path) === name)?.position ?? null;
}
