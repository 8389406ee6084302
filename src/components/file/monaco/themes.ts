import type { editor } from 'monaco-editor/editor/editor.api';

/** The editor's two themes, one per system colour scheme (see useMonacoTheme). */
export const MONACO_THEMES = { light: 'stepwise-light', dark: 'stepwise-dark' } as const;

export type MonacoTheme = (typeof MONACO_THEMES)[keyof typeof MONACO_THEMES];

type Rules = Readonly<Record<string, string>>;

/**
 * Monaco's own themes put some token colours on its diff backgrounds below WCAG's 4.5:1 (numbers on an
 * inserted change in light, strings on an inserted line in dark). These themes keep the token colours of
 * vs / vs-dark where they are fine and darken or lighten the rest, and use lighter (light) or deeper (dark)
 * diff backgrounds, so that every token of JSON, YAML, Markdown and plain text keeps at least 4.6:1 on the
 * editor, on a changed line and on a changed stretch of a line (the two backgrounds drawn over each other).
 * The backgrounds stay translucent, as Monaco requires, so that decorations below them show through.
 */
const LIGHT: { rules: Rules; colors: Rules } = {
  rules: {
    '': '1c2330',
    comment: '0a6b0a',
    number: '0b6e4a',
    type: '006b6b',
    string: 'a31515',
    'string.key.json': 'a31515',
    'string.value.json': '0451a5',
    'string.yaml': '0451a5',
    'string.link': '0451a5',
    keyword: '0000e0',
    'keyword.json': '0451a5',
    tag: '800000',
    variable: '001188',
    'variable.predefined': '3d5894',
    delimiter: '1c2330',
    operators: '5a5a5a',
    annotation: '5f5f5f',
    meta: '5f5f5f',
    'attribute.name': 'b00000',
    'attribute.value': '0451a5',
    invalid: 'b01010',
  },
  colors: {
    'editor.background': '#ffffff',
    'editor.foreground': '#1c2330',
    'editorLineNumber.foreground': '#3d6478',
    'diffEditor.insertedLineBackground': '#2da44e1a',
    'diffEditor.insertedTextBackground': '#2da44e2a',
    'diffEditor.removedLineBackground': '#cf222e12',
    'diffEditor.removedTextBackground': '#cf222e1f',
  },
};

const DARK: { rules: Rules; colors: Rules } = {
  rules: {
    '': 'd4d4d4',
    comment: '8fbf7a',
    number: 'c7dcbc',
    type: '5fd6c0',
    string: 'e5ab92',
    'string.key.json': 'a9dcfc',
    'string.value.json': 'e5ab92',
    'string.yaml': 'e5ab92',
    'string.link': 'a9dcfc',
    keyword: '7ab6ec',
    'keyword.json': 'e5ab92',
    tag: '7ab6ec',
    variable: '8cc4ee',
    'variable.predefined': '8fa6dc',
    delimiter: 'dcdcdc',
    operators: 'b0b0b0',
    annotation: 'e09090',
    meta: 'b0b0b0',
    'attribute.name': 'a9dcfc',
    'attribute.value': 'e5ab92',
    invalid: 'ff8080',
  },
  colors: {
    'editor.background': '#161b22',
    'editor.foreground': '#d4d4d4',
    'editorLineNumber.foreground': '#a0a8b4',
    'diffEditor.insertedLineBackground': '#2ea04326',
    'diffEditor.insertedTextBackground': '#2ea04326',
    'diffEditor.removedLineBackground': '#f851491f',
    'diffEditor.removedTextBackground': '#f8514926',
  },
};

function theme(base: 'vs' | 'vs-dark', { rules, colors }: typeof LIGHT): editor.IStandaloneThemeData {
  return {
    base,
    inherit: true,
    rules: Object.entries(rules).map(([token, foreground]) => ({ token, foreground })),
    colors: { ...colors },
  };
}

/** Registers both themes with Monaco; setTheme can then name either. */
export function defineThemes(defineTheme: (name: string, data: editor.IStandaloneThemeData) => void): void {
  defineTheme(MONACO_THEMES.light, theme('vs', LIGHT));
  defineTheme(MONACO_THEMES.dark, theme('vs-dark', DARK));
}
