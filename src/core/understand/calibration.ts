/**
 * Interest scores as probabilities: a small logistic model maps what the ranking already knows
 * about an interest (its evidence, how much of the message's evidence its topic holds, the
 * message's length, whether it was declared) to the chance that it is what the message is about.
 *
 * Why features beyond the evidence: one matched term means a lot in "play some jazz" and little
 * in a long sentence that touches five topics. Evidence alone was measured to be under-confident
 * on assistant requests and over-confident on encyclopedic text at the same time.
 *
 * The coefficients are fitted by `scripts/calibrate.ts` on the project's own labelled sentences
 * only (the check halves of eval/own and eval/own-requests, which lexicon work never reads) and
 * are checked by `npm run eval` on the development sets, which are never fitted on. Re-run the
 * script after a large KB change.
 */

/** What the model reads about one ranked interest. */
export interface ScoreFeatures {
  /** The ranking's evidence for the node (tier-1 group, own line, depth). */
  raw: number;
  /** The node's tier-1 group evidence over the evidence of every group in the message (0..1]. */
  share: number;
  /** Tokens in the message (text and image labels). */
  tokens: number;
  declared: boolean;
}

export interface ScoreCalibration {
  bias: number;
  raw: number;
  share: number;
  length: number;
  declared: number;
}

/** The model's inputs, in the order of the coefficients. */
export function featureVector(f: ScoreFeatures): [number, number, number, number] {
  return [Math.log1p(f.raw), f.share, Math.log1p(f.tokens), f.declared ? 1 : 0];
}

// <fit> written by scripts/calibrate.ts
export const INTEREST_CALIBRATION: ScoreCalibration = {
  bias: -1.0286,
  raw: 1.8139,
  share: 2.1116,
  length: -0.4868,
  declared: -0.0293,
};
// </fit>

/** Probability in [0.01, 0.99], rounded to 3 decimals (never 0 or 1: this is evidence, not truth). */
export function calibratedScore(f: ScoreFeatures, c: ScoreCalibration = INTEREST_CALIBRATION): number {
  const [raw, share, length, declared] = featureVector(f);
  const z = c.bias + c.raw * raw + c.share * share + c.length * length + c.declared * declared;
  const p = 1 / (1 + Math.exp(-z));
  return Math.round(Math.min(0.99, Math.max(0.01, p)) * 1000) / 1000;
}
