/** "1.2 MB", "340 KB": sizes of stored text for people. */
export function formatChars(chars: number): string {
  if (chars >= 1024 * 1024) return `${(chars / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB`;
  return `${Math.max(1, Math.round(chars / 1024))} KB`;
}
