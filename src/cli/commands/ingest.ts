import { parseArgs } from 'node:util';
import { IngestQueue, mergeCounts } from '../../app/ingest.js';
import type { App } from '../../app/container.js';
import { type Command, type Io, UsageError, write } from '../command.js';
import { Progress } from '../progress.js';
import { openLines } from '../read-lines.js';
import { withApp } from '../with-app.js';
import { formatCounts } from '../format.js';

export interface IngestSummary {
  lines: number;
  counts: Record<string, number>;
  /** The first problems found, with line numbers. */
  errors: { line: number; error: string }[];
  seconds: number;
}

const MAX_ERRORS_SHOWN = 20;

/** Streams NDJSON through the pipeline in batches; bad lines are reported, good ones kept. */
export async function ingestLines(
  app: App,
  lines: AsyncIterable<string>,
  progress?: Progress,
): Promise<IngestSummary> {
  const started = performance.now();
  const summary: IngestSummary = { lines: 0, counts: {}, errors: [], seconds: 0 };
  // Batches finish out of step with reading, so problems are kept as the first ones by line.
  const problem = (line: number, error: string) => {
    const errors = summary.errors;
    if (errors.length === MAX_ERRORS_SHOWN && line > errors[errors.length - 1]!.line) return;
    errors.push({ line, error });
    errors.sort((a, b) => a.line - b.line);
    if (errors.length > MAX_ERRORS_SHOWN) errors.pop();
  };
  type Batch = { line: number; value: unknown }[];
  let batch: Batch = [];
  // Two batches in flight: one is read and committed while the other is understood.
  const queue = new IngestQueue(
    (b: Batch) => app.ingest(b.map((x) => x.value)),
    (report, b) => {
      mergeCounts(summary.counts, report.counts);
      for (const o of report.outcomes) {
        if (o.decision.kind === 'invalid') problem(b[o.index]!.line, o.decision.message);
      }
      progress?.update(b[b.length - 1]!.line);
    },
  );
  const flush = async () => {
    if (batch.length === 0) return;
    const b = batch;
    batch = [];
    await queue.push(b);
  };
  for await (const line of lines) {
    summary.lines++;
    if (line.trim() === '') continue;
    try {
      batch.push({ line: summary.lines, value: JSON.parse(line) });
    } catch (err) {
      summary.counts.invalid = (summary.counts.invalid ?? 0) + 1;
      problem(summary.lines, `not valid JSON: ${(err as Error).message}`);
    }
    if (batch.length >= app.config.batchSize) await flush();
  }
  await flush();
  await queue.drain();
  progress?.done();
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}

export const ingestCommand: Command = {
  name: 'ingest',
  summary: 'Ingest events from an NDJSON file (or - for stdin) and print outcomes by reason',
  usage: 'chatsignal ingest FILE|- [--json]',
  async run(args: string[], io: Io) {
    const { values, positionals } = parseArgs({
      args,
      options: { json: { type: 'boolean' } },
      allowPositionals: true,
    });
    const [file] = positionals;
    if (file === undefined || positionals.length > 1) throw new UsageError('give one FILE, or - for stdin');
    return withApp(io, async (app) => {
      const { lines } = await openLines(file, io.stdin);
      const summary = await ingestLines(
        app,
        lines,
        new Progress(io.stderr, io.isTty && !values.json, 'ingesting'),
      );
      if (values.json) await write(io.stdout, JSON.stringify(summary) + '\n');
      else await write(io.stdout, formatIngestSummary(summary));
      return summary.errors.length > 0 ? 1 : 0;
    });
  },
};

export function formatIngestSummary(s: IngestSummary): string {
  const rate = s.seconds > 0 ? Math.round(s.lines / s.seconds) : 0;
  const out = [`${s.lines} lines in ${s.seconds.toFixed(2)} s (${rate}/s)`, formatCounts(s.counts)];
  if (s.errors.length > 0) {
    out.push('', 'Problems (fix these lines and re-run; events already ingested are not counted twice):');
    for (const e of s.errors) out.push(`  line ${e.line}: ${e.error}`);
  }
  return out.join('\n') + '\n';
}
