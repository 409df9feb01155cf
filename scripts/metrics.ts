/**
 * Expected calibration error: over ten equal-width score bins, the gap between the mean score
 * and the share of outcomes that were right, weighted by how many scores fall in the bin.
 */
export function expectedCalibrationError(scores: readonly number[], outcomes: readonly number[]): number {
  if (scores.length === 0) return 0;
  const bins = Array.from({ length: 10 }, () => ({ n: 0, score: 0, right: 0 }));
  scores.forEach((s, i) => {
    const bin = bins[Math.min(9, Math.floor(s * 10))];
    if (!bin) return;
    bin.n++;
    bin.score += s;
    bin.right += outcomes[i] ?? 0;
  });
  return bins.reduce(
    (sum, b) => (b.n === 0 ? sum : sum + ((b.n / scores.length) * Math.abs(b.score - b.right)) / b.n),
    0,
  );
}
