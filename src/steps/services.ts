import type { Replay } from './engine';
import { isJsonObject, parseJsonObject } from './jsonScan';
import { baseName } from './names';
import { getNode, readFile, type DirectoryNode } from './tree';

/** How far a service has come at one position, in the order the scenario moves it along. */
export type ServiceStatus = 'absent' | 'created' | 'configured' | 'registered';

export const SERVICE_STATUSES: readonly ServiceStatus[] = ['absent', 'created', 'configured', 'registered'];

export const STATUS_LABELS: Readonly<Record<ServiceStatus, string>> = {
  absent: 'not yet created',
  created: 'directory created',
  configured: 'configured',
  registered: 'registered',
};

/** A JSON scalar worth showing as it is (port, replicas, thresholds); anything else is dropped. */
export type Scalar = string | number | boolean;

export interface CircuitBreaker {
  readonly failureThreshold: Scalar | null;
  readonly timeout: Scalar | null;
  readonly fallbackEnabled: Scalar | null;
}

export interface ServiceState {
  readonly name: string;
  /** The service's directory (as the final tree has it). */
  readonly path: string;
  readonly configPath: string;
  /** The steps that create the directory and its service_config.json; null when none does. */
  readonly createdAt: number | null;
  readonly configuredAt: number | null;
  readonly status: ServiceStatus;
  /** The status one position earlier; differs from `status` when the current step moved it. */
  readonly previousStatus: ServiceStatus;
  readonly port: Scalar | null;
  readonly replicas: Scalar | null;
  /** Every dependency the config names, including ones that are not services of the collection. */
  readonly dependencies: readonly string[];
  readonly circuitBreaker: CircuitBreaker | null;
  /** True when the current step changed this service's circuit breaker settings. */
  readonly circuitBreakerChanged: boolean;
}

export interface ServiceEdge {
  readonly from: string;
  readonly to: string;
  /** The edge did not exist one position earlier. */
  readonly isNew: boolean;
}

/** Where a scenario keeps its services and the registry that lists them; found once per replay. */
export interface ServiceSource {
  /** The collection directory's path, or null when the scenario has none. */
  readonly collection: string | null;
  /** The JSON file and top-level key a registry update writes, when the document has such an update. */
  readonly registry: { readonly path: string; readonly key: string } | null;
  /** Every service the final tree holds, in creation order. */
  readonly names: readonly string[];
  /** The dependency edges of the final tree: a stable layout for every position. */
  readonly finalEdges: readonly { readonly from: string; readonly to: string }[];
}

export interface ServiceModel extends ServiceSource {
  readonly position: number;
  readonly services: readonly ServiceState[];
  /** Edges between services of the collection that exist at this position. */
  readonly edges: readonly ServiceEdge[];
}

const CONFIG_FILE = 'service_config.json';
const FALLBACK_COLLECTION = 'services';

const sources = new WeakMap<Replay, ServiceSource>();

/**
 * Finds the service collection the way the document names it: the directory a registry update
 * ("add … with all N services …") builds from, else the first directory named "services".
 */
export function serviceSource(replay: Replay): ServiceSource {
  const known = sources.get(replay);
  if (known) return known;
  const registryStep = replay.document.steps.find((s) => s.kind === 'update' && s.registry !== null);
  const collectionName =
    registryStep?.kind === 'update' && registryStep.registry ? registryStep.registry.collection : FALLBACK_COLLECTION;
  const directories = replay.created.filter((e) => e.kind === 'directory');
  const collection =
    directories.find((e) => baseName(e.path) === collectionName)?.path ??
    directories.find((e) => baseName(e.path) === FALLBACK_COLLECTION)?.path ??
    null;
  const applied = registryStep ? replay.snapshots[registryStep.number] : undefined;
  const registry =
    registryStep?.kind === 'update' && registryStep.registry && applied?.change
      ? { path: applied.change.path, key: registryStep.registry.key }
      : null;
  const finalRoot = replay.snapshots[replay.snapshots.length - 1].root;
  const names = collection === null ? [] : directoryNames(finalRoot, collection);
  const members = new Set(names);
  const finalEdges = names.flatMap((name) =>
    readConfig(finalRoot, `${collection}/${name}/${CONFIG_FILE}`)
      .dependencies.filter((to) => members.has(to) && to !== name)
      .map((to) => ({ from: name, to })),
  );
  const source = { collection, registry, names, finalEdges };
  sources.set(replay, source);
  return source;
}

/** Every service of the collection as it stands at `position`, and the dependency edges between them. */
export function serviceModel(replay: Replay, position: number): ServiceModel {
  const source = serviceSource(replay);
  const root = replay.snapshots[position].root;
  const previousRoot = replay.snapshots[Math.max(0, position - 1)].root;
  const now = readServices(source, root);
  const before =
    position === 0 ? now.map((s) => ({ ...s, status: 'absent' as const })) : readServices(source, previousRoot);
  const createdAt = new Map(replay.created.map((e) => [e.path, e.position]));
  const services: ServiceState[] = now.map((service, i) => ({
    ...service,
    createdAt: createdAt.get(service.path) ?? null,
    configuredAt: createdAt.get(service.configPath) ?? null,
    previousStatus: before[i].status,
    circuitBreakerChanged:
      position > 0 && JSON.stringify(service.circuitBreaker) !== JSON.stringify(before[i].circuitBreaker),
  }));
  const names = new Set(source.names);
  const edgesOf = (list: readonly ReadState[]) =>
    list.flatMap((s) =>
      s.dependencies.filter((to) => names.has(to) && to !== s.name).map((to) => `${s.name}\u0000${to}`),
    );
  const earlier = new Set(position === 0 ? [] : edgesOf(before));
  const edges = edgesOf(now).map((key) => {
    const [from, to] = key.split('\u0000');
    return { from, to, isNew: !earlier.has(key) };
  });
  return { ...source, position, services, edges };
}

/** Services whose status the step at this position changed. */
export function statusChanges(model: ServiceModel): ServiceState[] {
  return model.services.filter((s) => s.status !== s.previousStatus);
}

type ReadState = Omit<ServiceState, 'previousStatus' | 'circuitBreakerChanged' | 'createdAt' | 'configuredAt'>;

function readServices(source: ServiceSource, root: DirectoryNode): ReadState[] {
  const registered = registeredNames(source, root);
  return source.names.map((name) => {
    const path = `${source.collection}/${name}`;
    const configPath = `${path}/${CONFIG_FILE}`;
    const exists = getNode(root, path)?.kind === 'directory';
    const hasConfig = exists && readFile(root, configPath) !== undefined;
    const config = hasConfig ? readConfig(root, configPath) : EMPTY_CONFIG;
    const entry = registered.get(name);
    const status: ServiceStatus = !exists ? 'absent' : entry ? 'registered' : hasConfig ? 'configured' : 'created';
    return {
      name,
      path,
      configPath,
      status,
      port: config.port ?? scalar(entry?.port),
      replicas: config.replicas ?? scalar(entry?.replicas),
      dependencies: hasConfig ? config.dependencies : stringList(entry?.dependencies),
      circuitBreaker: config.circuitBreaker,
    };
  });
}

interface Config {
  readonly port: Scalar | null;
  readonly replicas: Scalar | null;
  readonly dependencies: readonly string[];
  readonly circuitBreaker: CircuitBreaker | null;
}

const EMPTY_CONFIG: Config = { port: null, replicas: null, dependencies: [], circuitBreaker: null };

/** A service_config.json read leniently: a file that does not parse still counts as configured. */
function readConfig(root: DirectoryNode, path: string): Config {
  const value = parseJsonObject(readFile(root, path));
  if (!value) return EMPTY_CONFIG;
  const breaker = value.circuit_breaker;
  return {
    port: scalar(value.port),
    replicas: scalar(value.replicas),
    dependencies: stringList(value.dependencies),
    circuitBreaker: isJsonObject(breaker)
      ? {
          failureThreshold: scalar(breaker.failure_threshold),
          timeout: scalar(breaker.timeout),
          fallbackEnabled: scalar(breaker.fallback_enabled),
        }
      : null,
  };
}

function registeredNames(source: ServiceSource, root: DirectoryNode): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  if (!source.registry) return out;
  const registry = parseJsonObject(readFile(root, source.registry.path))?.[source.registry.key];
  if (!isJsonObject(registry)) return out;
  for (const [name, entry] of Object.entries(registry)) out.set(name, isJsonObject(entry) ? entry : {});
  return out;
}

function directoryNames(root: DirectoryNode, path: string): string[] {
  const node = getNode(root, path);
  if (node?.kind !== 'directory') return [];
  return [...node].filter(([, child]) => child.kind === 'directory').map(([name]) => name);
}

/** The value when it is a string, number or boolean; null otherwise. */
export function scalar(value: unknown): Scalar | null {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : null;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
