import { error } from "./errors.js";

/**
 * A seeded source of uniform random numbers. Every stochastic function of the toolkit takes one of
 * these; nothing reads `Math.random` or the clock.
 */
export interface Rng {
  /** The next uniform number in [0, 1), with 32 bits of resolution. */
  next(): number;
}

/** Largest seed + 1: seeds are unsigned 32-bit integers. */
export const SEED_LIMIT = 2 ** 32;

function checkSeed(fn: string, seed: number): void {
  if (!Number.isInteger(seed) || seed < 0 || seed >= SEED_LIMIT) {
    throw error(fn, `seed must be an integer in [0, 2^32); got ${String(seed)}`);
  }
}

/**
 * SplitMix32 step (a 32-bit cousin of Steele, Lea and Flood's SplitMix64): used only to expand one
 * 32-bit seed into the four words of sfc32's state, so that nearby seeds give unrelated streams.
 */
function splitmix32(state: number): [next: number, out: number] {
  const next = (state + 0x9e3779b9) | 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  z ^= z >>> 16;
  return [next, z >>> 0];
}

/**
 * Create a generator from a 32-bit seed: Chris Doty-Humphrey's sfc32 ("small fast counting", from
 * PractRand), state of four 32-bit words seeded by SplitMix32, first 12 outputs discarded.
 * Period at least 2^32 (the counter word), in practice about 2^127; passes PractRand to terabytes.
 *
 * @throws when `seed` is not an integer in [0, 2^32).
 * @example
 * const rng = createRng(42);
 * rng.next(); // same value on every machine for seed 42
 */
export function createRng(seed: number): Rng {
  checkSeed("createRng", seed);
  let s = seed | 0;
  let a: number, b: number, c: number, d: number;
  [s, a] = splitmix32(s);
  [s, b] = splitmix32(s);
  [s, c] = splitmix32(s);
  [s, d] = splitmix32(s);
  a |= 0;
  b |= 0;
  c |= 0;
  d |= 0;
  const next = (): number => {
    // t = a + b + counter; a = b ^ (b >>> 9); b = c + (c << 3); c = rotl(c, 21) + t; counter += 1
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  return { next };
}

/**
 * A child seed from a parent seed and coordinates, e.g. `deriveSeed(sweepSeed, "mathutils_p09",
 * "decentralized", 3, 0)`. The string `parent|part1|part2|...` is hashed with 32-bit FNV-1a and the
 * result mixed with MurmurHash3's fmix32 finaliser, so the child depends on every coordinate and on
 * their order, and is stable across machines and releases.
 *
 * @throws when `parent` is not an integer in [0, 2^32).
 */
export function deriveSeed(parent: number, ...parts: readonly (string | number)[]): number {
  checkSeed("deriveSeed", parent);
  const key = [String(parent), ...parts.map(String)].join("|");
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A uniform integer in [0, n). @throws when n is not a positive integer. */
export function randomInt(rng: Rng, n: number): number {
  if (!Number.isInteger(n) || n <= 0) throw error("randomInt", `n must be a positive integer; got ${String(n)}`);
  return Math.floor(rng.next() * n);
}

/** True with probability p (p in [0, 1]). */
export function bernoulli(rng: Rng, p: number): boolean {
  return rng.next() < p;
}

/** A standard normal draw by the Box-Muller transform: z = sqrt(-2 ln u1) cos(2 pi u2), u1 in (0, 1]. */
export function standardNormal(rng: Rng): number {
  const u1 = 1 - rng.next();
  const u2 = rng.next();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/**
 * A log-normal draw exp(mu + sigma z). With mu = -sigma^2 / 2 its mean is 1, which is how the
 * simulator uses it: a multiplicative noise factor that leaves mean latency unchanged.
 */
export function logNormal(rng: Rng, mu: number, sigma: number): number {
  return Math.exp(mu + sigma * standardNormal(rng));
}

/**
 * A Pareto (type I) draw by inversion: x = xm / (1 - u)^(1 / alpha), support [xm, inf). Heavy-tailed:
 * the mean alpha xm / (alpha - 1) exists only for alpha > 1, the variance only for alpha > 2.
 */
export function pareto(rng: Rng, xm: number, alpha: number): number {
  return xm / Math.pow(1 - rng.next(), 1 / alpha);
}
