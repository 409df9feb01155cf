/** Outcome counts as an aligned table, kept first, then by count. */
export function formatCounts(counts: Record<string, number>): string {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const rows = Object.entries(counts).sort(([a, x], [b, y]) =>
    a === 'kept' ? -1 : b === 'kept' ? 1 : y - x,
  );
  const width = Math.max(10, ...rows.map(([k]) => k.length));
  return [
    `${'outcome'.padEnd(width)}  ${'events'.padStart(8)}  share`,
    ...rows.map(([k, n]) => `${k.padEnd(width)}  ${String(n).padStart(8)}  ${pct(n, total)}`),
    `${'total'.padEnd(width)}  ${String(total).padStart(8)}`,
  ].join('\n');
}

export const pct = (n: number, total: number) => (total === 0 ? '0%' : `${((100 * n) / total).toFixed(1)}%`);

export const ago = (ms: number, now: number): string => {
  const days = Math.floor((now - ms) / 86_400_000);
  if (days <= 0) return 'today';
  if (days === 1) return 'yesterday';
  return `${days} days ago`;
};
