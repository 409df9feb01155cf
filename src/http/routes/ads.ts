import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { RegionSchema, SurfaceSchema } from '../../core/model/event.js';
import { AppError, notFound } from '../../core/errors.js';
import type { App } from '../../app/container.js';
import { parseWith } from '../parse.js';

const IdParams = z.object({ id: z.string().min(1).max(200) });

export const AdQuerySchema = z
  .object({
    country: RegionSchema.optional(),
    language: z
      .string()
      .regex(/^[a-z]{2,3}$/, 'must be an ISO 639-1 code such as "en"')
      .optional(),
    surface: SurfaceSchema.optional(),
    slots: z.coerce.number().int().min(1).max(10).optional(),
    context: z.string().optional().describe('comma-separated taxonomy ids of the current context'),
  })
  .strict();

function adContext(q: z.infer<typeof AdQuerySchema>) {
  return { ...q, contextInterestIds: q.context?.split(',').filter(Boolean) };
}

export function adRoutes(server: FastifyInstance, app: App): void {
  server.get('/v1/accounts/:id/ads', { config: { access: 'account' } }, async (request) => {
    const { id } = parseWith(IdParams, request.params, 'params');
    return app.serving.ads(id, adContext(parseWith(AdQuerySchema, request.query, 'query')));
  });

  /** Ads for someone chatsignal does not know: chosen by context and country only. */
  server.get('/v1/ads', { config: { access: 'ingest' } }, async (request) => {
    return app.serving.ads(undefined, adContext(parseWith(AdQuerySchema, request.query, 'query')));
  });

  server.get('/v1/accounts/:id/recommendations', { config: { access: 'account' } }, async (request) => {
    const { id } = parseWith(IdParams, request.params, 'params');
    const { limit } = parseWith(
      z.object({ limit: z.coerce.number().int().min(1).max(50).optional() }).strict(),
      request.query,
      'query',
    );
    return app.serving.recommendations(id, { limit });
  });

  server.post('/v1/content', { config: { access: 'admin' } }, async (request, reply) => {
    const items = await app.serving.saveContent(request.body);
    return reply.status(201).send({ saved: items.length });
  });

  server.post('/v1/campaigns', { config: { access: 'advertiser' } }, async (request, reply) => {
    const r = await app.serving.saveCampaign(request.body);
    if (!r.ok) {
      throw new AppError(
        400,
        'invalid_input',
        `campaign refused: ${r.problems.map((p) => p.message).join('; ')}`,
        r.problems.map((p) => ({ path: p.path, message: p.message })),
      );
    }
    return reply.status(201).send({ campaign: r.campaign, warnings: r.warnings });
  });

  server.post('/v1/audience/estimate', { config: { access: 'advertiser' } }, async (request) => {
    const body = parseWith(z.object({ targeting: z.unknown() }).strict(), request.body, 'body');
    return app.serving.estimate(body.targeting ?? {});
  });

  server.get('/v1/delivery', { config: { access: 'advertiser' } }, async () => ({
    campaigns: await app.serving.delivery(),
  }));

  server.post('/v1/ad-events', { config: { access: 'ingest' } }, async (request, reply) => {
    const body = parseWith(
      z.object({ impressionId: z.string().min(1).max(1000), kind: z.enum(['impression', 'click']) }).strict(),
      request.body,
      'body',
    );
    const r = await app.serving.recordAdEvent(body.impressionId, body.kind);
    return reply.status(r.recorded ? 201 : 200).send(r);
  });

  server.get('/v1/campaigns', { config: { access: 'advertiser' } }, async () => ({
    campaigns: await app.store.listCampaigns(),
  }));

  server.get('/v1/campaigns/:id', { config: { access: 'advertiser' } }, async (request) => {
    const { id } = parseWith(IdParams, request.params, 'params');
    const c = await app.store.getCampaign(id);
    if (!c) throw notFound(`campaign "${id}"`);
    return c;
  });
}
