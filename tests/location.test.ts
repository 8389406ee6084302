import { describe, expect, it } from 'vitest';
import { resolveView, viewQuery } from '../src/model/location';
import { loadScenario } from '../src/state/scenario';
import { builtinSource } from './helpers';

const scenario = loadScenario(builtinSource(), 'Built-in', 'builtin');
const LAST = scenario.replay.snapshots.length - 1;
const FILE = 'microservices_ecosystem/architecture_config.json';

describe('resolveView with values from a URL or stored state', () => {
  it('takes a valid step and path as they are, with no notice', () => {
    expect(resolveView({ step: '33', file: FILE }, scenario)).toEqual({ position: 33, file: FILE, problems: [] });
    expect(resolveView({ step: ' 7 ' }, scenario)).toEqual({ position: 7, file: null, problems: [] });
    expect(resolveView({}, scenario)).toEqual({ position: 0, file: null, problems: [] });
    expect(resolveView({ step: null, file: null }, scenario)).toEqual({ position: 0, file: null, problems: [] });
    expect(resolveView({ step: '', file: '' }, scenario)).toEqual({ position: 0, file: null, problems: [] });
  });

  it.each([
    ['a step past the end', '86', LAST, `There is no step 86; showing step ${LAST} of ${LAST}.`],
    [
      'a huge step',
      '99999999999999999999999',
      LAST,
      `There is no step 99999999999999999999999; showing step ${LAST} of ${LAST}.`,
    ],
    ['a negative step', '-5', 0, `There is no step -5; showing step 0 of ${LAST}.`],
  ])('%s is clamped with a notice', (_what, step, position, notice) => {
    expect(resolveView({ step }, scenario)).toEqual({ position, file: null, problems: [notice] });
  });

  it.each([
    ['a fraction', '5.5'],
    ['an exponent', '1e3'],
    ['hexadecimal', '0x10'],
    ['Infinity', 'Infinity'],
    ['NaN', 'NaN'],
    ['Arabic-Indic digits', '\u0661\u0662'],
    ['full-width digits', '\uff11\uff12'],
    ['a NUL', '3\u00000'],
    ['script-looking text', '<script>alert(1)</script>'],
    ['an HTML image', '"><img src=x onerror=alert(1)>'],
    ['a javascript: URL', 'javascript:alert(document.cookie)'],
  ])('%s is not a step number: step 0 with a notice quoting it as text', (_what, step) => {
    const view = resolveView({ step }, scenario);
    expect(view.position).toBe(0);
    expect(view.problems).toEqual([`“${step.trim()}” is not a step number; showing step 0.`]);
  });

  it('cuts a 10,000-character value in the notice', () => {
    const view = resolveView({ step: 'x'.repeat(10_000), file: `${'<b>'.repeat(5_000)}` }, scenario);
    expect(view.position).toBe(0);
    expect(view.file).toBeNull();
    expect(view.problems).toHaveLength(2);
    for (const problem of view.problems) expect(problem.length).toBeLessThan(120);
    expect(view.problems[0]).toContain('xxx…');
  });

  it.each([
    ['a path that does not exist', 'microservices_ecosystem/nope.json'],
    ['a traversal', 'microservices_ecosystem/../../etc/passwd'],
    ['an absolute path', '/etc/passwd'],
    ['a backslash path', 'microservices_ecosystem\\architecture_config.json'],
    ['__proto__', '__proto__'],
    ['constructor', 'constructor'],
    ['toString', 'toString'],
    ['script-looking text', '<script>alert(1)</script>'],
    ['a path with a trailing slash', `${FILE}/`],
  ])('%s selects nothing, with a notice', (_what, file) => {
    const view = resolveView({ step: '10', file }, scenario);
    expect(view).toEqual({
      position: 10,
      file: null,
      problems: [`The scenario has no path “${file}”; no file is selected.`],
    });
  });

  it('keeps a valid path even when the step is out of range', () => {
    const view = resolveView({ step: '500', file: FILE }, scenario);
    expect(view.position).toBe(LAST);
    expect(view.file).toBe(FILE);
    expect(view.problems).toHaveLength(1);
  });
});

describe('viewQuery', () => {
  it('encodes any path so that it reads back unchanged', () => {
    for (const file of [FILE, 'a&b=c/#?<script>', 'é 漢 😀/x y', '%00%2F']) {
      const params = new URLSearchParams(viewQuery(12, file));
      expect(params.get('step')).toBe('12');
      expect(params.get('file')).toBe(file);
    }
  });
});
