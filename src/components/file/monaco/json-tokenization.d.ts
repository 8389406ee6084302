// Monaco ships this module without types; it is the tokenizer of its JSON language support.
declare module 'monaco-editor/languages/features/json/tokenization' {
  import type { languages } from 'monaco-editor/editor/editor.api';

  /** `supportComments`: whether `//` and block comments are tokens rather than errors. */
  export function createTokenizationSupport(supportComments: boolean): languages.TokensProvider;
}
