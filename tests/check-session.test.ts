import { describe, expect, it } from 'vitest';
import type { ProducedTree } from '../src/io/checkTreeInput';
import { createCheckSession } from '../src/state/checkTreeSession';
import { StepwiseError } from '../src/steps/errors';

const tree = (label: string): ProducedTree => ({ label, entries: [] });

/** A read that finishes when the test says so. */
function pending() {
  let finish!: (tree: ProducedTree) => void;
  let refuse!: (error: Error) => void;
  const promise = new Promise<ProducedTree>((resolve, reject) => {
    finish = resolve;
    refuse = reject;
  });
  return { read: () => promise, finish, refuse };
}

describe('the check session (a store made by createCheckSession)', () => {
  it('keeps what was read, says what is being read meanwhile, and closes an open diff', async () => {
    const session = createCheckSession();
    session.getState().selectEntry('a.json');
    const read = pending();
    const done = session.getState().readInto('out.zip', read.read);
    expect(session.getState()).toMatchObject({ reading: 'out.zip', error: null });
    read.finish(tree('out.zip'));
    await done;
    expect(session.getState()).toMatchObject({ produced: tree('out.zip'), reading: null, selected: null });
  });

  it('a refused input replaces the previous result with its message', async () => {
    const session = createCheckSession();
    await session.getState().readInto('good.zip', async () => tree('good.zip'));
    await session.getState().readInto('bad.zip', async () => {
      throw new StepwiseError('The zip was refused: it is a zip bomb.');
    });
    expect(session.getState()).toMatchObject({ produced: null, error: 'The zip was refused: it is a zip bomb.' });
    await session.getState().readInto('odd.zip', async () => {
      throw new Error('disk on fire');
    });
    expect(session.getState().error).toBe('odd.zip could not be read: disk on fire');
  });

  it('only the latest read counts, whichever finishes first', async () => {
    const session = createCheckSession();
    const first = pending();
    const second = pending();
    const one = session.getState().readInto('first.zip', first.read);
    const two = session.getState().readInto('second.zip', second.read);
    second.finish(tree('second.zip'));
    await two;
    first.refuse(new Error('late'));
    await one;
    expect(session.getState()).toMatchObject({ produced: tree('second.zip'), error: null, reading: null });
  });

  it('keeps the target step, the open diff and the identical-entries switch', async () => {
    const session = createCheckSession();
    session.getState().setTarget(12);
    session.getState().selectEntry('b.txt');
    session.getState().setShowIdentical(true);
    expect(session.getState()).toMatchObject({ target: 12, selected: 'b.txt', showIdentical: true });
    // Nothing dropped, nothing read.
    await session.getState().checkDropped([], []);
    expect(session.getState().reading).toBeNull();
  });
});
