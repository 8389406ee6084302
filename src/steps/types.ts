/** What every step shares: its number in the document, the line it stands on and its original text. */
interface StepBase {
  readonly number: number;
  readonly line: number;
  /** The instruction as written, after "Step N: ". */
  readonly text: string;
}

/** `Create a directory named "D"` (parent null: at the root) or `... inside P`. */
export interface DirectoryStep extends StepBase {
  readonly kind: 'directory';
  readonly name: string;
  readonly parent: string | null;
}

/** `Create a file named "F" in P with content: C`; content is already decoded. */
export interface FileStep extends StepBase {
  readonly kind: 'file';
  readonly name: string;
  readonly parent: string;
  readonly content: string;
}

/**
 * `add service_registry with all 8 services configured`: build `key` from the service directories
 * inside `collection`, each read from its service_config.json.
 */
export interface RegistrySpec {
  readonly key: string;
  readonly count: number;
  readonly collection: string;
  readonly status: string;
}

/** `Update F: add K: V, ...`, optionally preceded by a registry build. */
export interface UpdateStep extends StepBase {
  readonly kind: 'update';
  readonly file: string;
  readonly registry: RegistrySpec | null;
  readonly entries: ReadonlyArray<readonly [key: string, value: unknown]>;
  /** Each entry's value exactly as written, so that the engine can keep key order inside it. */
  readonly valueTexts: readonly string[];
}

export type Step = DirectoryStep | FileStep | UpdateStep;
export type StepKind = Step['kind'];

export interface ExpectedEntry {
  readonly path: string;
  readonly kind: 'directory' | 'file';
}

/** Something in a document that was read, but probably not as its author meant. */
export interface ParseWarning {
  readonly line: number;
  /** One sentence, starting with "Line N: ". */
  readonly message: string;
}

/** A parsed step document: the steps in order, and everything else it says. */
export interface StepDocument {
  readonly title: string;
  /** Every line that is not a step or part of the expected structure, in order. */
  readonly description: string;
  readonly steps: readonly Step[];
  /** From the "EXPECTED FINAL STRUCTURE" block; null when the document has none. */
  readonly expected: readonly ExpectedEntry[] | null;
  /** Lines read as description that look like mistyped steps, in line order (at most MAX_WARNINGS + 1). */
  readonly warnings: readonly ParseWarning[];
}
