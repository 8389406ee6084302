import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { utf8Length } from '../src/steps/names';
import { MAX_WARNINGS, parseDocument, parseStructure } from '../src/steps/parser';
import { doc, files, run } from './helpers';

const ROOT_DIR = 'Create a directory named "r"';

describe('step forms', () => {
  it('parses a root directory and a directory inside a parent', () => {
    const { steps } = parseDocument(doc(ROOT_DIR, 'Create a directory named "sub" inside r'));
    expect(steps[0]).toEqual({ kind: 'directory', number: 1, line: 1, text: ROOT_DIR, name: 'r', parent: null });
    expect(steps[1]).toMatchObject({ kind: 'directory', number: 2, line: 2, name: 'sub', parent: 'r' });
  });

  it('parses a file with string content and one with inline JSON content', () => {
    const { steps } = parseDocument(
      doc(
        ROOT_DIR,
        'Create a file named "a.txt" in r with content: "hi"',
        'Create a file named "b.json" in r with content: {"k": 1}',
      ),
    );
    expect(steps[1]).toMatchObject({ kind: 'file', name: 'a.txt', parent: 'r', content: 'hi' });
    expect(steps[2]).toMatchObject({ kind: 'file', name: 'b.json', parent: 'r', content: '{"k": 1}' });
  });

  it('parses an update with inline JSON values of every type', () => {
    const { steps } = parseDocument(
      doc('Update c.json: add s: "x, y", n: -1.5e3, t: true, f: false, z: null, o: {"a": [1, "]"]}, a: [], "q k": 0'),
    );
    expect(steps[0]).toMatchObject({ kind: 'update', file: 'c.json', registry: null });
    if (steps[0].kind !== 'update') return;
    expect(steps[0].entries).toEqual([
      ['s', 'x, y'],
      ['n', -1500],
      ['t', true],
      ['f', false],
      ['z', null],
      ['o', { a: [1, ']'] }],
      ['a', []],
      ['q k', 0],
    ]);
  });

  // jsonScan.ts scans literals in a 64-character window, so a longer (valid JSON) number is cut short.
  it('accepts an update value that is a number literal longer than 64 characters', () => {
    const digits = `0.${'1'.repeat(70)}`;
    const { steps } = parseDocument(doc(`Update c.json: add k: ${digits}, j: 1`));
    expect(steps[0].kind === 'update' && steps[0].entries).toEqual([
      ['k', Number(digits)],
      ['j', 1],
    ]);
  });

  it('parses the registry form with its count, collection, status and trailing entries', () => {
    const { steps } = parseDocument(
      doc('Update c.json: add service_registry with all 3 services configured and current_state: "S"'),
    );
    expect(steps[0]).toMatchObject({
      kind: 'update',
      file: 'c.json',
      registry: { key: 'service_registry', count: 3, collection: 'services', status: 'configured' },
      entries: [['current_state', 'S']],
    });
  });

  it('numbers steps from 1 and keeps each step’s own line, ignoring prose between steps', () => {
    const source = [
      'Title',
      '',
      'Step 1: Create a directory named "a"',
      'prose',
      'Step 2: Create a directory named "b"',
    ];
    const parsed = parseDocument(source.join('\n'));
    expect(parsed.steps.map((s) => [s.number, s.line])).toEqual([
      [1, 3],
      [2, 5],
    ]);
    expect(parsed.title).toBe('Title');
    expect(parsed.expected).toBeNull();
  });
});

describe('parent and file names resolve to the unique entry of that name', () => {
  it('finds a directory by bare name wherever it was created', () => {
    const result = run(
      doc(
        ROOT_DIR,
        'Create a directory named "a" inside r',
        'Create a directory named "deep" inside a',
        'Create a file named "f.txt" in deep with content: "x"',
      ),
    );
    expect(result.error).toBeNull();
    expect([...files(result).keys()]).toEqual(['r/a/deep/f.txt']);
  });

  it('updates the unique file of that name, even deep in the tree', () => {
    const result = run(
      doc(
        ROOT_DIR,
        'Create a directory named "a" inside r',
        'Create a file named "c.json" in a with content: {"k": 1}',
        'Update c.json: add k: 2',
      ),
    );
    expect(files(result).get('r/a/c.json')).toBe('{\n  "k": 2\n}');
  });

  it('does not confuse a file and a directory that share a name', () => {
    const result = run(
      doc(
        ROOT_DIR,
        'Create a directory named "x.json" inside r',
        'Create a file named "x.json" in x.json with content: {}',
        'Update x.json: add k: 1',
      ),
    );
    expect(result.error).toBeNull();
    expect(files(result).get('r/x.json/x.json')).toBe('{\n  "k": 1\n}');
  });
});

describe('file content', () => {
  function content(literal: string): string {
    const result = run(doc(ROOT_DIR, `Create a file named "f" in r with content: ${literal}`));
    expect(result.error).toBeNull();
    return files(result).get('r/f')!;
  }

  it('decodes the escapes of a JSON string literal: \\n \\" \\\\ \\t \\uXXXX', () => {
    expect(content('"a\\nb \\"q\\" back\\\\slash\\ttab \\u00e9\\u2192 \\/"')).toBe('a\nb "q" back\\slash\ttab é→ /');
  });

  it('adds no trailing newline and keeps trailing spaces inside the string', () => {
    expect(content('"line one\\nline two  "')).toBe('line one\nline two  ');
    expect(content('"ends with newline\\n"')).toBe('ends with newline\n');
    expect(content('""')).toBe('');
  });

  it('keeps inline JSON byte for byte from { to its matching }', () => {
    const raw = '{"b" :1,   "a": {"nested": "}{ \\" ]"}, "list": [ 1,2 ]}';
    expect(content(raw)).toBe(raw);
  });

  it('drops one stray " after the inline JSON', () => {
    expect(content('{"a": 1}"')).toBe('{"a": 1}');
  });

  it('does not add a stray quote when there is none', () => {
    expect(content('{"a": "1"}')).toBe('{"a": "1"}');
  });

  it('refuses half a surrogate pair, which UTF-8 cannot store, naming the line and step', () => {
    expect(() => parseDocument(doc(ROOT_DIR, 'Create a file named "f" in r with content: "x\\ud800y"'))).toThrow(
      /^Line 2, step 2: the content has an unpaired surrogate \(\\ud800\) at character 2, which UTF-8 cannot store$/,
    );
    expect(() => parseDocument(doc(ROOT_DIR, 'Create a file named "f" in r with content: "\\udc00"'))).toThrow(
      /\\udc00/,
    );
    expect(content('"pair \\ud83d\\ude00"')).toBe('pair 😀');
  });
});

describe('updates', () => {
  function update(initial: string, ...updates: string[]): string {
    const result = run(
      doc(
        ROOT_DIR,
        `Create a file named "c.json" in r with content: ${initial}`,
        ...updates.map((u) => `Update c.json: add ${u}`),
      ),
    );
    expect(result.error).toBeNull();
    return files(result).get('r/c.json')!;
  }

  it('replaces an existing key in place and appends new keys in the order given', () => {
    const text = update('{"a": 1, "b": "old", "c": 3}', 'd: 4, b: "new", e: [5]');
    expect(text).toBe('{\n  "a": 1,\n  "b": "new",\n  "c": 3,\n  "d": 4,\n  "e": [\n    5\n  ]\n}');
  });

  it('writes JSON.stringify(value, null, 2) even when only one value changes', () => {
    expect(update('{"a":1,"b":{"x":[1,2]}}', 'a: 2')).toBe(JSON.stringify({ a: 2, b: { x: [1, 2] } }, null, 2));
  });

  it('applies keys in order, so a repeated key ends with its last value', () => {
    expect(JSON.parse(update('{}', 'k: 1, k: 2'))).toEqual({ k: 2 });
  });

  it('stores objects and arrays as values, not as text', () => {
    expect(JSON.parse(update('{}', 'o: {"x": {"y": null}}, a: [true, "s"]'))).toEqual({
      o: { x: { y: null } },
      a: [true, 's'],
    });
  });

  it('keeps a "__proto__" key as plain data', () => {
    const text = update('{"a": 1}', '__proto__: {"polluted": true}');
    expect(Object.keys(JSON.parse(text) as object)).toEqual(['a', '__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('builds on the previous update', () => {
    expect(update('{"a": 1}', 'b: 2', 'a: 3, c: 4')).toBe('{\n  "a": 3,\n  "b": 2,\n  "c": 4\n}');
  });

  // Keys that look like array indices ("10") are moved to the front by JavaScript objects;
  // the rule says a new key is appended and existing keys keep their place.
  it('appends a new integer-like key and keeps the order of existing ones', () => {
    expect(update('{"b": 1, "2": 2}', '"10": 3')).toBe('{\n  "b": 1,\n  "2": 2,\n  "10": 3\n}');
  });
  it('keeps every number of the file as it was written: 1.0, 20 digits, 1e400, -0, 1E+2, 0.10', () => {
    const numbers = ['1.0', '12345678901234567890', '1e400', '-0', '1E+2', '0.10', '-1.5e-300', '5e-324'];
    const initial = `{"n": [${numbers.join(', ')}], "o": {"deep": 1.000}}`;
    expect(update(initial, 'k: true')).toBe(
      `{\n  "n": [\n${numbers.map((n) => `    ${n}`).join(',\n')}\n  ],\n  "o": {\n    "deep": 1.000\n  },\n  "k": true\n}`,
    );
  });

  it('keeps the numbers of update values as written, nested ones too', () => {
    expect(update('{}', 'a: 1.50, b: 12345678901234567890, c: -0, d: 1e400, e: {"x": [2.0]}')).toBe(
      '{\n  "a": 1.50,\n  "b": 12345678901234567890,\n  "c": -0,\n  "d": 1e400,\n  "e": {\n    "x": [\n      2.0\n    ]\n  }\n}',
    );
  });

  it('tells a replaced number by its text: 1.0 → 1 is a change', () => {
    const result = run(
      doc(
        ROOT_DIR,
        'Create a file named "c.json" in r with content: {"v": 1.0, "w": 2}',
        'Update c.json: add v: 1, w: 2',
      ),
    );
    const change = result.snapshots[3].change;
    expect(change?.type === 'modified' && change.keys.map((k) => k.action)).toEqual(['replaced', 'unchanged']);
  });

  it('never takes a string for a number, whatever it holds', () => {
    const initial = '{"s": "\\u00015", "\\u0000k": "\\u0000", "t": "1.0"}';
    expect(JSON.parse(update(initial, 'u: "\\u0001"'))).toEqual({
      s: '\u00015',
      '\u0000k': '\u0000',
      t: '1.0',
      u: '\u0001',
    });
  });

  it('refuses to rewrite a file with a key written twice in one object, rather than drop a value', () => {
    const result = run(
      doc(
        ROOT_DIR,
        'Create a file named "c.json" in r with content: {"a": {"k": 1, "k": 2}}',
        'Update c.json: add b: 1',
      ),
    );
    expect(result.error?.message).toBe(
      'Line 3, step 3: r/c.json has an object with the same key twice; rewriting it would drop one of the values, so it cannot be updated',
    );
    const value = run(
      doc(ROOT_DIR, 'Create a file named "c.json" in r with content: {}', 'Update c.json: add b: {"k": 1, "k": 2}'),
    );
    expect(value.error?.message).toBe('Line 3, step 3: the value of b has an object with the same key twice');
  });
});

describe('the service registry form', () => {
  const setup = [
    ROOT_DIR,
    'Create a directory named "services" inside r',
    'Create a directory named "zeta" inside services',
    'Create a directory named "alpha" inside services',
    'Create a file named "README.md" in services with content: "not a service"',
    'Create a file named "service_config.json" in zeta with content: {"port": 9002, "replicas": 4, "dependencies": ["alpha"], "other": 1, "status": "x"}',
    'Create a file named "service_config.json" in alpha with content: {"name": "alpha"}',
    'Create a file named "state.json" in r with content: {"current_state": "init", "after": true}',
  ];

  it('registers every service directory in creation order, from its service_config.json', () => {
    const result = run(
      doc(...setup, 'Update state.json: add service_registry with all 2 services configured and current_state: "done"'),
    );
    expect(result.error).toBeNull();
    const text = files(result).get('r/state.json')!;
    const value = JSON.parse(text) as Record<string, unknown>;
    expect(text).toBe(JSON.stringify(value, null, 2));
    expect(Object.keys(value)).toEqual(['current_state', 'after', 'service_registry']);
    expect(value.current_state).toBe('done');
    const registry = value.service_registry as Record<string, unknown>;
    expect(Object.keys(registry)).toEqual(['zeta', 'alpha']);
    expect(registry.zeta).toEqual({ port: 9002, replicas: 4, dependencies: ['alpha'], status: 'configured' });
    expect(Object.keys(registry.zeta as object)).toEqual(['port', 'replicas', 'dependencies', 'status']);
    expect(registry.alpha).toEqual({ port: null, replicas: null, dependencies: [], status: 'configured' });
  });

  it('works without trailing entries', () => {
    const result = run(doc(...setup, 'Update state.json: add service_registry with all 2 services configured'));
    expect(result.error).toBeNull();
    const value = JSON.parse(files(result).get('r/state.json')!) as Record<string, unknown>;
    expect(value.current_state).toBe('init');
    expect(Object.keys(value.service_registry as object)).toEqual(['zeta', 'alpha']);
  });
});

describe('what is a step line', () => {
  const R = 'Step 1: Create a directory named "r"';
  const parse = (...lines: string[]) => parseDocument(lines.join('\n'));

  it('is "Step <number>:"; any other line is description, "Step back: …" included, with no warning', () => {
    const parsed = parse('Step back: read this first', R, 'Steps 2 to 4 come later.', 'Stepping stones');
    expect(parsed.steps).toHaveLength(1);
    expect(parsed.description).toBe('Step back: read this first\nSteps 2 to 4 come later.\nStepping stones');
    expect(parsed.warnings).toEqual([]);
  });

  it('accepts no space after the colon, spaces or a tab before it, and leading zeros', () => {
    const parsed = parse(
      'Step 1:Create a directory named "r"',
      'Step 02 : Create a directory named "a" inside r',
      'Step\t3:\tCreate a directory named "b" inside r',
      'Step 0004:Create a directory named "c" inside r',
    );
    expect(parsed.steps.map((s) => [s.number, s.kind === 'directory' && s.name])).toEqual([
      [1, 'r'],
      [2, 'a'],
      [3, 'b'],
      [4, 'c'],
    ]);
    expect(parsed.warnings).toEqual([]);
  });

  it.each([
    ['a number without a colon', 'Step 2 Create a directory named "a" inside r'],
    ['a number in words', 'Step seven: Create a directory named "a" inside r'],
    ['lower case', 'step 2: Create a directory named "a" inside r'],
    ['Markdown bold', '**Step 2:** Create a directory named "a" inside r'],
    ['a list item', '- Step 2: Create a directory named "a" inside r'],
    ['no space before the number', 'Step2: Create a directory named "a" inside r'],
  ])('warns about a line that looks like a mistyped step: %s', (_, line) => {
    const parsed = parse(R, line);
    expect(parsed.steps).toHaveLength(1);
    expect(parsed.warnings).toEqual([
      {
        line: 2,
        message: expect.stringMatching(
          /^Line 2: ".*" looks like a step but is read as description; a step line starts with "Step <number>:"$/,
        ) as string,
      },
    ]);
  });

  it('quotes a warned line cut short and with invisible characters escaped', () => {
    const [warning] = parse(R, `Step 2 \u202e${'x'.repeat(200)}`).warnings;
    expect(warning.message).toContain('"Step 2 \\u202e');
    expect(warning.message).toContain('x…"');
    expect(warning.message.length).toBeLessThan(200);
  });

  it(`keeps the first ${MAX_WARNINGS} warnings and counts the rest in one more`, () => {
    const lines = [R, ...Array.from({ length: MAX_WARNINGS + 50 }, (_, i) => `Step ${i} oops`)];
    const { warnings } = parse(...lines);
    expect(warnings).toHaveLength(MAX_WARNINGS + 1);
    expect(warnings[MAX_WARNINGS - 1].line).toBe(MAX_WARNINGS + 1);
    expect(warnings[MAX_WARNINGS]).toEqual({
      line: MAX_WARNINGS + 2,
      message: `Line ${MAX_WARNINGS + 2}: 50 more lines from here on look like mistyped steps`,
    });
  });
});

describe('accepted forms the format does not spell out', () => {
  it('a trailing comma after the last entry of an update', () => {
    const result = run(
      doc(
        'Create a directory named "r"',
        'Create a file named "c.json" in r with content: {}',
        'Update c.json: add a: 1, ',
      ),
    );
    expect(result.error).toBeNull();
    expect(files(result).get('r/c.json')).toBe('{\n  "a": 1\n}');
  });

  it('JSON escapes inside quoted names, decoded before the name rules apply', () => {
    const { steps } = parseDocument(
      doc('Create a directory named "caf\\u00e9"', 'Create a file named "\\"q\\".txt" in café with content: ""'),
    );
    expect(steps.map((s) => s.kind !== 'update' && s.name)).toEqual(['café', '"q".txt']);
    expect(() => parseDocument(doc('Create a directory named "a\\/b"'))).toThrow(/path separator/);
  });
});

describe('name length is counted in UTF-8 bytes', () => {
  const named = (name: string) => parseDocument(doc(`Create a directory named "${name}"`));

  it('accepts 255 bytes and refuses 256, naming the line and step', () => {
    expect(named(`${'é'.repeat(127)}a`).steps).toHaveLength(1);
    expect(named('a'.repeat(255)).steps).toHaveLength(1);
    expect(() => named(`${'é'.repeat(127)}ab`)).toThrow(
      /^Line 1, step 1: the name is 256 bytes long in UTF-8 \(at most 255\)$/,
    );
    expect(() => named('€'.repeat(86))).toThrow(/258 bytes/);
  });

  it('utf8Length agrees with TextEncoder on any well-formed string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (text) => {
        expect(utf8Length(text)).toBe(new TextEncoder().encode(text).length);
      }),
    );
  });
});

describe('line endings and byte order mark', () => {
  const lines = [
    'Intro',
    'Step 1: Create a directory named "r"',
    'Step 2: Create a file named "c.json" in r with content: {"a": 1}"',
    'Step 3: Create a file named "t.txt" in r with content: "x\\ny"',
    'Step 4: Update c.json: add b: 2',
  ];
  const lf = lines.join('\n');

  it('parses CRLF documents like LF ones, with no \\r in names or content', () => {
    const crlf = parseDocument(lines.join('\r\n') + '\r\n');
    expect(crlf.steps).toEqual(parseDocument(lf).steps);
    const result = run(lines.join('\r\n'));
    expect(result.error).toBeNull();
    expect(files(result)).toEqual(
      new Map([
        ['r/c.json', '{\n  "a": 1,\n  "b": 2\n}'],
        ['r/t.txt', 'x\ny'],
      ]),
    );
  });

  it('ignores a UTF-8 byte order mark at the start', () => {
    const withBom = parseDocument('\uFEFF' + lf);
    expect(withBom.steps).toEqual(parseDocument(lf).steps);
    expect(withBom.title).toBe('Intro');
    expect(parseDocument('\uFEFFStep 1: Create a directory named "r"').steps).toHaveLength(1);
  });

  it('keeps line numbers with CRLF and a BOM', () => {
    const parsed = parseDocument('\uFEFF' + lines.join('\r\n'));
    expect(parsed.steps.map((s) => s.line)).toEqual([2, 3, 4, 5]);
  });
});

describe('expected structure block', () => {
  it('turns a tree drawing into paths, dropping annotations', () => {
    const drawing = ['├── root/', '│   ├── a.json (final state)', '│   ├── sub/', '│   │   └── b.txt', '│   └── c.md'];
    expect(parseStructure(drawing)).toEqual([
      { path: 'root', kind: 'directory' },
      { path: 'root/a.json', kind: 'file' },
      { path: 'root/sub', kind: 'directory' },
      { path: 'root/sub/b.txt', kind: 'file' },
      { path: 'root/c.md', kind: 'file' },
    ]);
  });

  it('reads the fenced block after the marker and keeps it out of the description', () => {
    const source = [
      'Step 1: Create a directory named "r"',
      '**EXPECTED FINAL STRUCTURE:**',
      '```',
      '└── r/',
      '```',
      'Outro',
    ].join('\n');
    const parsed = parseDocument(source);
    expect(parsed.expected).toEqual([{ path: 'r', kind: 'directory' }]);
    expect(parsed.description).toContain('Outro');
    expect(parsed.description).not.toContain('```');
    expect(parsed.description).not.toContain('└── r/');
  });
});
