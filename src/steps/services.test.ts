import { describe, expect, it } from 'vitest';
import builtinText from '../scenarios/microservices_ecosystem_steps.txt?raw';
import { replay } from './engine';
import { parseDocument } from './parser';
import { serviceModel, serviceSource, statusChanges, type ServiceStatus } from './services';

const builtin = replay(parseDocument(builtinText));
const doc = (...bodies: string[]) => replay(parseDocument(bodies.map((b, i) => `Step ${i + 1}: ${b}`).join('\n')));

const statuses = (position: number) =>
  Object.fromEntries(serviceModel(builtin, position).services.map((s) => [s.name, s.status]));
const allAre = (position: number, status: ServiceStatus) =>
  Object.values(statuses(position)).every((s) => s === status);

const SERVICES = [
  'user_service',
  'order_service',
  'payment_service',
  'inventory_service',
  'notification_service',
  'analytics_service',
  'auth_service',
  'email_service',
];

describe('services of the built-in scenario', () => {
  it('finds the collection the registry update names, and its eight services from the final tree', () => {
    const source = serviceSource(builtin);
    expect(source.collection).toBe('microservices_ecosystem/services');
    expect(source.registry).toEqual({
      path: 'microservices_ecosystem/architecture_config.json',
      key: 'service_registry',
    });
    expect(source.names).toEqual(SERVICES);
  });

  it('moves every service through its statuses: absent, created by 14, configured by 31, registered at 33', () => {
    expect(allAre(6, 'absent')).toBe(true);
    expect(statuses(8)).toMatchObject({ user_service: 'created', order_service: 'created', payment_service: 'absent' });
    expect(allAre(14, 'created')).toBe(true);
    expect(statuses(15)).toMatchObject({ user_service: 'configured', order_service: 'created' });
    expect(allAre(31, 'configured')).toBe(true);
    expect(allAre(32, 'configured')).toBe(true);
    expect(allAre(33, 'registered')).toBe(true);
    expect(allAre(85, 'registered')).toBe(true);
  });

  it('marks exactly the services whose status the current step changed', () => {
    expect(statusChanges(serviceModel(builtin, 14)).map((s) => [s.name, s.previousStatus, s.status])).toEqual([
      ['email_service', 'absent', 'created'],
    ]);
    expect(statusChanges(serviceModel(builtin, 18)).map((s) => s.name)).toEqual(['order_service']);
    expect(statusChanges(serviceModel(builtin, 16))).toEqual([]);
    expect(statusChanges(serviceModel(builtin, 33)).map((s) => s.name)).toEqual(SERVICES);
    expect(statusChanges(serviceModel(builtin, 34))).toEqual([]);
  });

  it('reads port, replicas and circuit breaker from each service_config.json once it exists', () => {
    const before = serviceModel(builtin, 17).services.find((s) => s.name === 'order_service')!;
    expect(before).toMatchObject({
      port: null,
      replicas: null,
      circuitBreaker: null,
      dependencies: [],
      createdAt: 8,
      configuredAt: 18,
    });
    const order = serviceModel(builtin, 18).services.find((s) => s.name === 'order_service')!;
    expect(order).toMatchObject({
      port: 8002,
      replicas: 5,
      circuitBreaker: { failureThreshold: 3, timeout: 45, fallbackEnabled: true },
      circuitBreakerChanged: true,
    });
    const auth = serviceModel(builtin, 85).services.find((s) => s.name === 'auth_service')!;
    expect(auth).toMatchObject({ port: 8007, replicas: 3, circuitBreaker: null });
  });

  it('draws an edge from each service to each dependency its config names', () => {
    const edges = (position: number) => serviceModel(builtin, position).edges.map((e) => `${e.from}>${e.to}`);
    expect(edges(14)).toEqual([]);
    expect(edges(18)).toEqual([
      'user_service>auth_service',
      'order_service>user_service',
      'order_service>inventory_service',
      'order_service>payment_service',
    ]);
    expect(
      serviceModel(builtin, 18)
        .edges.filter((e) => e.isNew)
        .map((e) => e.from),
    ).toEqual(['order_service', 'order_service', 'order_service']);
    expect(edges(31).sort()).toEqual(
      [
        'inventory_service>analytics_service',
        'notification_service>email_service',
        'order_service>inventory_service',
        'order_service>payment_service',
        'order_service>user_service',
        'payment_service>notification_service',
        'payment_service>user_service',
        'user_service>auth_service',
      ].sort(),
    );
    expect(serviceSource(builtin).finalEdges).toHaveLength(8);
  });
});

describe('services of other documents', () => {
  it('follows whatever collection the registry update names', () => {
    const result = doc(
      'Create a directory named "apps"',
      'Create a directory named "fleet" inside apps',
      'Create a directory named "a" inside fleet',
      'Create a directory named "b" inside fleet',
      'Create a file named "service_config.json" in a with content: {"port": 1, "dependencies": ["b", "outside"]}',
      'Create a file named "service_config.json" in b with content: {"port": 2, "replicas": 7}',
      'Create a file named "registry.json" in apps with content: {}',
      'Update registry.json: add members with all 2 fleet configured',
    );
    const source = serviceSource(result);
    expect(source.collection).toBe('apps/fleet');
    expect(source.registry).toEqual({ path: 'apps/registry.json', key: 'members' });
    const model = serviceModel(result, 8);
    expect(model.services.map((s) => [s.name, s.status])).toEqual([
      ['a', 'registered'],
      ['b', 'registered'],
    ]);
    expect(model.services[0].dependencies).toEqual(['b', 'outside']);
    expect(model.edges.map((e) => `${e.from}>${e.to}`)).toEqual(['a>b']);
    expect(serviceModel(result, 7).services.map((s) => s.status)).toEqual(['configured', 'configured']);
  });

  it('falls back to a directory named services, and to no services at all', () => {
    const withServices = doc('Create a directory named "services"', 'Create a directory named "x" inside services');
    expect(serviceSource(withServices).names).toEqual(['x']);
    expect(serviceSource(withServices).registry).toBeNull();
    expect(serviceModel(withServices, 2).services[0].status).toBe('created');
    const none = doc('Create a directory named "other"');
    expect(serviceModel(none, 1).services).toEqual([]);
  });

  it('counts a service_config.json that does not parse as configured, without details', () => {
    const result = doc(
      'Create a directory named "services"',
      'Create a directory named "x" inside services',
      'Create a file named "service_config.json" in x with content: "{broken"',
    );
    expect(serviceModel(result, 3).services[0]).toMatchObject({ status: 'configured', port: null, dependencies: [] });
  });
});
