import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { DirectoryNode, setNode, setNodeBytes, type FileNode, type TreeNode } from '../src/steps/tree';

// Building 100,000 versions is quick, but not on a machine busy with other work.
vi.setConfig({ testTimeout: 60_000 });

const file = (content: string): FileNode => Object.freeze({ kind: 'file', content });

/** A directory as [name, content] pairs in its own order. */
const listed = (dir: DirectoryNode) =>
  [...dir].map(([name, node]) => [name, node.kind === 'file' ? node.content : 'dir']);

/** The obvious model: a Map copied on every change, whose order is insertion order. */
function withModel(model: ReadonlyMap<string, string>, name: string, content: string): Map<string, string> {
  return new Map(model).set(name, content);
}

describe('DirectoryNode', () => {
  it('lists children in creation order; replacing one keeps its place', () => {
    let dir = DirectoryNode.empty();
    for (const name of ['b', 'a', 'c']) dir = dir.with(name, file(name));
    dir = dir.with('a', file('A'));
    expect(listed(dir)).toEqual([
      ['b', 'b'],
      ['a', 'A'],
      ['c', 'c'],
    ]);
    expect(dir.size).toBe(3);
    expect(dir.get('a')).toEqual(file('A'));
    expect(dir.get('d')).toBeUndefined();
  });

  it('leaves every earlier version as it was', () => {
    // Step i sets n(i mod 1,500): the first 1,500 steps add names, the rest replace them.
    const versions = [DirectoryNode.empty()];
    for (let i = 0; i < 2_000; i++) versions.push(versions[i].with(`n${i % 1_500}`, file(String(i))));
    const lastWrite = (k: number, j: number) => k - 1 - ((((k - 1 - j) % 1_500) + 1_500) % 1_500);
    for (const k of [0, 1, 16, 17, 18, 32, 33, 1_024, 1_025, 1_500, 1_501, 2_000]) {
      const dir = versions[k];
      expect(dir.size).toBe(Math.min(k, 1_500));
      for (const j of [0, 15, 16, 17, 31, 32, 33, 1_023, 1_024, 1_499])
        // A name that only a later version added is not in this one, though all share one name log.
        expect(dir.get(`n${j}`), `n${j} at version ${k}`).toEqual(j < k ? file(String(lastWrite(k, j))) : undefined);
    }
  });

  it('agrees with a copied Map for any order of changes, on any earlier version', () => {
    const op = fc.record({
      base: fc.nat(),
      name: fc.integer({ min: 0, max: 80 }),
      content: fc.string({ maxLength: 3 }),
    });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const dirs = [DirectoryNode.empty()];
        const models: Array<Map<string, string>> = [new Map()];
        for (const { base, name, content } of ops) {
          // Branching off an older version makes two versions append different names to one log.
          const from = base % dirs.length;
          dirs.push(dirs[from].with(`f${name}`, file(content)));
          models.push(withModel(models[from], `f${name}`, content));
        }
        dirs.forEach((dir, i) => {
          expect(listed(dir)).toEqual([...models[i]]);
          expect(dir.size).toBe(models[i].size);
          for (let name = 0; name <= 80; name++)
            expect((dir.get(`f${name}`) as FileNode | undefined)?.content).toBe(models[i].get(`f${name}`));
        });
      }),
      { numRuns: 150 },
    );
  });

  it('holds 100,000 children, and copies only a path through them to change one', () => {
    let dir = DirectoryNode.empty();
    for (let i = 0; i < 100_000; i++) dir = dir.with(`entry_${i}`, file(String(i)));
    expect(dir.size).toBe(100_000);
    const names: string[] = [];
    const contents: string[] = [];
    for (const [name, node] of dir) {
      names.push(name);
      contents.push((node as FileNode).content);
    }
    expect(names).toEqual(Array.from({ length: 100_000 }, (_, i) => `entry_${i}`));
    expect(contents).toEqual(Array.from({ length: 100_000 }, (_, i) => String(i)));
    const changed = dir.with('entry_54321', file('changed'));
    expect(changed.get('entry_54321')).toEqual(file('changed'));
    expect(dir.get('entry_54321')).toEqual(file('54321'));
    // Four trie levels of at most 32 slots, not 100,000 entries.
    expect(dir.copyBytes('entry_54321')).toBeLessThan(2_000);
    expect(dir.copyBytes('new')).toBeLessThan(2_000);
  });
});

describe('setNodeBytes', () => {
  it('grows with the depth of the path and the log of the width, not the width', () => {
    const tree = (width: number) => {
      let root: DirectoryNode = DirectoryNode.empty().with('top', DirectoryNode.empty());
      for (let i = 0; i < width; i++) root = setNode(root, ['top', `f${i}`], file(''));
      return root;
    };
    const narrow = setNodeBytes(tree(10), ['top', 'f5']);
    const wide = setNodeBytes(tree(10_000), ['top', 'f5']);
    expect(wide).toBeGreaterThan(narrow);
    expect(wide).toBeLessThan(narrow + 3 * 48 + 3 * 32 * 8);
    const deep: TreeNode = setNode(tree(1), ['top', 'sub'], DirectoryNode.empty());
    expect(setNodeBytes(deep as DirectoryNode, ['top', 'sub', 'x'])).toBeGreaterThan(narrow);
  });
});
