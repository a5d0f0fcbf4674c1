/**
 * A small seeded PRNG (sfc32, seeded through splitmix32): the same seed gives the same sequence on
 * every platform, which the generator's byte-identical-output promise rests on.
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let s = seed >>> 0;
    const next = () => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** A uniformly distributed unsigned 32-bit integer. */
  uint32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Picks by weight; `weights` need not sum to 1. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of items) total += w;
    let r = this.next() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    return (items[items.length - 1] as readonly [T, number])[0];
  }

  /** Exponentially distributed with the given mean. */
  exponential(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  /** A random (version 4 layout) UUID drawn from this generator. */
  uuid(): string {
    const a = this.uint32();
    const b = this.uint32();
    const c = this.uint32();
    const d = this.uint32();
    // 8-4-4-4-12 hex digits: a; b without its 5th digit (the version); the variant from the top of
    // c, the rest of c; then d. Built as character codes and made into one flat string at once,
    // which is several times cheaper than concatenating pieces (and later flattening them).
    const s = uuidCodes;
    putHex(s, 0, a, 8);
    putHex(s, 9, b >>> 16, 4);
    putHex(s, 15, b & 0xfff, 3);
    s[19] = hexCodes[((c >>> 28) & 3) | 8] as number;
    putHex(s, 20, (c >>> 16) & 0xfff, 3);
    putHex(s, 24, c & 0xffff, 4);
    putHex(s, 28, d, 8);
    return String.fromCharCode.apply(null, s);
  }
}

const hexCodes = Array.from("0123456789abcdef", (ch) => ch.charCodeAt(0));
/** The UUID being built; the dashes and the version digit never change. */
const uuidCodes: number[] = Array.from("00000000-0000-4000-0000-000000000000", (ch) => ch.charCodeAt(0));

/** Writes the low `digits` hex digits of `n` into `codes` from `at`. */
function putHex(codes: number[], at: number, n: number, digits: number): void {
  let v = n;
  for (let i = at + digits - 1; i >= at; i--) {
    codes[i] = hexCodes[v & 15] as number;
    v >>>= 4;
  }
}

/** A child generator whose sequence depends only on the parent seed and `label`. */
export function deriveSeed(seed: number, label: string): number {
  let h = (seed ^ 0x811c9dc5) >>> 0;
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}
