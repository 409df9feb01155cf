import { z } from 'zod';
import { AccountSchema } from '../../core/model/account.js';
import { CampaignSchema } from '../../core/model/campaign.js';
import { ContentItemSchema } from '../../core/model/content.js';
import { EventSchema } from '../../core/model/event.js';
import { PolicySchema } from '../../core/model/policy.js';
import { type Command, type Io, UsageError, write } from '../command.js';

const SCHEMAS: Record<string, z.ZodType> = {
  event: EventSchema,
  account: AccountSchema,
  campaign: CampaignSchema,
  content: ContentItemSchema,
  policy: PolicySchema,
};

/** The zod schemas are the contract; this exports them as JSON Schema for other tools. */
export function jsonSchemaOf(name: string): unknown {
  const schema = SCHEMAS[name];
  if (!schema)
    throw new UsageError(`unknown schema "${name}": use one of ${Object.keys(SCHEMAS).join(', ')}`);
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
}

export const schemaCommand: Command = {
  name: 'schema',
  summary: 'Print the JSON Schema of an input format (event, account, campaign, content, policy)',
  usage: `chatsignal schema ${Object.keys(SCHEMAS).join('|')}`,
  async run(args: string[], io: Io) {
    const [name] = args;
    if (name === undefined) throw new UsageError('name a schema');
    await write(io.stdout, JSON.stringify(jsonSchemaOf(name), null, 2) + '\n');
    return 0;
  },
};
