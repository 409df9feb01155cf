import { parseArgs } from 'node:util';
import type { RecommendResult } from '../../core/select/recommend.js';
import { type Command, type Io, UsageError, write } from '../command.js';
import { withApp } from '../with-app.js';

export function describeRecommendations(accountId: string, r: RecommendResult): string {
  const head = r.personalised
    ? `Recommended for ${accountId}:`
    : `Recommended for ${accountId} (not personalised: ${r.reason ?? 'unknown'}):`;
  if (r.items.length === 0) return `${head}\n  nothing to recommend right now\n`;
  const lines = [head];
  for (const i of r.items) {
    lines.push(`  ${i.position}. [${i.item.kind}] ${i.item.title}`, `     why: ${i.why.sentence}`);
  }
  return lines.join('\n') + '\n';
}

export const recommendCommand: Command = {
  name: 'recommend',
  summary: 'Recommend posts, events, groups and videos for an account, each with why',
  usage: 'chatsignal recommend ACCOUNT_ID [--limit N] [--json]',
  async run(args: string[], io: Io) {
    const { values, positionals } = parseArgs({
      args,
      options: { json: { type: 'boolean' }, limit: { type: 'string' } },
      allowPositionals: true,
    });
    const [id] = positionals;
    if (id === undefined) throw new UsageError('give an ACCOUNT_ID');
    const limit = values.limit === undefined ? undefined : Number(values.limit);
    if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1 && limit <= 50)) {
      throw new UsageError('--limit takes a whole number from 1 to 50');
    }
    return withApp(io, async (app) => {
      const r = await app.serving.recommendations(id, { limit });
      await write(io.stdout, values.json ? JSON.stringify(r) + '\n' : describeRecommendations(id, r));
      return 0;
    });
  },
};
