/** A random source in [0, 1): selection never calls Math.random itself, so runs replay. */
export type RandomSource = () => number;

/**
 * Mulberry32: a tiny, fast, seedable PRNG. Good enough for throttling and tests; not for
 * anything cryptographic.
 */
export function mulberry32(seed: number): RandomSource {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
