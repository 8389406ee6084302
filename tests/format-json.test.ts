import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatJson } from '../src/steps/formatJson';
import { stringifyOrdered, parseOrdered } from '../src/steps/orderedJson';

/** The text with every whitespace character outside strings removed: what formatting may not change. */
function tokensOf(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      out += c;
      if (c === '\\') out += text[++i];
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
      out += c;
    } else if (!' \n\r\t'.includes(c)) out += c;
  }
  return out;
}

describe('formatJson', () => {
  it('lays out one-line JSON as updates write it', () => {
    expect(formatJson('{"a":1,"b":[true,null,{"c":"d"}],"e":{},"f":[ ]}')).toBe(
      '{\n  "a": 1,\n  "b": [\n    true,\n    null,\n    {\n      "c": "d"\n    }\n  ],\n  "e": {},\n  "f": []\n}',
    );
    expect(formatJson('  42 ')).toBe('42');
    expect(formatJson('"just a string"')).toBe('"just a string"');
  });

  it('keeps every number exactly as written', () => {
    const text = '{"float":1.0,"big":12345678901234567890,"huge":1e400,"neg":-0,"exp":2.50E+3,"tiny":5e-324}';
    const formatted = formatJson(text)!;
    for (const number of ['1.0', '12345678901234567890', '1e400', '-0', '2.50E+3', '5e-324'])
      expect(formatted).toContain(`: ${number}`);
  });

  it('keeps strings, escapes, key order and repeated keys as written', () => {
    const text = '{"z":"a, b: [c] {d}","2":"\\u00e9\\n\\"q\\"","1":0,"z":"again","\\ud83d\\ude00":"😀"}';
    const formatted = formatJson(text)!;
    expect(formatted).toBe(
      '{\n  "z": "a, b: [c] {d}",\n  "2": "\\u00e9\\n\\"q\\"",\n  "1": 0,\n  "z": "again",\n  "\\ud83d\\ude00": "😀"\n}',
    );
  });

  it('returns null for anything JSON.parse refuses', () => {
    for (const text of ['', 'abc', '{"a":}', "{'a':1}", '[1,]', '{"a":1', '\uFEFF{}', '01', 'NaN'])
      expect(formatJson(text), text).toBeNull();
  });

  it('gives back what updates wrote unchanged', () => {
    const written = stringifyOrdered(parseOrdered('{"services":{"b":{"port":8080}},"list":[1,[],{}],"2":"x"}'));
    expect(formatJson(written)).toBe(written);
  });

  it('copes with nesting deeper than a recursive printer could', () => {
    const depth = 1000;
    const text = '['.repeat(depth) + ']'.repeat(depth);
    let parsed = true;
    try {
      JSON.parse(text);
    } catch {
      parsed = false;
    }
    const formatted = formatJson(text);
    expect(formatted === null).toBe(!parsed);
    if (formatted !== null) expect(tokensOf(formatted)).toBe(text);
  });

  it('changes only whitespace between tokens, and formatting twice changes nothing more', () => {
    const spaced = fc
      .tuple(fc.json({ maxDepth: 4 }), fc.array(fc.constantFrom(' ', '\n', '\t', '\r\n', ''), { maxLength: 50 }))
      .map(([json, spaces]) => {
        // Sprinkle whitespace after delimiters outside strings, so inputs are not only JSON.stringify's layout.
        let k = 0;
        let inString = false;
        let out = '';
        for (let i = 0; i < json.length; i++) {
          const c = json[i];
          out += c;
          if (inString) {
            if (c === '\\') out += json[++i];
            else if (c === '"') inString = false;
          } else if (c === '"') inString = true;
          else if (',:[]{}'.includes(c)) out += spaces[k++ % Math.max(1, spaces.length)] ?? '';
        }
        return out;
      });
    fc.assert(
      fc.property(spaced, (text) => {
        const formatted = formatJson(text);
        expect(formatted).not.toBeNull();
        expect(tokensOf(formatted!)).toBe(tokensOf(text));
        expect(formatJson(formatted!)).toBe(formatted);
        expect(JSON.parse(formatted!)).toEqual(JSON.parse(text));
      }),
    );
  });
});
