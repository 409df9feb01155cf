import { parseArgs } from 'node:util';
import type { SelectAdsResult } from '../../core/select/select-ads.js';
import { type Command, type Io, UsageError, write } from '../command.js';
import { withApp } from '../with-app.js';

export function describeAds(accountId: string, r: SelectAdsResult): string {
  const head = r.personalised
    ? `Ads for ${accountId} (personalised):`
    : `Ads for ${accountId} (not personalised: ${r.reason ?? 'unknown'}):`;
  if (r.ads.length === 0) return `${head}\n  none available right now\n`;
  const lines = [head];
  for (const ad of r.ads) {
    lines.push(`  ${ad.position}. ${ad.headline} — ${ad.url}`, `     why: ${ad.why.sentence}`);
  }
  return lines.join('\n') + '\n';
}

export const adsCommand: Command = {
  name: 'ads',
  summary: 'Show the ads an account would see now, each with why',
  usage: 'chatsignal ads ACCOUNT_ID [--slots N] [--json]',
  async run(args: string[], io: Io) {
    const { values, positionals } = parseArgs({
      args,
      options: { json: { type: 'boolean' }, slots: { type: 'string' } },
      allowPositionals: true,
    });
    const [id] = positionals;
    if (id === undefined) throw new UsageError('give an ACCOUNT_ID');
    const slots = values.slots === undefined ? undefined : Number(values.slots);
    if (slots !== undefined && !(Number.isInteger(slots) && slots >= 1 && slots <= 10)) {
      throw new UsageError('--slots takes a whole number from 1 to 10');
    }
    return withApp(io, async (app) => {
      const r = await app.serving.ads(id, { slots });
      await write(io.stdout, values.json ? JSON.stringify(r) + '\n' : describeAds(id, r));
      return 0;
    });
  },
};
