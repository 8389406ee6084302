import { describe, expect, it } from 'vitest';
import { replay } from '../src/steps/engine';
import { StepwiseError } from '../src/steps/errors';
import { parseDocument } from '../src/steps/parser';
import { decodeUtf8 } from '../src/steps/text';

const R = 'Step 1: Create a directory named "r"';

/** The StepwiseError that parsing throws, or that stops the replay. */
function failure(source: string): { error: StepwiseError; phase: 'parse' | 'replay'; usable?: number } {
  let document;
  try {
    document = parseDocument(source);
  } catch (e) {
    expect(e).toBeInstanceOf(StepwiseError);
    return { error: e as StepwiseError, phase: 'parse' };
  }
  const result = replay(document);
  expect(result.error, 'the document should not replay cleanly').toBeInstanceOf(StepwiseError);
  return { error: result.error!, phase: 'replay', usable: result.snapshots.length };
}

interface Case {
  name: string;
  lines: string[];
  line: number;
  step?: number;
  message: RegExp;
  phase: 'parse' | 'replay';
}

const long = 'n'.repeat(10_000);

const cases: Case[] = [
  {
    name: 'a gap in the numbering',
    lines: [R, 'Step 3: Create a directory named "a" inside r'],
    line: 2,
    step: 3,
    message: /expected step 2, found step 3/,
    phase: 'parse',
  },
  {
    name: 'steps out of order',
    lines: [R, 'Step 2: Create a directory named "a" inside r', 'Step 1: Create a directory named "b" inside r'],
    line: 3,
    step: 1,
    message: /step 1 comes after step 2/,
    phase: 'parse',
  },
  {
    name: 'a first step that is not step 1',
    lines: ['intro', 'Step 2: Create a directory named "r"'],
    line: 2,
    step: 2,
    message: /expected step 1, found step 2/,
    phase: 'parse',
  },
  {
    name: 'a gap after a step written in words (description, and the error points at it)',
    lines: [R, 'Step two: Create a directory named "a" inside r', 'Step 3: Create a directory named "b" inside r'],
    line: 3,
    step: 3,
    message: /expected step 2, found step 3 \(.*\); line 2 looks like a mistyped step$/,
    phase: 'parse',
  },
  {
    name: 'an unknown step form',
    lines: [R, 'Step 2: Delete the directory "r"'],
    line: 2,
    step: 2,
    message: /unknown step form/,
    phase: 'parse',
  },
  {
    name: 'an unterminated string content',
    lines: [R, 'Step 2: Create a file named "f" in r with content: "abc'],
    line: 2,
    step: 2,
    message: /not terminated/,
    phase: 'parse',
  },
  {
    name: 'an unterminated file name',
    lines: [R, 'Step 2: Create a file named "f in r with content: "x"'],
    line: 2,
    step: 2,
    message: /unexpected text|expected|terminated/,
    phase: 'parse',
  },
  {
    name: 'invalid JSON content',
    lines: [R, 'Step 2: Create a file named "f.json" in r with content: {"a": 1,}'],
    line: 2,
    step: 2,
    message: /invalid JSON/,
    phase: 'parse',
  },
  {
    name: 'unbalanced JSON content',
    lines: [R, 'Step 2: Create a file named "f.json" in r with content: {"a": [1}'],
    line: 2,
    step: 2,
    message: /unbalanced JSON/,
    phase: 'parse',
  },
  {
    name: 'unclosed JSON content',
    lines: [R, 'Step 2: Create a file named "f.json" in r with content: {"a": 1'],
    line: 2,
    step: 2,
    message: /not closed/,
    phase: 'parse',
  },
  {
    name: 'garbage after JSON content',
    lines: [R, 'Step 2: Create a file named "f.json" in r with content: {"a": 1} and more'],
    line: 2,
    step: 2,
    message: /unexpected text after the content/,
    phase: 'parse',
  },
  {
    name: 'two stray quotes after JSON content',
    lines: [R, 'Step 2: Create a file named "f.json" in r with content: {"a": 1}""'],
    line: 2,
    step: 2,
    message: /unexpected text after the content/,
    phase: 'parse',
  },
  {
    name: 'garbage after string content',
    lines: [R, 'Step 2: Create a file named "f.txt" in r with content: "a" b'],
    line: 2,
    step: 2,
    message: /unexpected text after the content/,
    phase: 'parse',
  },
  {
    name: 'missing content',
    lines: [R, 'Step 2: Create a file named "f.txt" in r with content:'],
    line: 2,
    step: 2,
    message: /content is missing/,
    phase: 'parse',
  },
  {
    name: 'content that is neither a string nor an object',
    lines: [R, 'Step 2: Create a file named "f.txt" in r with content: plain words'],
    line: 2,
    step: 2,
    message: /content must start with/,
    phase: 'parse',
  },
  {
    name: 'an invalid update value',
    lines: [R, 'Step 2: Update f.json: add k: unquoted'],
    line: 2,
    step: 2,
    message: /cannot start with "u"/,
    phase: 'parse',
  },
  {
    name: 'two update values without a comma',
    lines: [R, 'Step 2: Update f.json: add k: 1 2'],
    line: 2,
    step: 2,
    message: /expected "," or the end of the line/,
    phase: 'parse',
  },
  {
    name: 'an update that adds nothing',
    lines: [R, 'Step 2: Update f.json: add '],
    line: 2,
    step: 2,
    message: /adds nothing/,
    phase: 'parse',
  },
  {
    name: 'a missing parent directory',
    lines: [R, 'Step 2: Create a directory named "a" inside nowhere'],
    line: 2,
    step: 2,
    message: /no directory named "nowhere"/,
    phase: 'replay',
  },
  {
    name: 'a missing parent for a file',
    lines: [R, 'Step 2: Create a file named "f" in nowhere with content: "x"'],
    line: 2,
    step: 2,
    message: /no directory named "nowhere"/,
    phase: 'replay',
  },
  {
    name: 'a parent that names a file, not a directory',
    lines: [
      R,
      'Step 2: Create a file named "f" in r with content: "x"',
      'Step 3: Create a directory named "d" inside f',
    ],
    line: 3,
    step: 3,
    message: /no directory named "f"/,
    phase: 'replay',
  },
  {
    name: 'an ambiguous directory name',
    lines: [
      R,
      'Step 2: Create a directory named "x" inside r',
      'Step 3: Create a directory named "y" inside r',
      'Step 4: Create a directory named "c" inside x',
      'Step 5: Create a directory named "c" inside y',
      'Step 6: Create a file named "f" in c with content: "1"',
    ],
    line: 6,
    step: 6,
    message: /"c" is ambiguous: 2 directories .*r\/x\/c, r\/y\/c/,
    phase: 'replay',
  },
  {
    name: 'an ambiguous file name in an update',
    lines: [
      R,
      'Step 2: Create a directory named "x" inside r',
      'Step 3: Create a file named "c.json" in r with content: {}',
      'Step 4: Create a file named "c.json" in x with content: {}',
      'Step 5: Update c.json: add k: 1',
    ],
    line: 5,
    step: 5,
    message: /"c.json" is ambiguous: 2 files/,
    phase: 'replay',
  },
  {
    name: 'a duplicate root directory',
    lines: [R, 'Step 2: Create a directory named "r"'],
    line: 2,
    step: 2,
    message: /r already exists/,
    phase: 'replay',
  },
  {
    name: 'a duplicate file',
    lines: [
      R,
      'Step 2: Create a file named "f" in r with content: "1"',
      'Step 3: Create a file named "f" in r with content: "2"',
    ],
    line: 3,
    step: 3,
    message: /r\/f already exists/,
    phase: 'replay',
  },
  {
    name: 'a directory where a file exists',
    lines: [
      R,
      'Step 2: Create a file named "f" in r with content: "1"',
      'Step 3: Create a directory named "f" inside r',
    ],
    line: 3,
    step: 3,
    message: /r\/f already exists/,
    phase: 'replay',
  },
  {
    name: 'an update of a missing file',
    lines: [R, 'Step 2: Update ghost.json: add k: 1'],
    line: 2,
    step: 2,
    message: /no file named "ghost.json"/,
    phase: 'replay',
  },
  {
    name: 'an update of a non-JSON file',
    lines: [R, 'Step 2: Create a file named "a.txt" in r with content: "hello"', 'Step 3: Update a.txt: add k: 1'],
    line: 3,
    step: 3,
    message: /r\/a.txt is not a JSON file/,
    phase: 'replay',
  },
  {
    name: 'an update of a JSON array',
    lines: [R, 'Step 2: Create a file named "a.json" in r with content: "[1, 2]"', 'Step 3: Update a.json: add k: 1'],
    line: 3,
    step: 3,
    message: /holds a JSON array/,
    phase: 'replay',
  },
  {
    name: 'an update of a JSON scalar',
    lines: [R, 'Step 2: Create a file named "a.json" in r with content: "42"', 'Step 3: Update a.json: add k: 1'],
    line: 3,
    step: 3,
    message: /holds a JSON scalar/,
    phase: 'replay',
  },
  {
    name: 'an update of JSON null',
    lines: [R, 'Step 2: Create a file named "a.json" in r with content: "null"', 'Step 3: Update a.json: add k: 1'],
    line: 3,
    step: 3,
    message: /holds a JSON scalar/,
    phase: 'replay',
  },
  ...(
    [
      ['a slash', '"a/b"', /path separator/],
      ['a backslash', '"a\\\\b"', /path separator/],
      ['..', '".."', /"\.\." is not allowed/],
      ['.', '"."', /"\." is not allowed/],
      ['an empty name', '""', /the name is empty/],
      ['NUL', '"a\\u0000b"', /control character/],
      ['a control character', '"a\\u001fb"', /control character/],
      ['DEL', '"a\\u007fb"', /control character/],
      ['a raw tab', '"a\tb"', /invalid JSON|control character/],
      ['10,000 characters', `"${long}"`, /10000 bytes long in UTF-8 \(at most 255\)/],
      // 200 characters, 400 bytes: file systems count bytes (ENAMETOOLONG half-way through an export).
      ['200 × "é"', `"${'é'.repeat(200)}"`, /400 bytes long in UTF-8 \(at most 255\)/],
      ['64 × an emoji (128 UTF-16 units)', `"${'😀'.repeat(64)}"`, /256 bytes long in UTF-8 \(at most 255\)/],
    ] as const
  ).flatMap(([what, quoted, message]): Case[] => [
    {
      name: `a directory name with ${what}`,
      lines: [R, `Step 2: Create a directory named ${quoted} inside r`],
      line: 2,
      step: 2,
      message,
      phase: 'parse',
    },
    {
      name: `a file name with ${what}`,
      lines: [R, `Step 2: Create a file named ${quoted} in r with content: "x"`],
      line: 2,
      step: 2,
      message,
      phase: 'parse',
    },
  ]),
  ...(
    [
      ['a slash', 'r/x', /path separator/],
      ['a backslash', 'r\\x', /path separator/],
      ['..', '..', /"\.\." is not allowed/],
      ['.', '.', /"\." is not allowed/],
      ['NUL', 'r\u0000', /control character/],
      ['10,000 characters', long, /at most 255/],
      ['128 × "é"', 'é'.repeat(128), /256 bytes long in UTF-8/],
    ] as const
  ).flatMap(([what, bare, message]): Case[] => [
    {
      name: `a parent directory with ${what}`,
      lines: [R, `Step 2: Create a file named "f" in ${bare} with content: "x"`],
      line: 2,
      step: 2,
      message,
      phase: 'parse',
    },
    {
      name: `an "inside" parent with ${what}`,
      lines: [R, `Step 2: Create a directory named "d" inside ${bare}`],
      line: 2,
      step: 2,
      message,
      phase: 'parse',
    },
    {
      name: `an updated file name with ${what}`,
      lines: [R, `Step 2: Update ${bare}: add k: 1`],
      line: 2,
      step: 2,
      message,
      phase: 'parse',
    },
  ]),
];

describe('malformed documents', () => {
  it.each(cases)('$name: error names line $line and step $step', ({ lines, line, step, message, phase }) => {
    const { error, phase: actualPhase, usable } = failure(lines.join('\n'));
    expect(actualPhase).toBe(phase);
    expect(error.message).toMatch(message);
    expect(error.line).toBe(line);
    expect(error.step).toBe(step);
    const prefix = step === undefined ? `Line ${line}: ` : `Line ${line}, step ${step}: `;
    expect(error.message.startsWith(prefix), error.message).toBe(true);
    expect(error.message).not.toContain('\n');
    if (phase === 'replay') expect(usable).toBe(step);
  });

  it('refuses a document without steps', () => {
    expect(() => parseDocument('just prose\nno steps')).toThrow(StepwiseError);
    expect(() => parseDocument('')).toThrow(/no steps/);
  });

  it('refuses a path deeper than 32 levels, naming the step', () => {
    const lines = ['Step 1: Create a directory named "d1"'];
    for (let i = 2; i <= 33; i++) lines.push(`Step ${i}: Create a directory named "d${i}" inside d${i - 1}`);
    const { error, usable } = failure(lines.join('\n'));
    expect(error.message).toMatch(/^Line 33, step 33: .*more than 32 levels deep/);
    expect(usable).toBe(33);
  });
});

describe('the service registry form refuses', () => {
  const base = [
    R,
    'Step 2: Create a directory named "services" inside r',
    'Step 3: Create a directory named "a" inside services',
    'Step 4: Create a directory named "b" inside services',
    'Step 5: Create a file named "service_config.json" in a with content: {"port": 1}',
    'Step 6: Create a file named "state.json" in r with content: {"current_state": "x"}',
  ];

  it('a count that differs from the number of service directories', () => {
    const withConfig = [...base, 'Step 7: Create a file named "service_config.json" in b with content: {"port": 2}'];
    for (const count of [1, 3, 8]) {
      const { error, usable } = failure(
        [...withConfig, `Step 8: Update state.json: add service_registry with all ${count} services configured`].join(
          '\n',
        ),
      );
      expect(error.message).toMatch(new RegExp(`^Line 8, step 8: .*names ${count} services.*has 2 directories`));
      expect(usable).toBe(8);
    }
  });

  it('a service without service_config.json', () => {
    const { error } = failure(
      [
        ...base,
        'Step 7: Update state.json: add service_registry with all 2 services configured and current_state: "y"',
      ].join('\n'),
    );
    expect(error.message).toMatch(/^Line 7, step 7: r\/services\/b\/service_config.json does not exist/);
    expect(error.step).toBe(7);
  });

  it('a service_config.json that is not a JSON object', () => {
    const { error } = failure(
      [
        ...base,
        'Step 7: Create a file named "service_config.json" in b with content: "[1]"',
        'Step 8: Update state.json: add service_registry with all 2 services configured',
      ].join('\n'),
    );
    expect(error.message).toMatch(/^Line 8, step 8: r\/services\/b\/service_config.json is not a JSON object/);
  });
});

describe('decodeUtf8', () => {
  it('decodes valid UTF-8, including multi-byte characters', () => {
    const text = 'Step 1: Create a directory named "é→"';
    expect(decodeUtf8(new TextEncoder().encode(text))).toBe(text);
  });

  it.each([
    ['a lone continuation byte', [0x41, 0x80, 0x42]],
    ['a truncated sequence', [0x41, 0xe2, 0x86]],
    ['an overlong encoding', [0xc0, 0xaf]],
    ['a UTF-16 surrogate', [0xed, 0xa0, 0x80]],
    ['an invalid byte', [0xff]],
  ])('refuses %s with a StepwiseError naming what was read', (_name, bytes) => {
    expect(() => decodeUtf8(new Uint8Array(bytes), 'steps.txt')).toThrow(StepwiseError);
    expect(() => decodeUtf8(new Uint8Array(bytes), 'steps.txt')).toThrow('steps.txt is not valid UTF-8');
    expect(() => decodeUtf8(new Uint8Array(bytes))).toThrow('the document is not valid UTF-8');
  });

  it('decodes a document with a BOM into one that parses', () => {
    const bytes = new Uint8Array([
      0xef,
      0xbb,
      0xbf,
      ...new TextEncoder().encode('Step 1: Create a directory named "r"'),
    ]);
    expect(parseDocument(decodeUtf8(bytes)).steps[0]).toMatchObject({ kind: 'directory', name: 'r' });
  });
});
