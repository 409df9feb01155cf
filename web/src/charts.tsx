/** Tiny charts: CSS bars and an SVG sparkline. Values are always also shown as text. */

export interface Bar {
  label: string;
  value: number;
  tone?: 'ok' | 'warn' | 'muted';
}

export function BarList({
  bars,
  label,
  unit = '',
  shares = true,
}: {
  bars: Bar[];
  label: string;
  unit?: string;
  shares?: boolean;
}) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const total = bars.reduce((a, b) => a + b.value, 0);
  if (bars.length === 0) return <p class="muted">No data yet.</p>;
  return (
    <ul class="bars" aria-label={label}>
      {bars.map((b) => (
        <li key={b.label}>
          <span class="bar-label">{b.label}</span>
          <span class="bar-track" aria-hidden="true">
            <span class={`bar-fill ${b.tone ?? ''}`} style={{ width: `${(100 * b.value) / max}%` }} />
          </span>
          <span class="bar-value">
            {b.value.toLocaleString('en-US')}
            {unit}
            {shares && total > 0 && <span class="muted"> ({Math.round((100 * b.value) / total)}%)</span>}
          </span>
        </li>
      ))}
    </ul>
  );
}

export function Sparkline({
  values,
  label,
  width = 320,
  height = 64,
}: {
  values: number[];
  label: string;
  width?: number;
  height?: number;
}) {
  const max = Math.max(1, ...values);
  const step = values.length > 1 ? width / (values.length - 1) : width;
  const pts = values.map(
    (v, i) => `${(i * step).toFixed(1)},${(height - 4 - ((height - 8) * v) / max).toFixed(1)}`,
  );
  const last = values[values.length - 1] ?? 0;
  return (
    <svg
      class="sparkline"
      viewBox={`0 0 ${width} ${height}`}
      preserveAspectRatio="none"
      role="img"
      aria-label={`${label}: latest ${last.toFixed(1)}, peak ${max.toFixed(1)}`}
    >
      <line x1="0" y1={height - 4} x2={width} y2={height - 4} class="axis" />
      {pts.length > 1 && <polyline points={pts.join(' ')} class="line" />}
    </svg>
  );
}

/** A meter for a 0..1 share, with the position of a target marker (e.g. share of the day gone). */
export function PaceBar({ share, target, label }: { share: number; target: number; label: string }) {
  const pct = Math.min(100, Math.round(share * 100));
  return (
    <span
      class="pace"
      role="img"
      aria-label={`${label}: ${pct}% of the daily budget spent, ${Math.round(target * 100)}% of the day gone`}
    >
      <span class="pace-fill" style={{ width: `${pct}%` }} />
      <span class="pace-mark" style={{ left: `${Math.min(100, target * 100)}%` }} />
    </span>
  );
}
