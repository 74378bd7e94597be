/**
 * Cutting text by its UTF-8 size without splitting a character: log chunks
 * (split at the plan's chunk size) and capped output (cut at the cap).
 *
 * @module
 */

/** `text` in pieces of at most `maxBytes` of UTF-8 each, never cutting a character. */
export function splitUtf8(text: string, maxBytes: number): string[] {
  // Three bytes per UTF-16 unit at most: short text needs no counting.
  if (text.length * 3 <= maxBytes) return [text];
  const parts: string[] = [];
  let start = 0;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const pair = code >= 0xd800 && code <= 0xdbff && i + 1 < text.length;
    const size = code < 0x80 ? 1 : code < 0x800 ? 2 : pair ? 4 : 3;
    if (bytes + size > maxBytes && i > start) {
      parts.push(text.slice(start, i));
      start = i;
      bytes = 0;
    }
    bytes += size;
    if (pair) i++;
  }
  parts.push(text.slice(start));
  return parts;
}

const decoder = new TextDecoder();

/**
 * The first `maxBytes` of UTF-8 `bytes` as text, dropping a character the cut
 * split in two (a U+FFFD the text really ends with is kept).
 */
export function utf8Prefix(bytes: Uint8Array, maxBytes: number): string {
  let end = Math.min(maxBytes, bytes.length);
  // A continuation byte (10xxxxxx) just past the cut: back up to its lead byte.
  while (end > 0 && end < bytes.length && ((bytes[end] as number) & 0xc0) === 0x80) end--;
  return decoder.decode(bytes.subarray(0, end));
}
