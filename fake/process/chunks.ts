/**
 * Splitting output into log chunks no longer than the contract's limit.
 *
 * @module
 */

/** `data` in pieces of at most `max` UTF-16 units, never splitting a surrogate pair. */
export function chunksOf(data: string, max: number): string[] {
  if (data.length <= max) return [data];
  const pieces: string[] = [];
  for (let i = 0; i < data.length; ) {
    let end = Math.min(data.length, i + max);
    const last = data.charCodeAt(end - 1);
    if (end < data.length && last >= 0xd800 && last <= 0xdbff) end--;
    pieces.push(data.slice(i, end));
    i = end;
  }
  return pieces;
}
