/**
 * The fake's seeded randomness. One seed drives every random choice (IDs,
 * keys, preview hosts, fault draws), so a failing run replays exactly.
 * `derive(label)` gives an independent stream, so e.g. a fault draw or a
 * request ID never shifts the IDs of resources.
 *
 * @module
 */

const ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** A seeded pseudo-random stream. */
export interface Random {
  readonly seed: number;
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  /** `length` characters drawn from `alphabet` (default [0-9A-Za-z]). */
  chars(length: number, alphabet?: string): string;
  /** Lowercase hex of `length` characters. */
  hex(length: number): string;
  /** A prefixed ID, e.g. `id("sbx")` -> "sbx_4fJ2..." (16 alphanumeric characters). */
  id(prefix: string): string;
  /** An independent stream derived from this seed and `label`. */
  derive(label: string): Random;
  /** Back to the state right after creation. */
  reset(): void;
  /** The stream's position, for a snapshot of the fake. */
  save(): number;
  /** Goes back to a position `save()` returned. */
  restore(position: number): void;
}

/** FNV-1a: turns a label into 32 bits to mix into a seed. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Creates a stream from a seed (mulberry32: small, fast, good enough for a fake). */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const random: Random = {
    seed,
    next,
    int: (n) => Math.floor(next() * n),
    chars(length, alphabet = ALNUM) {
      let out = "";
      for (let i = 0; i < length; i++) out += alphabet[Math.floor(next() * alphabet.length)];
      return out;
    },
    hex: (length) => random.chars(length, "0123456789abcdef"),
    id: (prefix) => `${prefix}_${random.chars(16)}`,
    derive: (label) => createRandom((hash32(label) ^ Math.imul(seed >>> 0, 0x9e3779b1)) >>> 0),
    reset() {
      state = seed >>> 0;
    },
    save: () => state,
    restore(position) {
      state = position >>> 0;
    },
  };
  return random;
}
