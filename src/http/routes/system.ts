import type { FastifyInstance } from 'fastify';
import type { App } from '../../app/container.js';

export function systemRoutes(server: FastifyInstance, app: App): void {
  server.get('/healthz', { config: { access: 'public' } }, async () => ({
    status: 'ok',
    store: app.store.kind,
  }));

  server.get('/metrics', { config: { access: 'public' } }, async (_request, reply) => {
    return reply.type('text/plain; version=0.0.4').send(app.metrics.render());
  });
}
