import { describe, expect, it } from 'vitest';
import {
  DEFAULT_VIEW_PREFS,
  maxPaneWidth,
  readViewPrefs,
  writeViewPrefs,
  type ViewPrefs,
} from '../src/state/viewPrefs';
import { MemoryStorage } from './helpers';

function holding(raw: string): MemoryStorage {
  const storage = new MemoryStorage();
  storage.map.set('stepwise:prefs', raw);
  return storage;
}

describe('view settings in storage', () => {
  it('come back as they were saved', () => {
    const storage = new MemoryStorage();
    const prefs: ViewPrefs = {
      formatJson: false,
      wordWrap: true,
      diffFormatted: false,
      diffLayout: 'inline',
      paneWidths: { steps: 30.5, files: 15 },
    };
    writeViewPrefs(storage, prefs);
    expect(readViewPrefs(storage)).toEqual(prefs);
  });

  it('are the defaults when nothing, or nothing readable, is stored', () => {
    expect(readViewPrefs(null)).toEqual(DEFAULT_VIEW_PREFS);
    expect(readViewPrefs(new MemoryStorage())).toEqual(DEFAULT_VIEW_PREFS);
    for (const raw of ['{"formatJson": fal', 'null', '42', '"text"', `{"wordWrap":true,"x":"${'y'.repeat(2000)}"}`])
      expect(readViewPrefs(holding(raw)), raw).toEqual(DEFAULT_VIEW_PREFS);
  });

  it('keep each usable setting and drop only the unusable ones', () => {
    const stored = holding(
      JSON.stringify({
        formatJson: 'no',
        wordWrap: true,
        diffFormatted: 0,
        diffLayout: 'diagonal',
        paneWidths: { steps: 25, files: 'wide' },
      }),
    );
    expect(readViewPrefs(stored)).toEqual({
      ...DEFAULT_VIEW_PREFS,
      wordWrap: true,
      paneWidths: { steps: 25, files: DEFAULT_VIEW_PREFS.paneWidths.files },
    });
  });

  it.each([
    ['too narrow', { steps: 2, files: 20 }, { steps: DEFAULT_VIEW_PREFS.paneWidths.steps, files: 20 }],
    ['too wide', { steps: 22, files: 90 }, { steps: 22, files: DEFAULT_VIEW_PREFS.paneWidths.files }],
    ['not a number', { steps: null, files: '30' }, DEFAULT_VIEW_PREFS.paneWidths],
    ['together leaving the detail pane too little', { steps: 40, files: 40 }, DEFAULT_VIEW_PREFS.paneWidths],
  ])('refuse pane widths that are %s', (_why, paneWidths, expected) => {
    expect(readViewPrefs(holding(JSON.stringify({ paneWidths }))).paneWidths).toEqual(expected);
  });

  it('leave the detail pane at least 30 % whatever the other pane takes', () => {
    expect(maxPaneWidth({ steps: 22, files: 20 }, 'steps')).toBe(40);
    expect(maxPaneWidth({ steps: 22, files: 35 }, 'steps')).toBe(35);
    expect(maxPaneWidth({ steps: 38, files: 20 }, 'files')).toBe(32);
  });

  it('are simply not remembered when the storage refuses them', () => {
    const storage = new MemoryStorage(0);
    expect(() => writeViewPrefs(storage, DEFAULT_VIEW_PREFS)).not.toThrow();
    expect(readViewPrefs(storage)).toEqual(DEFAULT_VIEW_PREFS);
  });
});
