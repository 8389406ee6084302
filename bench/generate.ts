/**
 * Writes the benchmark's step documents, in the built-in one's format. The same seed always gives
 * the same bytes, so figures from different runs compare.
 *
 * Deep (`generateLargeScenario(seed, scale)`): 10,000 steps per unit of scale that build 3,800
 * directories and 6,000 files six levels deep (about 4 MB), with 200 JSON updates among them, 10
 * of which build a service registry (the "add … with all N …" form). Scale 10 is 100,000 steps
 * (about 40 MB, under the 50 MiB document limit) with the same mix per step, so that the two
 * measure how time and memory grow with length alone.
 * Shape: platform / 10 domains per unit / 8 services each / 8 modules each / 4–5 packages each /
 * files. Every directory name is unique because steps name their parent by its bare name; only
 * files that updates name (manifests, service state) need unique names too.
 *
 * Flat (`generateFlatScenario`): one folder holding every other entry (files and folders), with
 * updates to its JSON files: the simplest document to write, and the widest folder.
 *
 * Run: `npx tsx bench/generate.ts [deep|deep100k|flat] [out-file]` (default: deep into
 * bench/results/large_scenario_steps.txt; see DOCUMENTS for the others).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The deep document's shape at scale 1; counts other than the per-parent ones grow with the scale. */
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

type Shape = { -readonly [K in keyof typeof LARGE_SHAPE]: number };

/** The shape at `scale`: the root stays one folder, so packages take up what it leaves. */
function scaledShape(scale: number): Shape {
  const s = LARGE_SHAPE;
  const domains = s.domains * scale;
  const services = domains * s.servicesPerDomain;
  const directories = s.directories * scale;
  return {
    ...s,
    domains,
    packages: directories - 1 - domains - services - services * s.modulesPerService,
    directories,
    files: s.files * scale,
    updates: s.updates * scale,
    registryUpdates: s.registryUpdates * scale,
    steps: s.steps * scale,
  };
}

export const DEFAULT_SEED = 20_250_117;

const results = (name: string) => fileURLToPath(new URL(`./results/${name}`, import.meta.url));

/** The generated documents the bench measures, by name: where each is written and how it is made. */
export const DOCUMENTS = {
  deep: { path: results('large_scenario_steps.txt'), steps: 10_000, generate: () => generateLargeScenario() },
  deep100k: {
    path: results('large_100k_steps.txt'),
    steps: 100_000,
    generate: () => generateLargeScenario(DEFAULT_SEED, 10),
  },
  flat: { path: results('flat_steps.txt'), steps: 10_000, generate: () => generateFlatScenario() },
} as const;

export type DocumentName = keyof typeof DOCUMENTS;

export const DEFAULT_OUT = DOCUMENTS.deep.path;

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
  /**
   * Content for a file by extension, as the step writes it: inline JSON or a quoted string.
   * 200–900 characters keeps the 100,000-step document under the document limit.
   */
  content(name: string, heading: string, size = this.int(200, 900)): string {
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

/** Domain names: the ten words, then the ten words numbered (payments1, …) for larger scales. */
function domainName(index: number): string {
  const word = DOMAINS[index % DOMAINS.length];
  return index < DOMAINS.length ? word : `${word}${Math.floor(index / DOMAINS.length)}`;
}

/** The creation steps in depth-first order, and where each domain's section ends. */
function creations(w: Writer, s: Shape): { steps: Created[]; domainEnds: Array<{ at: number; domain: string }> } {
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
  for (const domain of Array.from({ length: s.domains }, (_, i) => domainName(i))) {
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

/** The deep document's text (10,000 × scale steps). Deterministic for a given seed and scale. */
export function generateLargeScenario(seed = DEFAULT_SEED, scale = 1): string {
  const w = new Writer(seed);
  const s = scaledShape(scale);
  const { steps: created, domainEnds } = creations(w, s);
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
  return stepDocument(
    `Generated by bench/generate.ts with seed ${seed}: ${s.steps} steps, ${s.directories} directories, ${s.files} files, ${s.updates} updates.`,
    bodies,
  );
}

/** Every fifth entry of the flat document is a folder, every fiftieth step an update. */
const FLAT_FOLDER_EVERY = 5;
const FLAT_UPDATE_EVERY = 50;
const FLAT_EXTENSIONS = ['.json', '.md', '.yaml', '.txt'];

/**
 * The flat document: step 1 creates the folder "flat", every later step adds a file or a folder to
 * it or updates one of its JSON files (`steps` in all).
 */
export function generateFlatScenario(seed = DEFAULT_SEED, steps = 10_000): string {
  const w = new Writer(seed);
  const bodies = [dir('flat', null).body];
  const jsonFiles: string[] = [];
  for (let n = 2; n <= steps; n++) {
    const serial = String(n).padStart(6, '0');
    if (n % FLAT_UPDATE_EVERY === 0 && jsonFiles.length > 0) bodies.push(updateBody(w, w.pick(jsonFiles), n));
    else if (n % FLAT_FOLDER_EVERY === 0) bodies.push(dir(`folder_${serial}`, 'flat').body);
    else {
      const name = `entry_${serial}${w.pick(FLAT_EXTENSIONS)}`;
      if (name.endsWith('.json')) jsonFiles.push(name);
      bodies.push(file(name, 'flat', w.content(name, name, w.int(100, 400))).body);
    }
  }
  return stepDocument(`Generated by bench/generate.ts with seed ${seed}: ${steps} steps in one folder.`, bodies);
}

function stepDocument(summary: string, bodies: readonly string[]): string {
  const header = ['Large benchmark scenario (generated)', '', summary, '', 'STEP-BY-STEP INSTRUCTIONS:', ''];
  return `${header.join('\n')}\n${bodies.map((body, i) => `Step ${i + 1}: ${body}`).join('\n')}\n`;
}

/** Writes the deep 10,000-step document (creating the folder) and returns its path. */
export function writeLargeScenario(out = DEFAULT_OUT, seed = DEFAULT_SEED): string {
  return writeDocument(out, generateLargeScenario(seed));
}

/** Writes a named document where the bench keeps it, unless it is there already; returns its path. */
export function ensureDocument(name: DocumentName): string {
  const { path, generate } = DOCUMENTS[name];
  return existsSync(path) ? path : writeDocument(path, generate());
}

function writeDocument(out: string, text: string): string {
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, text);
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [name = 'deep', out] = process.argv.slice(2);
  if (!(name in DOCUMENTS)) throw new Error(`unknown document ${name}; one of ${Object.keys(DOCUMENTS).join(', ')}`);
  const document = DOCUMENTS[name as DocumentName];
  console.log(`wrote ${writeDocument(out ? resolve(out) : document.path, document.generate())}`);
}
