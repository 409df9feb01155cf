import { parseArgs } from 'node:util';
import { withDevCredentials } from '../../app/auth.js';
import { loadConfig } from '../../app/config.js';
import { createApp, type App } from '../../app/container.js';
import { buildServer } from '../../http/server.js';
import { type Command, type Io, UsageError } from '../command.js';

/** Starts the HTTP API and closes everything on SIGINT/SIGTERM. */
export async function serveApp(app: App, io: Io): Promise<void> {
  // SAFETY: with no API key configured, this run gets random printed keys instead of an open API.
  app.config = withDevCredentials(app.config, (t) => io.stderr.write(t));
  const server = await buildServer(app);
  const address = await server.listen({ host: app.config.host, port: app.config.port });
  io.stderr.write(`chatsignal API listening on ${address} (store: ${app.store.kind})\n`);
  const stop = async () => {
    await server.close();
    await app.close();
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Serve the HTTP API (and the web console)',
  usage: 'chatsignal serve [--port N] [--host H]',
  async run(args: string[], io: Io) {
    const { values, positionals } = parseArgs({
      args,
      options: { port: { type: 'string' }, host: { type: 'string' } },
      allowPositionals: true,
    });
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const env = { ...io.env };
    if (values.port !== undefined) env.CHATSIGNAL_PORT = values.port;
    if (values.host !== undefined) env.CHATSIGNAL_HOST = values.host;
    const app = await createApp(loadConfig(env));
    await serveApp(app, io);
    return 0;
  },
};
