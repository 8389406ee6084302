import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseJob, type ParseMessage, type ParseRequest } from '../src/io/parseWorker';
import { createDocumentLoader } from '../src/state/documentLoader';
import { loadScenario } from '../src/state/scenario';
import { createStepwiseStore } from '../src/state/store';
import { fileCountTable } from '../src/steps/fileCounts';
import { fileCountsAt } from '../src/steps/validate';
import { doc } from './helpers';

/** Runs the real worker job, delivering each message in a task of its own as a worker does, until terminated. */
class JobWorker {
  static made: JobWorker[] = [];
  onmessage: ((event: { data: ParseMessage }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  terminated = false;
  /** Whether the page asked this worker to count. */
  counts: boolean | undefined;
  constructor() {
    JobWorker.made.push(this);
  }
  postMessage(request: ParseRequest): void {
    this.counts = request.count;
    parseJob(request, (message) =>
      setTimeout(() => {
        if (!this.terminated) this.onmessage?.({ data: message });
      }),
    );
  }
  terminate(): void {
    this.terminated = true;
  }
}

const SOURCE = doc(
  'Create a directory named "r"',
  'Create a file named "a.json" in r with content: "{\\"a\\": "',
  'Create a file named "b.yaml" in r with content: "b: [1"',
  'Create a file named "c.yaml" in r with content: "c: 1"',
  'Create a file named "d.json" in r with content: "{\\"d\\": 1}"',
  'Update d.json: add e: 2',
);

describe('the document loader', () => {
  beforeEach(() => {
    JobWorker.made = [];
    vi.stubGlobal('Worker', JobWorker);
    // A frame every 16 ms: the loader asks for the counts once the page has painted the document.
    vi.stubGlobal('requestAnimationFrame', (callback: () => void) => setTimeout(callback, 16));
    vi.stubGlobal('cancelAnimationFrame', (handle: ReturnType<typeof setTimeout>) => clearTimeout(handle));
  });
  afterEach(() => vi.unstubAllGlobals());

  it('counts the files of every position in a second worker once the document is painted', async () => {
    const stepwise = createStepwiseStore();
    const loader = createDocumentLoader(stepwise);
    expect(await loader.getState().loadDocument({ text: SOURCE }, 'counted', { remember: false })).toBe(true);
    const { replay } = stepwise.getState().scenario;
    expect(replay.snapshots).toHaveLength(7);
    // The reader's worker is gone before the page replays; the counting one starts after the next frame.
    expect(JobWorker.made.map((w) => [w.counts, w.terminated])).toEqual([[undefined, true]]);
    await vi.waitFor(() => expect(JobWorker.made[1]?.terminated).toBe(true));
    expect(JobWorker.made[1].counts).toBe(true);
    // Every position is known without the page counting; the figures are those the page would count.
    expect(fileCountTable(replay).known).toBe(7);
    const counted = loadScenario(SOURCE, 'again', 'again').replay;
    for (let p = 0; p < 7; p++) expect(fileCountsAt(replay, p)).toEqual(fileCountsAt(counted, p));
    expect(fileCountsAt(replay, 6)).toEqual({ files: 4, valid: 2 });
  });

  it('does not count a document replaced before it was painted', async () => {
    const stepwise = createStepwiseStore();
    const loader = createDocumentLoader(stepwise);
    expect(await loader.getState().loadDocument({ text: SOURCE }, 'first', { remember: false })).toBe(true);
    const firstReplay = stepwise.getState().scenario.replay;
    const second = doc('Create a directory named "x"');
    expect(await loader.getState().loadDocument({ text: second }, 'second', { remember: false })).toBe(true);
    await vi.waitFor(() => expect(JobWorker.made[2]?.terminated).toBe(true));
    // The first document's reader, the second's, and one counting worker: the second document's.
    expect(JobWorker.made.map((w) => w.counts)).toEqual([undefined, undefined, true]);
    expect(fileCountTable(firstReplay).known).toBe(1);
    expect(fileCountTable(stepwise.getState().scenario.replay).known).toBe(2);
  });
});
