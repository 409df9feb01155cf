/**
 * A small Prometheus registry: counters and gauges with labels, rendered as text. Enough for
 * /metrics without a dependency; labels come from decision values, never from text.
 */
type Labels = Record<string, string>;

interface Family {
  help: string;
  type: 'counter' | 'gauge';
  values: Map<string, { labels: Labels; value: number }>;
}

export class Metrics {
  private readonly families = new Map<string, Family>();

  inc(name: string, help: string, labels: Labels = {}, by = 1): void {
    this.update(name, help, 'counter', labels, (v) => v + by);
  }

  set(name: string, help: string, labels: Labels, value: number): void {
    this.update(name, help, 'gauge', labels, () => value);
  }

  get(name: string, labels: Labels = {}): number {
    return this.families.get(name)?.values.get(key(labels))?.value ?? 0;
  }

  render(): string {
    const lines: string[] = [];
    for (const [name, f] of this.families) {
      lines.push(`# HELP ${name} ${f.help}`, `# TYPE ${name} ${f.type}`);
      for (const { labels, value } of f.values.values())
        lines.push(`${name}${formatLabels(labels)} ${value}`);
    }
    return lines.join('\n') + '\n';
  }

  private update(
    name: string,
    help: string,
    type: Family['type'],
    labels: Labels,
    fn: (v: number) => number,
  ) {
    let f = this.families.get(name);
    if (!f) {
      f = { help, type, values: new Map() };
      this.families.set(name, f);
    }
    const k = key(labels);
    const cur = f.values.get(k);
    if (cur) cur.value = fn(cur.value);
    else f.values.set(k, { labels, value: fn(0) });
  }
}

const key = (labels: Labels) =>
  Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join(',');

const formatLabels = (labels: Labels) => {
  const parts = Object.keys(labels)
    .sort()
    .map(
      (k) => `${k}="${String(labels[k]).replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`,
    );
  return parts.length ? `{${parts.join(',')}}` : '';
};
