import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AccountSchema } from '../../core/model/account.js';
import type { App } from '../../app/container.js';
import { profileView, upsertAccount } from '../../app/controls.js';
import { actorOf } from '../auth.js';
import { parseWith } from '../parse.js';

const IdParams = z.object({ id: z.string().min(1).max(200) });

export function accountRoutes(server: FastifyInstance, app: App): void {
  server.put('/v1/accounts/:id', { config: { access: 'admin' } }, async (request, reply) => {
    const { id } = parseWith(IdParams, request.params, 'params');
    const body = parseWith(z.object({}).loose(), request.body ?? {}, 'body');
    const account = parseWith(AccountSchema, { ...body, accountId: id }, 'body');
    // The accounts service applies what the change means for data held (unlinking purges).
    const r = await upsertAccount(app, account, actorOf(request));
    return reply.status(r.created ? 201 : 200).send(r.account);
  });

  server.get('/v1/accounts/:id', { config: { access: 'account' } }, async (request) => {
    const { id } = parseWith(IdParams, request.params, 'params');
    return app.account(id);
  });

  server.get('/v1/accounts/:id/profile', { config: { access: 'account' } }, async (request) => {
    const { id } = parseWith(IdParams, request.params, 'params');
    return profileView(app, id);
  });
}
