import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { authFor } from '../../app/auth.js';
import type { App } from '../../app/container.js';
import {
  decisions,
  deleteInterest,
  eraseAccount,
  exportAccount,
  muteTopic,
  optIn,
  optOut,
  recordNotice,
  resetProfile,
  setDisabledSurfaces,
  unmuteTopic,
} from '../../app/controls.js';
import { notFound } from '../../core/errors.js';
import { SurfaceSchema } from '../../core/model/event.js';
import { actorOf } from '../auth.js';
import { parseWith } from '../parse.js';

const IdParams = z.object({ id: z.string().min(1).max(200) });
const TopicParams = IdParams.extend({ topicId: z.string().min(1).max(20) });
const TopicBody = z.object({ topicId: z.string().min(1).max(20) }).strict();
const SurfacesBody = z.object({ disabled: z.array(SurfaceSchema).max(6) }).strict();
const NoticeBody = z.object({ shownAt: z.iso.datetime({ offset: true }).optional() }).strict();
const TokenBody = z.object({ ttlSeconds: z.number().int().optional() }).strict();
const DecisionsQuery = z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100) }).strict();

/** The person's controls (see docs/policy.md). `account` routes take the admin key or the person's own token. */
export function controlRoutes(server: FastifyInstance, app: App): void {
  const ids = (params: unknown) => parseWith(IdParams, params, 'params').id;

  server.post('/v1/accounts/:id/mutes', { config: { access: 'account' } }, async (request) => {
    const { topicId } = parseWith(TopicBody, request.body ?? {}, 'body');
    return muteTopic(app, ids(request.params), topicId, actorOf(request));
  });

  server.delete('/v1/accounts/:id/mutes/:topicId', { config: { access: 'account' } }, async (request) => {
    const { id, topicId } = parseWith(TopicParams, request.params, 'params');
    return unmuteTopic(app, id, topicId, actorOf(request));
  });

  server.put('/v1/accounts/:id/surfaces', { config: { access: 'account' } }, async (request) => {
    const { disabled } = parseWith(SurfacesBody, request.body ?? {}, 'body');
    return setDisabledSurfaces(app, ids(request.params), disabled, actorOf(request));
  });

  server.delete('/v1/accounts/:id/interests/:topicId', { config: { access: 'account' } }, async (request) => {
    const { id, topicId } = parseWith(TopicParams, request.params, 'params');
    return deleteInterest(app, id, topicId, actorOf(request));
  });

  server.post('/v1/accounts/:id/reset', { config: { access: 'account' } }, async (request) =>
    resetProfile(app, ids(request.params), actorOf(request)),
  );

  server.post('/v1/accounts/:id/opt-out', { config: { access: 'account' } }, async (request) =>
    optOut(app, ids(request.params), actorOf(request)),
  );

  server.post('/v1/accounts/:id/opt-in', { config: { access: 'account' } }, async (request) =>
    optIn(app, ids(request.params), actorOf(request)),
  );

  server.get('/v1/accounts/:id/export', { config: { access: 'account' } }, async (request, reply) => {
    const id = ids(request.params);
    const body = await exportAccount(app, id);
    return reply.header('content-disposition', `attachment; filename="chatsignal-export.json"`).send(body);
  });

  server.get('/v1/accounts/:id/decisions', { config: { access: 'account' } }, async (request) => {
    const id = ids(request.params);
    const { limit } = parseWith(DecisionsQuery, request.query ?? {}, 'query');
    return { accountId: id, decisions: await decisions(app, id, limit) };
  });

  server.delete('/v1/accounts/:id', { config: { access: 'account' } }, async (request) =>
    eraseAccount(app.store, ids(request.params), app.now()),
  );

  // Recording that a notice was shown is the integrating app's job, not the person's.
  server.post('/v1/accounts/:id/notice', { config: { access: 'admin' } }, async (request) => {
    const { shownAt } = parseWith(NoticeBody, request.body ?? {}, 'body');
    return recordNotice(app, ids(request.params), shownAt, actorOf(request));
  });

  server.post('/v1/accounts/:id/token', { config: { access: 'admin' } }, async (request, reply) => {
    const id = ids(request.params);
    const { ttlSeconds } = parseWith(TokenBody, request.body ?? {}, 'body');
    if (!(await app.store.getAccount(id))) throw notFound(`account "${id}"`);
    const issued = authFor(app).issueToken(id, ttlSeconds);
    await app.store.recordSettingChange({
      accountId: id,
      at: app.now(),
      actor: actorOf(request),
      action: 'token.issued',
      detail: `expires ${new Date(issued.expiresAt).toISOString()}`,
    });
    return reply.status(201).send(issued);
  });
}
