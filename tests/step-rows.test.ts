import { describe, expect, it } from 'vitest';
import { countBefore, matches, stepRows } from '../src/model/stepRows';
import { builtinScenario } from '../src/state/scenario';

const rows = stepRows(builtinScenario().replay);

describe('the step list rows', () => {
  it('has a row per step, in order, each naming the path its step changed', () => {
    expect(rows.map((row) => row.step.number)).toEqual(Array.from({ length: 85 }, (_, i) => i + 1));
    expect(rows[0].target).toBe('microservices_ecosystem');
    expect(rows.filter((row) => row.target.endsWith('/architecture_config.json'))).toHaveLength(6);
  });

  it('counts the rows before a position: the steps already applied', () => {
    expect(countBefore(rows, 0)).toBe(0);
    expect(countBefore(rows, 1)).toBe(0);
    expect(countBefore(rows, 33)).toBe(32);
    expect(countBefore(rows, 85)).toBe(84);
    expect(countBefore([], 40)).toBe(0);
  });

  it('counts the applied steps among filtered rows, whether or not the current one is shown', () => {
    const configs = rows.filter((row) => matches(row, 'architecture_config'));
    const numbers = configs.map((row) => row.step.number);
    for (const position of [0, numbers[0], numbers[0] + 1, 50, numbers[numbers.length - 1], 85])
      expect(countBefore(configs, position), `position ${position}`).toBe(numbers.filter((n) => n < position).length);
  });
});
