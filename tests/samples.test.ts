import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { replay } from '../src/steps/engine';
import { treeEntries } from '../src/steps/entries';
import { parseDocument } from '../src/steps/parser';

function load(name: string) {
  const source = readFileSync(fileURLToPath(new URL(`../samples/${name}`, import.meta.url)), 'utf8');
  const run = replay(parseDocument(source));
  const last = run.snapshots.length - 1;
  const entries = treeEntries(run, last);
  const file = (path: string) => entries.find((e) => e.path === path)?.content;
  return { run, last, entries, file };
}

const kinds = (run: ReturnType<typeof load>['run']) => new Set(run.document.steps.map((s) => s.kind));
const sorted = <T extends { path: string; kind: string }>(list: readonly T[]) =>
  list.map((e) => `${e.kind} ${e.path}`).sort();

describe('samples/bookshop.txt', () => {
  const { run, last, entries, file } = load('bookshop.txt');

  it('parses and replays every step with no error', () => {
    expect(run.error).toBeNull();
    expect(run.document.warnings).toEqual([]);
    expect(last).toBe(14);
    expect(run.document.title).toBe('Bookshop Services');
  });

  it('uses every step form: directories at the root and inside, files, plain and registry updates', () => {
    expect(kinds(run)).toEqual(new Set(['directory', 'file', 'update']));
    const steps = run.document.steps;
    expect(steps.some((s) => s.kind === 'directory' && s.parent === null)).toBe(true);
    expect(steps.some((s) => s.kind === 'directory' && s.parent !== null)).toBe(true);
    expect(steps.some((s) => s.kind === 'update' && s.registry !== null)).toBe(true);
    expect(steps.some((s) => s.kind === 'update' && s.registry === null)).toBe(true);
  });

  it('produces exactly the tree its EXPECTED FINAL STRUCTURE block draws', () => {
    expect(run.document.expected).not.toBeNull();
    expect(sorted(entries)).toEqual(sorted(run.document.expected!));
  });

  it('decodes \\n, \\" and \\uXXXX escapes in text content', () => {
    expect(file('bookshop/README.md')).toBe(
      '# Chapter & Verse\n\nRun "make up" to start the shop.\n\nPrices are shown in €; the café opens at 9.\n',
    );
    expect(file('bookshop/gateway/routes.yaml')?.split('\n')).toHaveLength(6);
  });

  it('keeps inline JSON byte for byte and drops the stray closing quote', () => {
    expect(file('bookshop/services/orders/service_config.json')).toBe(
      '{"service_name": "orders", "port": 7002, "replicas": 3, "dependencies": ["catalog", "payments"]}',
    );
  });

  it('builds a registry of the 3 services and replaces current_state where it stood', () => {
    const config = JSON.parse(file('bookshop/shop_config.json')!) as Record<string, unknown>;
    expect(Object.keys(config)).toEqual([
      'shop',
      'currency',
      'current_state',
      'owner',
      'service_registry',
      'opening_hours',
    ]);
    expect(config.current_state).toBe('open');
    expect(config.service_registry).toEqual({
      catalog: { port: 7001, replicas: 2, dependencies: [], status: 'registered' },
      orders: { port: 7002, replicas: 3, dependencies: ['catalog', 'payments'], status: 'registered' },
      payments: { port: 7003, replicas: 2, dependencies: [], status: 'registered' },
    });
    const step13 = run.snapshots[13].change;
    expect(step13?.type === 'modified' && step13.keys.map((k) => `${k.key}:${k.action}`)).toEqual([
      'service_registry:added',
      'current_state:replaced',
    ]);
  });
});

describe('samples/tiny-rules.txt', () => {
  const { run, last, entries, file } = load('tiny-rules.txt');

  it('parses and replays every step with no error', () => {
    expect(run.error).toBeNull();
    expect(run.document.warnings).toEqual([]);
    expect(last).toBe(11);
    expect(run.document.title).toBe('Tiny Rules');
  });

  it('produces exactly the tree its EXPECTED FINAL STRUCTURE block draws, two top-level folders included', () => {
    expect(sorted(entries)).toEqual(sorted(run.document.expected!));
    expect(entries.filter((e) => !e.path.includes('/')).map((e) => e.path)).toEqual(['rules', 'notes']);
  });

  it('decodes escaped quotes, a tab and a \\u2713 in text content', () => {
    expect(file('notes/quote.txt')).toBe('She said "tab\there" and left.\nLine two: ✓ done\n');
  });

  it('builds a 2-worker registry, filling absent dependencies with [], and replaces keys in place', () => {
    const settings = JSON.parse(file('rules/settings.json')!) as Record<string, unknown>;
    expect(Object.keys(settings)).toEqual(['mode', 'retries', 'label', 'timeout_ms', 'worker_pool']);
    expect(settings).toMatchObject({ retries: 3, label: 'v2', timeout_ms: 250 });
    expect(settings.worker_pool).toEqual({
      alpha: { port: 9001, replicas: 1, dependencies: ['beta'], status: 'enabled' },
      beta: { port: 9002, replicas: 2, dependencies: [], status: 'enabled' },
    });
    expect(file('rules/workers/beta/service_config.json')).toBe('{"port": 9002, "replicas": 2}');
  });
});
