import { parseArgs } from 'node:util';
import { loadConfig } from '../../app/config.js';
import { createApp } from '../../app/container.js';
import {
  generateWorld,
  loadWorld,
  resetSqliteFile,
  topInterestsByCountry,
  type DemoSummary,
} from '../../app/demo.js';
import { type Command, type Io, UsageError, write } from '../command.js';
import { formatCounts } from '../format.js';
import { Progress } from '../progress.js';
import { serveApp } from './serve.js';

const DEMO_STORE = 'sqlite:./data/demo.db';

export function formatDemoSummary(s: DemoSummary): string {
  const lines = [
    `Demo world: ${s.accounts} accounts, ${s.events} events, ${s.campaigns.loaded} campaigns` +
      (s.campaigns.refused > 0 ? ` (${s.campaigns.refused} refused)` : '') +
      `, ${s.content} content items`,
    `Ingested in ${s.seconds.toFixed(2)} s (${s.eventsPerSecond} events/s)`,
    '',
    formatCounts(s.counts),
    '',
    'Top interests by country (accounts holding them):',
  ];
  for (const [country, top] of Object.entries(s.topInterestsByCountry)) {
    lines.push(`  ${country}  ${top.map((t) => `${t.name} (${t.accounts})`).join(', ')}`);
  }
  return lines.join('\n') + '\n';
}

export const demoCommand: Command = {
  name: 'demo',
  summary: 'Generate a demo world, ingest it, print a summary and serve the API (the main job)',
  usage: 'chatsignal demo [--seed N] [--events N] [--accounts N] [--no-serve] [--json]',
  async run(args: string[], io: Io) {
    const { values, positionals } = parseArgs({
      args,
      options: {
        seed: { type: 'string', default: '42' },
        events: { type: 'string' },
        accounts: { type: 'string' },
        'no-serve': { type: 'boolean' },
        json: { type: 'boolean' },
      },
      allowPositionals: true,
    });
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const num = (name: string, v: string | undefined) => {
      if (v === undefined) return undefined;
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} takes a positive whole number`);
      return n;
    };
    const seed = num('seed', values.seed);
    const events = num('events', values.events);
    const accounts = num('accounts', values.accounts);

    // The demo keeps its own database unless CHATSIGNAL_STORE says otherwise.
    const env = { CHATSIGNAL_STORE: DEMO_STORE, ...io.env };
    const config = loadConfig(env);
    resetSqliteFile(config.store);
    const app = await createApp(config);
    // Understand threads warm up on spare cores while the world is generated.
    const warming = app.understandPool?.start();
    const world = generateWorld({
      ...(seed === undefined ? {} : { seed }),
      ...(events === undefined ? {} : { events }),
      ...(accounts === undefined ? {} : { accounts }),
    });
    const progress = new Progress(io.stderr, io.isTty && !values.json, 'ingesting', world.events.length);
    await warming;
    const loaded = await loadWorld(app, world, (done) => progress.update(done));
    progress.done();
    const summary: DemoSummary = {
      ...loaded,
      topInterestsByCountry: await topInterestsByCountry(app, world),
    };
    await write(io.stdout, values.json ? JSON.stringify(summary) + '\n' : formatDemoSummary(summary));
    if (values['no-serve']) {
      await app.close();
      return 0;
    }
    const example = world.accounts.find((a) => a.region === 'US' && a.linkedAdAccounts.length > 0)?.accountId;
    await serveApp(app, io);
    if (example !== undefined) {
      const base = `http://${app.config.host}:${app.config.port}`;
      io.stderr.write(
        `Try (after the export lines above):\n` +
          `  curl -H "Authorization: Bearer $CHATSIGNAL_ADMIN_KEY" ${base}/v1/accounts/${example}/profile\n` +
          `  curl -H "Authorization: Bearer $CHATSIGNAL_ADMIN_KEY" ${base}/v1/accounts/${example}/ads\n` +
          `  CHATSIGNAL_STORE=${config.store} npx chatsignal profile ${example}\n` +
          `  open ${base}/console/ for the web console (sign in with the admin key)\n`,
      );
    }
    return 0;
  },
};
