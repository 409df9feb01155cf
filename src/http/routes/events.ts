import type { FastifyInstance } from 'fastify';
import { invalidInput, type ErrorDetail } from '../../core/errors.js';
import type { App } from '../../app/container.js';
import { enqueueEvents } from '../../app/enqueue.js';

/** Raw NDJSON lines, parsed one by one so that a bad line is reported by number. */
interface NdjsonBody {
  ndjson: string;
}

export function parseNdjson(text: string): { items: unknown[]; errors: ErrorDetail[] } {
  const items: unknown[] = [];
  const errors: ErrorDetail[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      items.push(JSON.parse(line));
    } catch (err) {
      errors.push({ path: `line ${i + 1}`, message: `not valid JSON: ${(err as Error).message}` });
    }
  });
  return { items, errors };
}

export function eventRoutes(server: FastifyInstance, app: App): void {
  for (const type of ['application/x-ndjson', 'application/jsonl', 'application/ndjson']) {
    server.addContentTypeParser(type, { parseAs: 'string' }, (_req, body, done) => {
      done(null, { ndjson: body as string } satisfies NdjsonBody);
    });
  }

  server.post('/v1/events', { config: { access: 'ingest' } }, async (request, reply) => {
    const body = request.body as unknown;
    let items: unknown[];
    let lineErrors: ErrorDetail[] = [];
    if (isNdjson(body)) {
      ({ items, errors: lineErrors } = parseNdjson(body.ndjson));
    } else if (Array.isArray(body)) {
      items = body;
    } else if (typeof body === 'object' && body !== null) {
      items = [body];
    } else {
      throw invalidInput('send one event object, an array of events, or NDJSON');
    }
    if (items.length === 0 && lineErrors.length === 0) throw invalidInput('no events in the body');
    const prefix = Array.isArray(body) || isNdjson(body) ? 'events' : '';
    // Scale-out: the API validates and publishes; workers run the pipeline. Embedded: run it here.
    const scaleOut = app.config.bus !== 'memory';
    const report = scaleOut
      ? await enqueueEvents(items, await app.bus(), app.metrics, prefix)
      : await app.ingest(items, prefix);
    const outcomes = 'outcomes' in report ? report.outcomes : report.invalid;
    const rejected = outcomes.filter((o) => o.decision.kind === 'invalid');
    const problems = [
      ...lineErrors,
      ...rejected.flatMap((o) => (o.decision.kind === 'invalid' ? o.decision.issues : [])),
    ];
    const accepted = items.length - rejected.length;
    if (problems.length > 0) {
      // The valid events are kept already: a retry of the whole body is safe (idempotent).
      const message = `${problems.length} invalid item(s); ${accepted} valid event(s) were accepted. Fix the listed fields and resend: re-sent events are ignored.`;
      return reply.status(400).send({
        error: { code: 'invalid_input', message, details: problems },
        accepted,
        counts: report.counts,
      });
    }
    return reply.status(202).send({
      accepted,
      counts: report.counts,
      ...('outcomes' in report
        ? { outcomes: report.outcomes.map((o) => ({ eventId: o.eventId, outcome: o.decision })) }
        : {}),
    });
  });
}

function isNdjson(body: unknown): body is NdjsonBody {
  return typeof body === 'object' && body !== null && 'ndjson' in body && typeof body.ndjson === 'string';
}
