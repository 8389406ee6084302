import { parseAllDocuments } from 'yaml';
import { describe, expect, it, vi } from 'vitest';
import { replay } from '../src/steps/engine';
import { treeEntries } from '../src/steps/entries';
import { parseDocument } from '../src/steps/parser';
import { builtinSource, builtinStepLine, files } from './helpers';

// Replays, zips, git and the file system are slow on a busy machine: allow more than the default 5 s.
vi.setConfig({ testTimeout: 30_000 });

const document = parseDocument(builtinSource());
const result = replay(document);
const ROOT = 'microservices_ecosystem';
const ARCH = `${ROOT}/architecture_config.json`;

const UPDATE_STEPS = [33, 50, 59, 69, 82];
const DIRECTORY_STEPS = [
  1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 12, 13, 14, 34, 35, 36, 41, 42, 43, 51, 52, 53, 60, 61, 62, 63, 70, 73, 76, 79,
];

function archAt(position: number): Record<string, unknown> {
  return JSON.parse(files(result, position).get(ARCH)!) as Record<string, unknown>;
}

const ORIGINAL_KEYS = [
  'architecture_version',
  'total_services',
  'communication_pattern',
  'data_consistency',
  'fault_tolerance',
  'service_discovery',
  'load_balancing',
  'tracing',
  'current_state',
];

describe('built-in scenario: parsing', () => {
  it('has 85 steps numbered 1..85 on consecutive lines 16..100', () => {
    expect(document.steps).toHaveLength(85);
    document.steps.forEach((step, i) => {
      expect(step.number).toBe(i + 1);
      expect(step.line).toBe(16 + i);
    });
    expect(document.warnings).toEqual([]);
  });

  it('gives every step the kind its wording names', () => {
    const kinds = document.steps.map((s) => s.kind);
    const expected = document.steps.map((s) =>
      UPDATE_STEPS.includes(s.number) ? 'update' : DIRECTORY_STEPS.includes(s.number) ? 'directory' : 'file',
    );
    expect(kinds).toEqual(expected);
    expect(kinds.filter((k) => k === 'directory')).toHaveLength(30);
    expect(kinds.filter((k) => k === 'file')).toHaveLength(50);
    expect(kinds.filter((k) => k === 'update')).toHaveLength(5);
    for (const step of document.steps) {
      const raw = builtinStepLine(step.number);
      if (step.kind === 'directory') expect(raw).toContain(`Create a directory named "${step.name}"`);
      if (step.kind === 'file')
        expect(raw).toContain(`Create a file named "${step.name}" in ${step.parent} with content:`);
      if (step.kind === 'update') expect(raw).toContain(`Update ${step.file}: add `);
    }
  });

  it('parses step 33 as a registry of 8 services plus current_state', () => {
    const step = document.steps[32];
    expect(step.kind).toBe('update');
    if (step.kind !== 'update') return;
    expect(step.file).toBe('architecture_config.json');
    expect(step.registry).toEqual({ key: 'service_registry', count: 8, collection: 'services', status: 'configured' });
    expect(step.entries).toEqual([['current_state', 'services_configured']]);
  });

  it('reads the expected structure block: 80 entries under microservices_ecosystem', () => {
    expect(document.expected).not.toBeNull();
    expect(document.expected).toHaveLength(80);
    expect(document.expected![0]).toEqual({ path: ROOT, kind: 'directory' });
    expect(document.expected).toContainEqual({ path: ARCH, kind: 'file' });
    expect(document.title).toBe('Test 17: Microservices Architecture Simulation');
  });
});

describe('built-in scenario: final tree', () => {
  const last = result.snapshots[85];
  const entries = treeEntries(result, 85);

  it('replays without error to position 85', () => {
    expect(result.error).toBeNull();
    expect(result.snapshots).toHaveLength(86);
  });

  it('has exactly 50 files and 30 directories', () => {
    expect(entries.filter((e) => e.kind === 'file')).toHaveLength(50);
    expect(entries.filter((e) => e.kind === 'directory')).toHaveLength(30);
    expect(last.fileCount).toBe(50);
    expect(last.directoryCount).toBe(30);
  });

  it('equals the document’s expected structure as a set', () => {
    const got = new Set(entries.map((e) => `${e.kind} ${e.path}`));
    const want = new Set(document.expected!.map((e) => `${e.kind} ${e.path}`));
    expect(got.size).toBe(80);
    expect(got).toEqual(want);
  });

  it('has every .json file parse as JSON', () => {
    const json = entries.filter((e) => e.path.endsWith('.json'));
    expect(json).toHaveLength(36);
    for (const e of json) expect(() => JSON.parse(e.content!), e.path).not.toThrow();
  });

  it('has every .yaml file parse with parseAllDocuments without errors', () => {
    const yamlFiles = entries.filter((e) => e.path.endsWith('.yaml'));
    expect(yamlFiles).toHaveLength(12);
    for (const e of yamlFiles) {
      const docs = parseAllDocuments(e.content!);
      expect(Array.isArray(docs), e.path).toBe(true);
      if (!Array.isArray(docs)) continue;
      expect(docs.length, e.path).toBeGreaterThan(0);
      expect(
        docs.flatMap((d) => d.errors).map((err) => err.message),
        e.path,
      ).toEqual([]);
    }
  });
});

describe('built-in scenario: architecture_config.json versions', () => {
  it('changes exactly at positions 6, 33, 50, 59, 69 and 82', () => {
    expect(result.fileChanges.get(ARCH)).toEqual([6, 33, 50, 59, 69, 82]);
    const distinct: number[] = [];
    let previous: string | undefined;
    for (let p = 0; p <= 85; p++) {
      const content = files(result, p).get(ARCH);
      if (content !== previous) distinct.push(p);
      previous = content;
    }
    expect(distinct).toEqual([6, 33, 50, 59, 69, 82]);
  });

  it('at 6 is the inline JSON of step 6, byte for byte', () => {
    const raw = builtinStepLine(6);
    const expected = raw.slice(raw.indexOf('{'));
    expect(expected.endsWith('}')).toBe(true);
    expect(files(result, 6).get(ARCH)).toBe(expected);
    const value = archAt(6);
    expect(Object.keys(value)).toEqual(ORIGINAL_KEYS);
    expect(value.tracing).toBe('distributed');
    expect(value.current_state).toBe('initializing');
  });

  it('at 33 has the service registry in creation order and current_state replaced in place', () => {
    const text = files(result, 33).get(ARCH)!;
    const value = archAt(33);
    expect(text).toBe(JSON.stringify(value, null, 2));
    expect(Object.keys(value)).toEqual([...ORIGINAL_KEYS, 'service_registry']);
    expect(value.current_state).toBe('services_configured');
    expect(value.tracing).toBe('distributed');
    const registry = value.service_registry as Record<string, Record<string, unknown>>;
    const names = ['user', 'order', 'payment', 'inventory', 'notification', 'analytics', 'auth', 'email'].map(
      (n) => `${n}_service`,
    );
    expect(Object.keys(registry)).toEqual(names);
    expect(names.map((n) => registry[n].port)).toEqual([8001, 8002, 8003, 8004, 8005, 8006, 8007, 8008]);
    expect(names.map((n) => registry[n].replicas)).toEqual([3, 5, 4, 3, 2, 2, 3, 2]);
    expect(registry.user_service).toEqual({
      port: 8001,
      replicas: 3,
      dependencies: ['auth_service'],
      status: 'configured',
    });
    expect(registry.order_service.dependencies).toEqual(['user_service', 'inventory_service', 'payment_service']);
    expect(registry.payment_service.dependencies).toEqual(['user_service', 'notification_service']);
    expect(registry.email_service.dependencies).toEqual([]);
    for (const n of names) expect(Object.keys(registry[n])).toEqual(['port', 'replicas', 'dependencies', 'status']);
  });

  it('at 50, 59, 69 and 82 appends the new keys in order', () => {
    const at50 = [...ORIGINAL_KEYS, 'service_registry', 'api_gateway', 'service_mesh'];
    const at59 = [...at50, 'distributed_data', 'event_store', 'saga_coordinator'];
    const at69 = [...at59, 'monitoring', 'metrics'];
    const at82 = [...at69, 'chaos_engineering', 'security', 'performance'];
    expect(Object.keys(archAt(50))).toEqual(at50);
    expect(Object.keys(archAt(59))).toEqual(at59);
    expect(Object.keys(archAt(69))).toEqual(at69);
    expect(Object.keys(archAt(82))).toEqual(at82);
    expect(archAt(50)).toMatchObject({ api_gateway: 'configured', service_mesh: 'active' });
    expect(archAt(59)).toMatchObject({
      distributed_data: 'configured',
      event_store: 'active',
      saga_coordinator: 'active',
    });
    expect(archAt(69)).toMatchObject({ monitoring: 'active', metrics: 'prometheus' });
    expect(archAt(82)).toMatchObject({
      chaos_engineering: 'configured',
      security: 'hardened',
      performance: 'optimized',
    });
    for (const p of [50, 59, 69, 82]) expect(files(result, p).get(ARCH)).toBe(JSON.stringify(archAt(p), null, 2));
  });

  it('at 69 replaces tracing "distributed" with "jaeger" in its original position', () => {
    expect(Object.keys(archAt(59)).indexOf('tracing')).toBe(7);
    expect(archAt(59).tracing).toBe('distributed');
    expect(Object.keys(archAt(69)).indexOf('tracing')).toBe(7);
    expect(archAt(69).tracing).toBe('jaeger');
    const change = result.snapshots[69].change;
    expect(change?.type).toBe('modified');
    if (change?.type !== 'modified') return;
    expect(change.keys.map((k) => [k.key, k.action])).toEqual([
      ['monitoring', 'added'],
      ['tracing', 'replaced'],
      ['metrics', 'added'],
    ]);
    expect(change.keys[1]).toMatchObject({ before: 'distributed', after: 'jaeger' });
  });

  it('keeps values set earlier: the final registry and the first keys survive every later update', () => {
    const final = archAt(85);
    expect(final.service_registry).toEqual(archAt(33).service_registry);
    expect(final.architecture_version).toBe('2.0');
    expect(final.total_services).toBe(8);
  });
});

describe('built-in scenario: the effect of every step', () => {
  it('records for each step a change of the right type and target', () => {
    for (const step of document.steps) {
      const snapshot = result.snapshots[step.number];
      const before = files(result, step.number - 1);
      const after = files(result, step.number);
      const change = snapshot.change!;
      expect(snapshot.step).toBe(step);
      if (step.kind === 'directory') {
        expect(change.type).toBe('added');
        expect(change.entryKind).toBe('directory');
        expect(change.path.split('/').pop()).toBe(step.name);
        if (step.parent === null) expect(change.path).toBe(step.name);
        else expect(change.path.split('/').at(-2)).toBe(step.parent);
        expect(snapshot.directoryCount).toBe(result.snapshots[step.number - 1].directoryCount + 1);
        expect(after).toEqual(before);
      } else if (step.kind === 'file') {
        expect(change.type).toBe('added');
        expect(change.entryKind).toBe('file');
        expect(change.path.split('/').slice(-2)).toEqual([step.parent, step.name]);
        expect(before.has(change.path)).toBe(false);
        expect(after.get(change.path)).toBe(step.content);
        expect(after.size).toBe(before.size + 1);
      } else {
        expect(change.type).toBe('modified');
        expect(change.path).toBe(ARCH);
        if (change.type !== 'modified') continue;
        expect(change.before).toBe(before.get(ARCH));
        expect(change.after).toBe(after.get(ARCH));
        expect(after.size).toBe(before.size);
        for (const [path, content] of before) if (path !== ARCH) expect(after.get(path)).toBe(content);
      }
    }
  });

  it('places each created entry under the parent directory the step names', () => {
    const paths = treeEntries(result, 85).map((e) => e.path);
    expect(paths).toContain(`${ROOT}/services/user_service/event_schema.json`);
    expect(paths).toContain(`${ROOT}/api_gateway/kong_gateway/gateway_config.yaml`);
    expect(paths).toContain(`${ROOT}/monitoring/tracing/jaeger_config.yaml`);
    expect(paths).toContain(`${ROOT}/distributed_data/saga_coordinator/transaction_log.json`);
  });

  it('drops the stray quote after the JSON of step 17', () => {
    const raw = builtinStepLine(17);
    expect(raw.endsWith('}"')).toBe(true);
    const content = files(result, 17).get(`${ROOT}/services/user_service/event_schema.json`)!;
    expect(content).toBe(raw.slice(raw.indexOf('{'), -1));
    expect(content.endsWith('}')).toBe(true);
    expect(() => JSON.parse(content)).not.toThrow();
  });
});

describe('built-in scenario: byte-exact content', () => {
  const final = files(result);

  it('keeps a JSON file verbatim from the document text (step 15, no stray quote)', () => {
    const raw = builtinStepLine(15);
    expect(final.get(`${ROOT}/services/user_service/service_config.json`)).toBe(raw.slice(raw.indexOf('{')));
  });

  it('keeps a JSON file verbatim up to its stray quote (step 84)', () => {
    const raw = builtinStepLine(84);
    const content = final.get(`${ROOT}/microservices_status_report.json`)!;
    expect(content).toBe(raw.slice(raw.indexOf('{'), raw.lastIndexOf('"')));
    expect(content.endsWith('}')).toBe(true);
  });

  it('decodes \\n in a YAML file (api_definition.yaml)', () => {
    const content = final.get(`${ROOT}/services/user_service/api_definition.yaml`)!;
    expect(content.startsWith('openapi: 3.0.0\ninfo:\n  title: User Service API\n  version: 1.0.0\npaths:\n')).toBe(
      true,
    );
    expect(content.endsWith('        404:\n          description: User not found')).toBe(true);
    expect(content).not.toContain('\\n');
    expect(content.split('\n')).toHaveLength(30);
    const raw = builtinStepLine(16);
    const literal = raw.slice(raw.indexOf('with content: ') + 'with content: '.length);
    expect(content).toBe(JSON.parse(literal));
  });

  it('decodes \\" inside a YAML string (traffic_splitting.yaml)', () => {
    const content = final.get(`${ROOT}/service_mesh/traffic_management/traffic_splitting.yaml`)!;
    expect(content).toContain('        canary:\n          exact: "true"\n');
  });

  it('keeps the two trailing spaces in operational_runbook.md', () => {
    const lines = final.get(`${ROOT}/operational_runbook.md`)!.split('\n');
    expect(lines).toContain('Payment Service → User Service, Notification Service  ');
    expect(lines[0]).toBe('# Microservices Operational Runbook');
    expect(lines.at(-1)).toBe('- **Incident Channel**: #microservices-incidents');
  });

  it('writes microservices_ecosystem_complete.txt exactly, without a trailing newline', () => {
    const expected = [
      'MICROSERVICES ECOSYSTEM SIMULATION COMPLETE',
      '',
      'Project: Comprehensive Microservices Architecture',
      'Total Services: 8 (User, Order, Payment, Inventory, Notification, Analytics, Auth, Email)',
      'Communication Pattern: Event-driven with Saga coordination',
      'Data Management: Event sourcing + CQRS + Distributed caching',
      '',
      'Architecture Components:',
      '- API Gateway: Kong with advanced routing and rate limiting',
      '- Service Mesh: Istio with mTLS and traffic management',
      '- Event Store: EventStore DB with projections',
      '- Saga Coordinator: Distributed transaction management',
      '- Circuit Breakers: Fault tolerance across all services',
      '- Distributed Cache: Redis cluster with intelligent eviction',
      '',
      'Operational Capabilities:',
      '- Monitoring: Jaeger tracing + Prometheus metrics + ELK logging',
      '- Security: mTLS, RBAC, vulnerability scanning',
      '- Resilience: Circuit breakers, bulkheads, chaos engineering',
      '- Performance: Load testing, capacity planning, auto-scaling',
      '- Deployment: Docker Compose + Kubernetes with 20 replicas',
      '',
      'System Metrics:',
      '- Service Availability: 99.9%',
      '- Peak Throughput: 5,000 RPS',
      '- P95 Latency: 245ms',
      '- Saga Success Rate: 99.7%',
      '- Circuit Breaker Coverage: 100%',
      '- Cache Hit Rate: 87%',
      '- Security Vulnerabilities: 0 Critical, 0 High',
      '',
      'Ecosystem Status: FULLY OPERATIONAL',
      'Complexity Level: EXPERT',
      'Final Status: SUCCESS',
    ].join('\n');
    const content = final.get(`${ROOT}/microservices_ecosystem_complete.txt`)!;
    expect(content).toBe(expected);
    expect(content.endsWith('Final Status: SUCCESS')).toBe(true);
  });

  it('adds no trailing newline to any file', () => {
    for (const [path, content] of final) expect(content.endsWith('\n'), path).toBe(false);
  });
});
