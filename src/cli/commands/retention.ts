import { parseArgs } from 'node:util';
import { runRetention } from '../../app/retention.js';
import { type Command, type Io, UsageError, write } from '../command.js';
import { withApp } from '../with-app.js';

export const retentionCommand: Command = {
  name: 'retention',
  summary: 'Delete signals older than the policy retention window (run daily, e.g. from cron)',
  usage: 'chatsignal retention [--json]',
  async run(args: string[], io: Io) {
    const { values, positionals } = parseArgs({
      args,
      options: { json: { type: 'boolean' } },
      allowPositionals: true,
    });
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    return withApp(io, async (app) => {
      const r = await runRetention(app);
      await write(
        io.stdout,
        values.json
          ? JSON.stringify(r) + '\n'
          : `deleted ${r.deleted} signal(s) older than ${r.retentionDays} days (before ${new Date(r.cutoff).toISOString()})\n`,
      );
      return 0;
    });
  },
};
