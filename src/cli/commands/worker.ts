import { parseArgs } from 'node:util';
import { runWorker } from '../../app/worker.js';
import { type Command, type Io, UsageError } from '../command.js';
import { withApp } from '../with-app.js';

export const workerCommand: Command = {
  name: 'worker',
  summary: 'Consume events from the stream (CHATSIGNAL_BUS=nats://…) and commit profiles; stops on SIGTERM',
  usage: 'chatsignal worker [--batch N]',
  async run(args: string[], io: Io) {
    const { values, positionals } = parseArgs({
      args,
      options: { batch: { type: 'string' } },
      allowPositionals: true,
    });
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const batch = values.batch === undefined ? undefined : Number(values.batch);
    if (batch !== undefined && !(Number.isInteger(batch) && batch >= 1 && batch <= 10_000)) {
      throw new UsageError('--batch takes a whole number from 1 to 10000');
    }
    return withApp(io, async (app) => {
      if (app.config.bus === 'memory') {
        throw new UsageError('a worker needs a stream: set CHATSIGNAL_BUS=nats://host:4222');
      }
      const ctl = new AbortController();
      const stop = () => ctl.abort();
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
      io.stderr.write(`chatsignal worker consuming ${app.config.bus} (store: ${app.store.kind})\n`);
      const stats = await runWorker(app, await app.bus(), {
        batchSize: batch ?? app.config.batchSize,
        signal: ctl.signal,
        onError: (err) => io.stderr.write(`worker: ${(err as Error).message}; retrying\n`),
      });
      io.stderr.write(
        `worker stopped: ${stats.batches} batches, ${stats.events} events, ${stats.failures} failures\n`,
      );
      return 0;
    });
  },
};
