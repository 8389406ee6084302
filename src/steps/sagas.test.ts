import { describe, expect, it } from 'vitest';
import builtinText from '../scenarios/microservices_ecosystem_steps.txt?raw';
import { replay } from './engine';
import { parseDocument } from './parser';
import { firstCreationOf, sagasIn, SAGA_FILE } from './sagas';

const builtin = replay(parseDocument(builtinText));

describe('sagas', () => {
  it('has none before saga_definitions.json exists, and knows the step that creates it', () => {
    expect(sagasIn(builtin.snapshots[55].root)).toEqual([]);
    expect(firstCreationOf(builtin, SAGA_FILE)).toBe(56);
    expect(firstCreationOf(builtin, 'nothing.json')).toBeNull();
  });

  it('reads the order-processing saga: steps in order, "none" as no compensation', () => {
    const sagas = sagasIn(builtin.snapshots[56].root);
    expect(sagas.map((s) => s.name)).toEqual(['order_processing_saga', 'user_registration_saga']);
    const order = sagas[0];
    expect(order.file).toBe('microservices_ecosystem/distributed_data/saga_coordinator/saga_definitions.json');
    expect(order.steps).toEqual([
      { name: 'validate_user', service: 'user_service', action: 'validate', compensation: null },
      { name: 'reserve_inventory', service: 'inventory_service', action: 'reserve', compensation: 'release_inventory' },
      { name: 'process_payment', service: 'payment_service', action: 'charge', compensation: 'refund_payment' },
      { name: 'create_order', service: 'order_service', action: 'create', compensation: 'cancel_order' },
    ]);
    expect(order.settings).toEqual([
      ['timeout', 300],
      ['retry_policy', 'exponential_backoff'],
    ]);
  });

  it('skips files that do not parse or have no sagas object', () => {
    const result = replay(
      parseDocument(
        [
          'Step 1: Create a directory named "d"',
          'Step 2: Create a file named "saga_definitions.json" in d with content: "{oops"',
        ].join('\n'),
      ),
    );
    expect(sagasIn(result.snapshots[2].root)).toEqual([]);
  });
});
