import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  decodeShare,
  encodeShare,
  SHARE_LIMIT_BYTES,
  SHARE_PREFIX,
  sharedPayload,
  shareUrl,
} from '../src/io/shareLink';
import { StepwiseError } from '../src/steps/errors';

const builtin = readFileSync(
  fileURLToPath(new URL('../src/scenarios/microservices_ecosystem_steps.txt', import.meta.url)),
  'utf8',
);

async function roundTrip(source: string): Promise<string> {
  const encoded = await encodeShare(source);
  if (!encoded.ok) throw new Error(encoded.message);
  const payload = sharedPayload(encoded.fragment);
  expect(payload).not.toBeNull();
  return decodeShare(payload!);
}

describe('share links', () => {
  it('round-trips a document exactly, non-ASCII and CRLF included; a leading BOM is dropped', async () => {
    const source = 'Café ✓\r\nStep 1: Create a directory named "x"\r\n\u{1F600}';
    expect(await roundTrip(source)).toBe(source);
    expect(await roundTrip(`\uFEFF${source}`)).toBe(source);
  });

  it('round-trips the 85-step built-in document, using only URL-safe characters', async () => {
    const encoded = await encodeShare(builtin);
    expect(encoded.ok).toBe(true);
    if (!encoded.ok) return;
    expect(encoded.fragment.startsWith(SHARE_PREFIX)).toBe(true);
    expect(encoded.fragment.slice(SHARE_PREFIX.length)).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(encoded.compressedBytes).toBeLessThan(builtin.length / 3);
    expect(await decodeShare(sharedPayload(encoded.fragment)!)).toBe(builtin);
  });

  it('gives a message instead of a link above the size limit', async () => {
    // Random text barely compresses: 60,000 random characters stay well over 32 KB.
    const noise = Array.from(crypto.getRandomValues(new Uint8Array(60_000)), (b) =>
      String.fromCharCode(33 + (b % 90)),
    ).join('');
    const encoded = await encodeShare(noise);
    expect(encoded.ok).toBe(false);
    expect(encoded.compressedBytes).toBeGreaterThan(SHARE_LIMIT_BYTES);
    if (!encoded.ok) expect(encoded.message).toMatch(/at most 32 KB/);
  });

  it('refuses damaged payloads with a StepwiseError', async () => {
    await expect(decodeShare('not*base64')).rejects.toThrow(StepwiseError);
    await expect(decodeShare('')).rejects.toThrow(/empty/);
    const encoded = await encodeShare(builtin);
    const payload = encoded.ok ? sharedPayload(encoded.fragment)! : '';
    await expect(decodeShare(payload.slice(0, payload.length / 2))).rejects.toThrow(/damaged|cut short/);
    await expect(decodeShare('A'.repeat(50_000))).rejects.toThrow(/more than 32 KB/);
  });

  it('refuses a link whose document is not UTF-8', async () => {
    const compressed = new Uint8Array(
      await new Response(
        new Blob([new Uint8Array([0x41, 0xc3, 0x28])]).stream().pipeThrough(new CompressionStream('deflate-raw')),
      ).arrayBuffer(),
    );
    const payload = btoa(String.fromCharCode(...compressed))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');
    await expect(decodeShare(payload)).rejects.toThrow(/not valid UTF-8/);
  });

  it('reads only #doc= fragments and builds links without the query', () => {
    expect(sharedPayload('#doc=abc')).toBe('abc');
    expect(sharedPayload('#other')).toBeNull();
    expect(sharedPayload('')).toBeNull();
    expect(shareUrl({ origin: 'https://x.test', pathname: '/app/' }, '#doc=abc')).toBe('https://x.test/app/#doc=abc');
  });
});
