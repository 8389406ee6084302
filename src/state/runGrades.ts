import type { Replay } from '../steps/engine';
import { documentExpectations, gradeParsedRun, type DocumentExpectations, type GradeResult } from '../steps/runs/grade';
import type { LoadedRun } from '../model/runView';
import type { LoadedScenario } from './scenario';

/*
 * A run's full grade, with the tree after every operation, is made on the page only for the run
 * looked at, once (the worker sends reports; trees are persistent maps that a message would not keep
 * shared). Both caches are weak: a scenario or run let go of takes its grade with it.
 */

const expectations = new WeakMap<Replay, DocumentExpectations>();
const grades = new WeakMap<LoadedRun, GradeResult>();

/** What each step of the scenario expects, read once per scenario. */
export function expectationsOf(scenario: LoadedScenario): DocumentExpectations {
  let expected = expectations.get(scenario.replay);
  if (!expected) {
    expected = documentExpectations(scenario.replay);
    expectations.set(scenario.replay, expected);
  }
  return expected;
}

/** The run's grade against the scenario, with its replay; made once per run. */
export function gradeOf(scenario: LoadedScenario, run: LoadedRun): GradeResult {
  let result = grades.get(run);
  if (!result) {
    result = gradeParsedRun(expectationsOf(scenario), run.parsed);
    grades.set(run, result);
  }
  return result;
}
