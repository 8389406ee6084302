/**
 * Reading a JSON file for an update, which must keep key order and every number's text:
 * parseOrdered (one rewriting scan, then the native JSON.parse) against lossless-json's parser
 * (given the same key-order rewrite, since it builds plain objects). Run: npx tsx bench/json-read.ts
 */
import { parse as losslessParse } from 'lossless-json';
import { parseOrdered, stringifyOrdered } from '../src/steps/orderedJson';

function sample(members: number): string {
  const object: Record<string, unknown> = {};
  for (let i = 0; i < members; i++)
    object[`key_${i}`] = {
      port: 8000 + i,
      ratio: i / 7,
      name: `service ${i} "quoted" é`,
      tags: ['a', 'b', i % 2 === 0],
      nested: { limit: 1e21 + i, none: null },
    };
  return JSON.stringify(object, null, 2);
}

/** The key-order rewrite alone (every key prefixed), as lossless-json would need it. */
function prefixKeys(text: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '"') continue;
    let end = i + 1;
    while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
    end++;
    let next = end;
    while (' \t\r\n'.includes(text[next])) next++;
    if (text[next] === ':') {
      out += text.slice(from, i + 1) + '\\u0000';
      from = i + 1;
    }
    i = end - 1;
  }
  return out + text.slice(from);
}

function time(label: string, runs: number, body: () => unknown): number {
  for (let i = 0; i < 3; i++) body();
  const started = performance.now();
  for (let i = 0; i < runs; i++) body();
  const ms = (performance.now() - started) / runs;
  console.log(`${label.padEnd(44)} ${ms.toFixed(3)} ms`);
  return ms;
}

for (const [name, members, runs] of [
  ['a service config (~0.2 KB)', 1, 20_000],
  ['a registry of 100 services (~20 KB)', 100, 500],
  ['5,000 services (~1 MB)', 5_000, 10],
] as const) {
  const text = sample(members);
  console.log(`\n${name}: ${text.length} characters`);
  time('JSON.parse (loses number text and key order)', runs, () => JSON.parse(text));
  const ours = time('parseOrdered', runs, () => parseOrdered(text));
  const theirs = time('key rewrite + lossless-json parse', runs, () =>
    losslessParse(prefixKeys(text), null, {
      onDuplicateKey: () => {
        throw new SyntaxError('duplicate key');
      },
    }),
  );
  console.log(`lossless-json / parseOrdered: ${(theirs / ours).toFixed(1)}×`);
  time('stringifyOrdered (the rewrite after an update)', runs, () => stringifyOrdered(parseOrdered(text)));
}
