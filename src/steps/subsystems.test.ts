import { describe, expect, it } from 'vitest';
import builtinText from '../scenarios/microservices_ecosystem_steps.txt?raw';
import { replay } from './engine';
import { parseDocument } from './parser';
import { subsystemTables, trackedFiles } from './subsystems';

const builtin = replay(parseDocument(builtinText));
const ARCH = 'microservices_ecosystem/architecture_config.json';
const row = (position: number, key: string) => subsystemTables(builtin, position)[0].rows.find((r) => r.key === key);

describe('subsystems', () => {
  it('tracks the string keys the update steps set, in the order the updates first set them', () => {
    expect(trackedFiles(builtin)).toEqual([
      {
        path: ARCH,
        keys: [
          'current_state',
          'api_gateway',
          'service_mesh',
          'distributed_data',
          'event_store',
          'saga_coordinator',
          'monitoring',
          'tracing',
          'metrics',
          'chaos_engineering',
          'security',
          'performance',
        ],
      },
    ]);
  });

  it('gives each key its value at the position and the step that last set it', () => {
    expect(row(6, 'current_state')).toEqual({
      key: 'current_state',
      value: 'initializing',
      setAt: 6,
      nextSetAt: 33,
      changedNow: true,
    });
    expect(row(32, 'current_state')).toMatchObject({ value: 'initializing', setAt: 6, changedNow: false });
    expect(row(33, 'current_state')).toMatchObject({
      value: 'services_configured',
      setAt: 33,
      nextSetAt: null,
      changedNow: true,
    });
    expect(row(68, 'tracing')).toMatchObject({ value: 'distributed', setAt: 6, nextSetAt: 69 });
    expect(row(85, 'tracing')).toMatchObject({ value: 'jaeger', setAt: 69, changedNow: false });
    expect(row(85, 'performance')).toMatchObject({ value: 'optimized', setAt: 82 });
  });

  it('shows keys that are not set yet without a value, with the step that will set them', () => {
    expect(row(49, 'api_gateway')).toEqual({
      key: 'api_gateway',
      value: null,
      setAt: null,
      nextSetAt: 50,
      changedNow: false,
    });
    expect(row(50, 'api_gateway')).toMatchObject({ value: 'configured', setAt: 50, changedNow: true });
    expect(subsystemTables(builtin, 5)[0].rows.every((r) => r.value === null)).toBe(true);
  });

  it('has no tables when no step updates a file', () => {
    const result = replay(parseDocument('Step 1: Create a directory named "d"'));
    expect(subsystemTables(result, 1)).toEqual([]);
  });

  it('does not count an update that writes the same value again as setting it', () => {
    const result = replay(
      parseDocument(
        [
          'Step 1: Create a directory named "d"',
          'Step 2: Create a file named "c.json" in d with content: {"mode": "a"}',
          'Step 3: Update c.json: add mode: "b"',
          'Step 4: Update c.json: add mode: "b", other: 2',
        ].join('\n'),
      ),
    );
    expect(subsystemTables(result, 4)[0].rows).toEqual([
      { key: 'mode', value: 'b', setAt: 3, nextSetAt: null, changedNow: false },
    ]);
  });
});
