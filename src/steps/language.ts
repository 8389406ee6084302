/** Monaco language ids the app bundles; anything else is shown as plain text. */
export type Language = 'json' | 'yaml' | 'markdown' | 'plaintext';

export function languageOf(path: string): Language {
  const extension = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  if (extension === 'json') return 'json';
  if (extension === 'yaml' || extension === 'yml') return 'yaml';
  if (extension === 'md' || extension === 'markdown') return 'markdown';
  return 'plaintext';
}
