import bookshop from '../../../samples/bookshop.txt?raw';
import tinyRules from '../../../samples/tiny-rules.txt?raw';

export interface SampleDocument {
  readonly label: string;
  readonly summary: string;
  readonly source: string;
}

/** Small documents written for stepwise, bundled so that trying the loader needs no file. */
export const SAMPLES: readonly SampleDocument[] = [
  {
    label: 'Bookshop',
    summary: 'Three services behind a gateway, a service registry, text escapes, a key replaced in place.',
    source: bookshop,
  },
  {
    label: 'Tiny rules',
    summary: 'Two top-level folders, a two-worker registry, quoted text with escapes.',
    source: tinyRules,
  },
];
