// Monaco ships these modules without types.

/** The tokenizer of Monaco's JSON language support. */
declare module 'monaco-editor/languages/features/json/tokenization' {
  import type { languages } from 'monaco-editor/editor/editor.api';

  /** `supportComments`: whether `//` and block comments are tokens rather than errors. */
  export function createTokenizationSupport(supportComments: boolean): languages.TokensProvider;
}

/** Monaco's Monarch grammars (`yaml/yaml`, `markdown/markdown`, …): a language's configuration and its tokenizer. */
declare module 'monaco-editor/languages/definitions/*' {
  import type { languages } from 'monaco-editor/editor/editor.api';

  export const conf: languages.LanguageConfiguration;
  export const language: languages.IMonarchLanguage;
}
