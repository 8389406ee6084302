import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { replay } from '../src/steps/engine';
import { treeEntries } from '../src/steps/entries';
import { parseDocument } from '../src/steps/parser';

/** The engine's own view of the built-in scenario: what the page must agree with. */
export const builtin = replay(
  parseDocument(
    readFileSync(fileURLToPath(new URL('../src/scenarios/microservices_ecosystem_steps.txt', import.meta.url)), 'utf8'),
  ),
);

export const LAST = builtin.snapshots.length - 1;

export function entriesAt(position: number) {
  return treeEntries(builtin, position);
}
