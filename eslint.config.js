import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** The imports src/steps may not use; `outside` is the relative pattern that leaves src/steps. */
function pureDomainImports(outside) {
  return [
    'error',
    {
      patterns: [
        { group: ['react', 'react-dom', 'react/*', 'zustand', 'zustand/*'], message: 'src/steps is framework-free.' },
        { group: ['monaco-editor', '@monaco-editor/*', 'jszip'], message: 'I/O and editors live outside src/steps.' },
        { group: ['node:*', 'fs', 'path'], message: 'src/steps must run in the browser too.' },
        { group: [outside], message: 'src/steps depends on nothing outside itself.' },
      ],
    },
  ];
}

export default tseslint.config(
  { ignores: ['dist', 'dist-*', 'node_modules', 'test-results', 'playwright-report', 'bench/results'] },
  {
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    files: ['**/*.{ts,tsx,mjs,js}'],
    languageOptions: { ecmaVersion: 2023, globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Render text, never HTML.' },
      ],
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
    },
  },
  {
    // The scenario domain runs unchanged in Node and the browser: no UI, no DOM, no I/O libraries.
    files: ['src/steps/**/*.ts'],
    ignores: ['src/steps/**/*.test.ts'],
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
    rules: {
      'no-restricted-imports': pureDomainImports('../*'),
      'no-restricted-globals': ['error', 'window', 'document', 'localStorage', 'navigator', 'location', 'process'],
    },
  },
  {
    // The run grader is a folder of src/steps: it may use the rest of src/steps, nothing outside.
    files: ['src/steps/runs/**/*.ts'],
    rules: { 'no-restricted-imports': pureDomainImports('../../*') },
  },
  {
    // View models: pure functions over the domain, shared by the store and the views.
    files: ['src/model/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['react', 'react-dom', 'react/*', 'zustand', 'zustand/*'],
              message: 'src/model is framework-free.',
            },
            { group: ['../*', '!../steps', '!../steps/*'], message: 'src/model imports only src/steps.' },
          ],
        },
      ],
    },
  },
  {
    // Input and output: zips, downloads, storage, file inputs, the parse worker. Below the state, above the domain.
    files: ['src/io/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['react', 'react-dom', 'react/*', 'zustand', 'zustand/*'],
              message: 'src/io holds no UI or state.',
            },
            { group: ['../state/*', '../components/*'], message: 'src/io knows nothing of the state or the views.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/state/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['../components/*'], message: 'The state knows nothing of the views.' }] },
      ],
    },
  },
  {
    // Views reach I/O only through the state's actions (types excepted).
    files: ['src/components/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/io/*'],
              allowTypeImports: true,
              message: 'Views reach I/O through the state (src/state).',
            },
          ],
        },
      ],
    },
  },
);
