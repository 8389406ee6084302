import { describe, expect, it } from 'vitest';
import { keyDiff, previewValue } from './keyDiff';

describe('keyDiff', () => {
  it('sorts top-level keys into added, replaced, unchanged and removed', () => {
    const result = keyDiff(
      '{"a": 1, "b": {"x": 1, "y": 2}, "gone": true, "c": "old"}',
      '{"a": 1, "b": {"y": 2, "x": 1}, "c": "new", "d": [1]}',
    );
    expect(result).toEqual({
      ok: true,
      entries: [
        { key: 'a', action: 'unchanged', before: 1, after: 1 },
        { key: 'b', action: 'unchanged', before: { x: 1, y: 2 }, after: { y: 2, x: 1 } },
        { key: 'c', action: 'replaced', before: 'old', after: 'new' },
        { key: 'd', action: 'added', after: [1] },
        { key: 'gone', action: 'removed', before: true },
      ],
      counts: { added: 1, removed: 1, replaced: 1, unchanged: 2 },
    });
  });

  it('treats a nested change as a replacement of the top-level key', () => {
    const result = keyDiff('{"r": {"a": {"port": 1}}}', '{"r": {"a": {"port": 2}}}');
    expect(result.ok && result.entries[0].action).toBe('replaced');
  });

  it('explains texts that are not JSON objects', () => {
    expect(keyDiff('{', '{}')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('older version is not valid JSON'),
    });
    expect(keyDiff('{}', '[1]')).toEqual({ ok: false, reason: 'the newer version is not a JSON object' });
  });

  it('keeps a "__proto__" key as data', () => {
    const result = keyDiff('{}', '{"__proto__": 1}');
    expect(result.ok && result.entries).toEqual([{ key: '__proto__', action: 'added', after: 1 }]);
  });

  it('previews values on one line, cut to length', () => {
    expect(previewValue('x')).toBe('"x"');
    expect(previewValue({ a: [1, 2] })).toBe('{"a":[1,2]}');
    expect(previewValue('a'.repeat(100), 10)).toBe(`"${'a'.repeat(8)}…`);
  });
});
