import Fastify, { type FastifyInstance } from 'fastify';
import type { App } from '../app/container.js';
import { authFor } from '../app/auth.js';
import { installAuth } from './auth.js';
import { installErrorHandler } from './error-handler.js';
import { accountRoutes } from './routes/accounts.js';
import { controlRoutes } from './routes/controls.js';
import { adRoutes } from './routes/ads.js';
import { eventRoutes } from './routes/events.js';
import { systemRoutes } from './routes/system.js';
import { consoleApiRoutes } from './routes/console-api.js';
import { registerStatic } from './static.js';

/** Who may call a route; checked for every request by the access hook. */
export type Access = 'public' | 'admin' | 'ingest' | 'advertiser' | 'account';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
}

export async function buildServer(app: App): Promise<FastifyInstance> {
  const server = Fastify({
    logger: { level: app.config.logLevel },
    bodyLimit: app.config.maxBodyBytes,
    // Fastify's request logs (info level) hold method, URL and status, never bodies: bodies carry text.
  });
  installErrorHandler(server);
  installAuth(server, authFor(app));
  server.addHook('onResponse', async (request, reply) => {
    app.metrics.inc('chatsignal_http_requests_total', 'HTTP requests, by route and status', {
      route: request.routeOptions.url ?? 'unknown',
      status: String(reply.statusCode),
    });
  });
  systemRoutes(server, app);
  eventRoutes(server, app);
  accountRoutes(server, app);
  controlRoutes(server, app);
  adRoutes(server, app);
  consoleApiRoutes(server, app);
  await registerStatic(server);
  await server.ready();
  return server;
}
