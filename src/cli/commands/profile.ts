import { SURFACE_PHRASES } from '../../core/model/event.js';
import { parseArgs } from 'node:util';
import type { Profile } from '../../core/profile/types.js';
import { type Command, type Io, UsageError, write } from '../command.js';
import { ago } from '../format.js';
import { withApp } from '../with-app.js';

export function describeProfile(p: Profile): string {
  if (p.interests.length === 0) return `Account ${p.accountId}: no interests inferred.\n`;
  const lines = [`Account ${p.accountId}: ${p.interests.length} interest(s)`];
  for (const i of p.interests) {
    const from = i.surfaces.map((s) => SURFACE_PHRASES[s]).join(', ');
    lines.push(
      `  ${i.score.toFixed(2)}  ${i.path.join(' › ')}${i.declared ? ' (you said so)' : ''}` +
        ` — ${i.evidence} time(s), from ${from}, last ${ago(i.lastSeen, p.asOf)}`,
    );
  }
  return lines.join('\n') + '\n';
}

export const profileCommand: Command = {
  name: 'profile',
  summary: "Show an account's inferred interests with where and when they came from",
  usage: 'chatsignal profile ACCOUNT_ID [--json]',
  async run(args: string[], io: Io) {
    const { values, positionals } = parseArgs({
      args,
      options: { json: { type: 'boolean' } },
      allowPositionals: true,
    });
    const [id] = positionals;
    if (id === undefined) throw new UsageError('give an ACCOUNT_ID');
    return withApp(io, async (app) => {
      const p = await app.profile(id);
      await write(io.stdout, values.json ? JSON.stringify(p) + '\n' : describeProfile(p));
      return 0;
    });
  },
};
