import { existsSync, statSync } from 'node:fs';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** The built web console (`web/dist`), found from this file whether it runs from src/ or dist/. */
export function webDistDir(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, 'web', 'dist');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
    dir = dirname(dir);
  }
  return undefined;
}

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>chatsignal</title></head>
<body><main>
<h1>chatsignal API</h1>
<p>The API is running. The web console is not built yet: run <code>npm run build:web</code>
(or <code>npm ci</code>, which builds it) and restart the server, then open <a href="/console/">/console/</a>.</p>
<p>Health: <a href="/healthz">/healthz</a>. Metrics: <a href="/metrics">/metrics</a>.</p>
</main></body></html>
`;

/** Strict headers for the console's pages: its own scripts and API only, never framed. */
function secure(reply: FastifyReply): FastifyReply {
  return reply
    .header(
      'content-security-policy',
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    )
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('x-frame-options', 'DENY');
}

/**
 * Serves the web console at `/console/` (and redirects `/` there). Unknown paths without a
 * file extension get the app's index.html, so that deep links work; missing assets are 404s.
 * `root` null: the console is not built, and `/` says how to build it.
 */
export async function registerStatic(
  server: FastifyInstance,
  root: string | null = webDistDir() ?? null,
): Promise<void> {
  if (root === null) {
    server.get('/', { config: { access: 'public' } }, async (_request, reply) =>
      secure(reply).type('text/html; charset=utf-8').send(NOT_BUILT),
    );
    server.get('/console/*', { config: { access: 'public' } }, async (_request, reply) =>
      secure(reply).status(503).type('text/html; charset=utf-8').send(NOT_BUILT),
    );
    return;
  }
  await server.register(fastifyStatic, { root, serve: false });

  const index = (reply: FastifyReply) =>
    secure(reply).header('cache-control', 'no-cache').sendFile('index.html', root, { cacheControl: false });

  server.get('/', { config: { access: 'public' } }, async (_request, reply) =>
    reply.redirect('/console/', 302),
  );
  server.get('/console', { config: { access: 'public' } }, async (_request, reply) =>
    reply.redirect('/console/', 302),
  );
  server.get('/console/*', { config: { access: 'public' } }, async (request, reply) => {
    const rest = (request.params as { '*'?: string })['*'] ?? '';
    const rel = normalize(decodeURIComponent(rest.split('?')[0] ?? '')).replace(/^([/\\])+/, '');
    // SAFETY: nothing outside the build folder is ever served.
    if (rel === '' || rel === '.' || rel.startsWith('..') || rel.includes(`${sep}..`)) return index(reply);
    const file = join(root, rel);
    if (existsSync(file) && statSync(file).isFile()) {
      const immutable = rel.startsWith(`assets${sep}`);
      return secure(reply).sendFile(
        rel,
        root,
        immutable ? { maxAge: '365d', immutable: true } : { cacheControl: false },
      );
    }
    if (extname(rel) !== '') {
      return reply
        .status(404)
        .send({ error: { code: 'not_found', message: `no file ${request.url}`, details: [] } });
    }
    return index(reply);
  });
}
