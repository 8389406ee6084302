import { describe, expect, it, vi } from 'vitest';
import { replay, type Replay } from '../src/steps/engine';
import { treeEntries } from '../src/steps/entries';
import { StepwiseError } from '../src/steps/errors';
import { parseDocument } from '../src/steps/parser';
import { getNode, walkTree, type DirectoryNode, type TreeNode } from '../src/steps/tree';
import { builtinSource, doc, files, run } from './helpers';

// Replays, zips, git and the file system are slow on a busy machine: allow more than the default 5 s.
vi.setConfig({ testTimeout: 30_000 });

const builtin = parseDocument(builtinSource());
const full = replay(builtin);

function child(root: DirectoryNode, path: string): TreeNode {
  const node = getNode(root, path);
  if (!node) throw new Error(`no node at ${path}`);
  return node;
}

/** The tree as plain data, so that two trees can be compared by value. */
function plain(result: Replay, position: number): unknown {
  return [...walkTree(result.snapshots[position].root)].map(({ path, node }) =>
    node.kind === 'file' ? [path, node.content] : [path],
  );
}

describe('snapshots', () => {
  it('has one snapshot per position 0..N, position 0 being the empty tree', () => {
    expect(full.snapshots.map((s) => s.position)).toEqual(Array.from({ length: 86 }, (_, i) => i));
    const zero = full.snapshots[0];
    expect(zero.root.size).toBe(0);
    expect(zero.step).toBeNull();
    expect(zero.change).toBeNull();
    expect(zero.createdCount).toBe(0);
    expect(zero.fileCount).toBe(0);
    expect(zero.directoryCount).toBe(0);
    expect(full.snapshots[1].step).toBe(builtin.steps[0]);
  });

  it('freezes every snapshot and every node in it', () => {
    for (const snapshot of full.snapshots) {
      expect(Object.isFrozen(snapshot)).toBe(true);
      expect(Object.isFrozen(snapshot.root)).toBe(true);
      for (const { node } of walkTree(snapshot.root)) expect(Object.isFrozen(node)).toBe(true);
    }
  });

  it('never changes an earlier snapshot: each equals a replay of just its first p steps', () => {
    for (const p of [0, 1, 6, 17, 32, 33, 34, 50, 69, 84, 85]) {
      const partial = replay({ ...builtin, steps: builtin.steps.slice(0, p) });
      expect(plain(full, p), `position ${p}`).toEqual(plain(partial, p));
    }
  });

  it('shares untouched subtrees between consecutive snapshots', () => {
    // Step 34 creates api_gateway/kong_gateway: only the root, microservices_ecosystem and api_gateway are new.
    const [before, after] = [full.snapshots[33].root, full.snapshots[34].root];
    expect(after).not.toBe(before);
    expect(child(after, 'microservices_ecosystem')).not.toBe(child(before, 'microservices_ecosystem'));
    expect(child(after, 'microservices_ecosystem/api_gateway')).not.toBe(
      child(before, 'microservices_ecosystem/api_gateway'),
    );
    for (const untouched of ['services', 'service_mesh', 'distributed_data', 'architecture_config.json'])
      expect(child(after, `microservices_ecosystem/${untouched}`)).toBe(
        child(before, `microservices_ecosystem/${untouched}`),
      );
  });

  it('shares every file node that a step does not change', () => {
    for (let p = 2; p <= 85; p++) {
      const change = full.snapshots[p].change!;
      for (const { path, node } of walkTree(full.snapshots[p - 1].root)) {
        if (node.kind !== 'file') continue;
        const same = child(full.snapshots[p].root, path) === node;
        expect(same, `${path} at ${p}`).toBe(path !== change.path);
      }
    }
  });

  it('shares subtrees across many steps: services is one object from step 32 to 85', () => {
    const services = child(full.snapshots[32].root, 'microservices_ecosystem/services');
    for (let p = 33; p <= 85; p++)
      expect(child(full.snapshots[p].root, 'microservices_ecosystem/services')).toBe(services);
  });

  it('counts files and directories per position', () => {
    expect(full.snapshots[5]).toMatchObject({ fileCount: 0, directoryCount: 5, createdCount: 5 });
    expect(full.snapshots[6]).toMatchObject({ fileCount: 1, directoryCount: 5, createdCount: 6 });
    expect(full.snapshots[33]).toMatchObject({ fileCount: 19, directoryCount: 13, createdCount: 32 });
  });
});

describe('changes', () => {
  it('records an added directory, an added file and a modified file with before and after', () => {
    const result = run(
      doc(
        'Create a directory named "r"',
        'Create a file named "c.json" in r with content: {"a": 1, "b": 2}',
        'Update c.json: add a: 1, b: 3, c: 4',
      ),
    );
    expect(result.snapshots[1].change).toEqual({ type: 'added', path: 'r', entryKind: 'directory' });
    expect(result.snapshots[2].change).toEqual({ type: 'added', path: 'r/c.json', entryKind: 'file' });
    expect(result.snapshots[3].change).toEqual({
      type: 'modified',
      path: 'r/c.json',
      entryKind: 'file',
      before: '{"a": 1, "b": 2}',
      after: '{\n  "a": 1,\n  "b": 3,\n  "c": 4\n}',
      keys: [
        { key: 'a', action: 'unchanged', before: 1, after: 1 },
        { key: 'b', action: 'replaced', before: 2, after: 3 },
        { key: 'c', action: 'added', after: 4 },
      ],
    });
  });
});

describe('replay stops at the first error', () => {
  const source = doc(
    'Create a directory named "r"',
    'Create a file named "c.json" in r with content: {"a": 1}',
    'Update c.json: add b: 2',
    'Create a directory named "x" inside missing',
    'Create a directory named "never" inside r',
  );
  const result = run(source);

  it('keeps positions 0..k-1 and reports an error naming step k', () => {
    expect(result.error).toBeInstanceOf(StepwiseError);
    expect(result.error!.step).toBe(4);
    expect(result.error!.line).toBe(4);
    expect(result.error!.message).toMatch(/^Line 4, step 4: no directory named "missing"/);
    expect(result.snapshots).toHaveLength(4);
  });

  it('leaves the earlier positions fully usable', () => {
    expect(files(result, 3)).toEqual(new Map([['r/c.json', '{\n  "a": 1,\n  "b": 2\n}']]));
    expect(treeEntries(result, 3).map((e) => e.path)).toEqual(['r', 'r/c.json']);
    expect(treeEntries(result, 1)).toEqual([{ path: 'r', kind: 'directory' }]);
  });

  it('records nothing from the failed step or after it', () => {
    expect(result.created.map((c) => c.path)).toEqual(['r', 'r/c.json']);
    expect(result.fileChanges).toEqual(new Map([['r/c.json', [2, 3]]]));
  });

  it('does not throw: the replay result carries the error', () => {
    expect(() => replay(parseDocument(source))).not.toThrow();
  });
});

describe('fileChanges and createdCount', () => {
  it('lists for each file the positions that created or changed it, ascending', () => {
    const expected = new Map<string, number[]>();
    for (const step of builtin.steps) {
      const change = full.snapshots[step.number].change!;
      if (change.entryKind !== 'file') continue;
      expected.set(change.path, [...(expected.get(change.path) ?? []), step.number]);
    }
    expect(full.fileChanges).toEqual(expected);
    expect(full.fileChanges.size).toBe(50);
    expect(full.fileChanges.get('microservices_ecosystem/services/user_service/service_config.json')).toEqual([15]);
  });

  it('lists created entries in creation order with the position that created each', () => {
    expect(full.created).toHaveLength(80);
    expect(full.created[0]).toEqual({ path: 'microservices_ecosystem', kind: 'directory', position: 1 });
    expect(full.created[5]).toEqual({
      path: 'microservices_ecosystem/architecture_config.json',
      kind: 'file',
      position: 6,
    });
    const positions = full.created.map((c) => c.position);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(new Set(full.created.map((c) => c.path)).size).toBe(80);
  });

  it('makes createdCount the number of entries that exist at each position', () => {
    for (const snapshot of full.snapshots) {
      const existing = [...walkTree(snapshot.root)].map((e) => e.path).sort();
      const firstCreated = full.created.slice(0, snapshot.createdCount).map((c) => c.path);
      expect(firstCreated.sort()).toEqual(existing);
      expect(snapshot.createdCount).toBe(snapshot.fileCount + snapshot.directoryCount);
    }
    const updates = [33, 50, 59, 69, 82];
    for (const p of updates) expect(full.snapshots[p].createdCount).toBe(full.snapshots[p - 1].createdCount);
  });
});
