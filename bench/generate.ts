/**
 * Writes a step document a hundred times the size of the built-in one, in the same format:
 * 10,000 steps that build 3,800 directories and 6,000 files six levels deep (about 5 MB), with
 * 200 JSON updates among them, 10 of which build a service registry (the "add … with all N …"
 * form). The same seed always gives the same bytes, so figures from different runs compare.
 *
 * Shape: platform / 10 domains / 8 services each / 8 modules each / 4–5 packages each / files.
 * Every directory name is unique because steps name their parent by its bare name; only files
 * that updates name (manifests, service state) need unique names too.
 *
 * Run: `npx tsx bench/generate.ts [out-file]` (default bench/results/large_scenario_steps.txt).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const LARGE_SHAPE = {
  domains: 10,
  servicesPerDomain: 8,
  modulesPerService: 8,
  packages: 3069,
  directories: 3800,
  files: 6000,
  updates: 200,
  registryUpdates: 10,
  steps: 10_000,
} as const;

export const DEFAULT_SEED = 20_250_117;
export const DEFAULT_OUT = fileURLToPath(new URL('./results/large_scenario_steps.txt', import.meta.url));

/** mulberry32: small, fast and good enough to vary names and content reproducibly. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const DOMAINS = [
  'payments',
  'identity',
  'catalog',
  'shipping',
  'billing',
  'search',
  'messaging',
  'analytics',
  'storage',
  'compliance',
];
const SERVICES = ['ledger', 'gateway', 'worker', 'scheduler', 'indexer', 'notifier', 'auditor', 'resolver'];
const MODULES = ['api', 'core', 'store', 'events', 'jobs', 'cache', 'auth', 'metrics'];
const PACKAGE_WORDS = [
  'handlers',
  'models',
  'adapters',
  'schemas',
  'policies',
  'fixtures',
  'clients',
  'routes',
  'tasks',
  'codecs',
];
const WORDS = (
  'request response timeout retry backoff circuit breaker replica shard partition offset consumer producer ' +
  'topic queue latency throughput budget quota region zone cluster node pod container image tag release ' +
  'rollout canary health probe metric trace span log level token secret scope role policy audit index'
).split(' ');
/** Names for package files; a package holds distinct ones, packages may repeat them. */
const PACKAGE_FILES = [
  'config.yaml',
  'schema.json',
  'README.md',
  'defaults.json',
  'notes.txt',
  'pipeline.yaml',
  'limits.json',
  'CHANGELOG.md',
];

interface Created {
  readonly body: string;
  /** Set for a file that updates may name (a unique-named JSON object). */
  readonly updatable?: string;
}

class Writer {
  readonly random: () => number;
  constructor(seed: number) {
    this.random = prng(seed);
  }
  int(low: number, high: number): number {
    return low + Math.floor(this.random() * (high - low + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)];
  }
  words(count: number): string {
    return Array.from({ length: count }, () => this.pick(WORDS)).join(' ');
  }
  shuffled<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.random() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }
  /** A nested JSON object of roughly `size` characters. */
  json(size: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    let length = 2;
    for (let i = 0; length < size; i++) {
      const key = `${this.pick(WORDS)}_${i}`;
      const value =
        i % 4 === 0
          ? { enabled: this.random() < 0.5, limit: this.int(1, 10_000), mode: this.pick(WORDS) }
          : i % 4 === 1
            ? [this.pick(WORDS), this.pick(WORDS), this.int(0, 999)]
            : i % 4 === 2
              ? this.words(this.int(2, 8))
              : this.int(0, 100_000);
      out[key] = value;
      length += key.length + JSON.stringify(value).length + 6;
    }
    return out;
  }
  yaml(size: number): string {
    const lines = [`name: ${this.pick(WORDS)}-${this.int(1, 999)}`, 'spec:'];
    let length = lines.join('\n').length;
    while (length < size) {
      const line =
        this.random() < 0.3
          ? `  - ${this.words(this.int(1, 4))}`
          : `  ${this.pick(WORDS)}_${this.int(0, 99)}: ${this.random() < 0.5 ? this.int(0, 9999) : this.words(this.int(1, 5))}`;
      lines.push(line);
      length += line.length + 1;
    }
    return lines.join('\n');
  }
  prose(size: number, heading: string): string {
    const parts = [`# ${heading}`, ''];
    let length = heading.length + 3;
    while (length < size) {
      const sentence = `${this.words(this.int(6, 16))}.`;
      parts.push(this.random() < 0.2 ? `\n## ${this.words(2)}\n` : sentence);
      length += sentence.length + 1;
    }
    return parts.join(' ').replace(/ \n/g, '\n');
  }
  /** Content for a file by extension, as the step writes it: inline JSON or a quoted string. */
  content(name: string, heading: string): string {
    const size = this.int(300, 1300);
    if (name.endsWith('.json')) return JSON.stringify(this.json(size));
    if (name.endsWith('.yaml')) return JSON.stringify(this.yaml(size));
    return JSON.stringify(this.prose(size, heading));
  }
}

function dir(name: string, parent: string | null): Created {
  return { body: `Create a directory named "${name}"${parent === null ? '' : ` inside ${parent}`}` };
}

function file(name: string, parent: string, content: string, updatable = false): Created {
  return {
    body: `Create a file named "${name}" in ${parent} with content: ${content}`,
    ...(updatable ? { updatable: name } : {}),
  };
}

/** Splits `total` into `parts` counts of `base` or more, the extras spread at random. */
function spread(w: Writer, parts: number, total: number, cap: number): number[] {
  const base = Math.floor(total / parts);
  const counts = new Array<number>(parts).fill(base);
  for (let extra = total - base * parts; extra > 0;) {
    const i = Math.floor(w.random() * parts);
    if (counts[i] < cap) {
      counts[i]++;
      extra--;
    }
  }
  return counts;
}

/** The creation steps in depth-first order, and where each domain's section ends. */
function creations(w: Writer): { steps: Created[]; domainEnds: Array<{ at: number; domain: string }> } {
  const s = LARGE_SHAPE;
  const services = s.domains * s.servicesPerDomain;
  const modules = services * s.modulesPerService;
  // Files outside packages: the root manifest, one per domain, two per service, one per module.
  const packageFiles = s.files - 1 - s.domains - services * 2 - modules;
  const packagesPerModule = spread(w, modules, s.packages, 6);
  const filesPerPackage = spread(w, s.packages, packageFiles, PACKAGE_FILES.length);
  const steps: Created[] = [dir('platform', null)];
  const domainEnds: Array<{ at: number; domain: string }> = [];
  steps.push(
    file(
      'platform_manifest.json',
      'platform',
      JSON.stringify({ platform: 'large-bench', version: 1, domains: s.domains }),
      true,
    ),
  );
  let moduleIndex = 0;
  let packageIndex = 0;
  for (const domain of DOMAINS.slice(0, s.domains)) {
    steps.push(dir(domain, 'platform'));
    steps.push(
      file(
        `${domain}_manifest.json`,
        domain,
        JSON.stringify({ domain, owner: w.pick(WORDS), current_state: 'planned' }),
        true,
      ),
    );
    for (const serviceWord of SERVICES.slice(0, s.servicesPerDomain)) {
      const service = `${domain}_${serviceWord}`;
      steps.push(dir(service, domain));
      const config = {
        service_name: service,
        port: w.int(8000, 9999),
        replicas: w.int(1, 9),
        dependencies: [`${w.pick(DOMAINS)}_${w.pick(SERVICES)}`],
        status: 'configured',
      };
      steps.push(file('service_config.json', service, JSON.stringify(config)));
      steps.push(
        file(`${service}_state.json`, service, JSON.stringify({ service, deployments: 0, healthy: true }), true),
      );
      for (const moduleWord of MODULES.slice(0, s.modulesPerService)) {
        const module = `${service}_${moduleWord}`;
        steps.push(dir(module, service));
        steps.push(file('README.md', module, w.content('README.md', module)));
        for (let p = 0; p < packagesPerModule[moduleIndex]; p++) {
          const pkg = `${module}_${w.pick(PACKAGE_WORDS)}${p}`;
          steps.push(dir(pkg, module));
          for (const name of w.shuffled(PACKAGE_FILES).slice(0, filesPerPackage[packageIndex]))
            steps.push(file(name, pkg, w.content(name, pkg)));
          packageIndex++;
        }
        moduleIndex++;
      }
    }
    domainEnds.push({ at: steps.length, domain });
  }
  return { steps, domainEnds };
}

function updateBody(w: Writer, target: string, serial: number): string {
  const entries = [
    `current_state: "${w.pick(['deploying', 'healthy', 'degraded', 'scaling', 'draining'])}"`,
    `revision: ${serial}`,
    ...(w.random() < 0.5 ? [`notes: ${JSON.stringify(w.words(w.int(3, 12)))}`] : []),
    ...(w.random() < 0.3 ? [`limits: ${JSON.stringify({ cpu: w.int(1, 16), memory_mb: w.int(128, 8192) })}`] : []),
  ];
  return `Update ${target}: add ${entries.join(', ')}`;
}

/** The document's text. Deterministic for a given seed. */
export function generateLargeScenario(seed = DEFAULT_SEED): string {
  const w = new Writer(seed);
  const { steps: created, domainEnds } = creations(w);
  const s = LARGE_SHAPE;
  // Registry updates close each domain's section: by then every service there has its config.
  const inserts = new Map<number, string[]>();
  for (const { at, domain } of domainEnds) {
    const body = `Update ${domain}_manifest.json: add service_registry with all ${s.servicesPerDomain} ${domain} configured and current_state: "services_configured"`;
    inserts.set(at, [body]);
  }
  // Plain updates land at random points after their target exists.
  const updatableBefore: string[][] = [];
  const seen: string[] = [];
  for (const step of created) {
    if (step.updatable) seen.push(step.updatable);
    updatableBefore.push([...seen.slice(-40), ...seen.slice(0, 2)]);
  }
  for (let serial = 1; serial <= s.updates - s.registryUpdates; serial++) {
    const at = w.int(50, created.length);
    const target = w.pick(updatableBefore[at - 1]);
    inserts.set(at, [...(inserts.get(at) ?? []), updateBody(w, target, serial)]);
  }
  const bodies: string[] = [];
  created.forEach((step, i) => {
    bodies.push(...(inserts.get(i) ?? []));
    bodies.push(step.body);
  });
  bodies.push(...(inserts.get(created.length) ?? []));
  const header = [
    'Large benchmark scenario (generated)',
    '',
    `Generated by bench/generate.ts with seed ${seed}: ${s.steps} steps, ${s.directories} directories, ${s.files} files, ${s.updates} updates.`,
    '',
    'STEP-BY-STEP INSTRUCTIONS:',
    '',
  ];
  return `${header.join('\n')}\n${bodies.map((body, i) => `Step ${i + 1}: ${body}`).join('\n')}\n`;
}

/** Writes the document (creating the folder) and returns its path. */
export function writeLargeScenario(out = DEFAULT_OUT, seed = DEFAULT_SEED): string {
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, generateLargeScenario(seed));
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = writeLargeScenario(process.argv[2] ? resolve(process.argv[2]) : DEFAULT_OUT);
  console.log(`wrote ${out}`);
}
