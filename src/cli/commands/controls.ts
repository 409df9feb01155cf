import { parseArgs } from 'node:util';
import { authFor } from '../../app/auth.js';
import type { App } from '../../app/container.js';
import {
  decisions,
  deleteInterest,
  eraseAccount,
  exportAccount,
  muteTopic,
  optIn,
  optOut,
  profileView,
  recordNotice,
  resetProfile,
  setDisabledSurfaces,
  unmuteTopic,
  type ControlResult,
  type ProfileView,
} from '../../app/controls.js';
import { notFound } from '../../core/errors.js';
import { SURFACES, SurfaceSchema, type Surface } from '../../core/model/event.js';
import { type Command, type Io, UsageError, write } from '../command.js';
import { withApp } from '../with-app.js';

/** Changes made from the CLI are recorded with this actor: whoever runs it holds the database. */
const ACTOR = 'cli';

export function describeProfileView(p: ProfileView): string {
  const lines = [
    `Account ${p.accountId}${p.optedOut ? ' (opted out)' : ''}: ${p.interests.length} interest(s)`,
  ];
  for (const i of p.interests) lines.push(`  ${i.score.toFixed(2)}  ${i.name} [${i.id}]: ${i.why}`);
  if (p.mutedTopics.length > 0)
    lines.push(`Muted: ${p.mutedTopics.map((t) => `${t.name} [${t.id}]`).join(', ')}`);
  if (p.disabledSurfaces.length > 0) lines.push(`Turned off: ${p.disabledSurfaces.join(', ')}`);
  return lines.join('\n') + '\n';
}

interface Sub {
  usage: string;
  /** Positional arguments after ACCOUNT_ID: exact count, or undefined for any. */
  args?: number;
  run(app: App, id: string, rest: string[], flags: Flags): Promise<string | object>;
}

interface Flags {
  json: boolean;
  yes: boolean;
  at?: string | undefined;
  limit?: string | undefined;
}

const changed = (what: string) => (r: ControlResult) =>
  `${what}${r.deleted > 0 ? `; deleted ${r.deleted} signal(s)` : ''}\n`;

const SUBS: Record<string, Sub> = {
  show: {
    usage: 'show ACCOUNT_ID',
    args: 0,
    run: async (app, id, _r, f) => {
      const p = await profileView(app, id);
      return f.json ? p : describeProfileView(p);
    },
  },
  mute: {
    usage: 'mute ACCOUNT_ID TOPIC_ID',
    args: 1,
    run: async (app, id, [t = ''], f) => {
      const r = await muteTopic(app, id, t, ACTOR);
      return f.json ? r : changed(`muted ${t} and everything below it`)(r);
    },
  },
  unmute: {
    usage: 'unmute ACCOUNT_ID TOPIC_ID',
    args: 1,
    run: async (app, id, [t = ''], f) => {
      const r = await unmuteTopic(app, id, t, ACTOR);
      return f.json ? r : changed(`unmuted ${t}`)(r);
    },
  },
  surfaces: {
    usage: `surfaces ACCOUNT_ID [SURFACE...]   (the kinds to turn off; none turns all on: ${SURFACES.join(', ')})`,
    run: async (app, id, rest, f) => {
      const list: Surface[] = rest.map((s) => {
        const p = SurfaceSchema.safeParse(s);
        if (!p.success) throw new UsageError(`unknown surface "${s}": use ${SURFACES.join(', ')}`);
        return p.data;
      });
      const r = await setDisabledSurfaces(app, id, list, ACTOR);
      return f.json ? r : `turned off: ${r.account.disabledSurfaces.join(', ') || 'none'}\n`;
    },
  },
  'delete-interest': {
    usage: 'delete-interest ACCOUNT_ID TOPIC_ID',
    args: 1,
    run: async (app, id, [t = ''], f) => {
      const r = await deleteInterest(app, id, t, ACTOR);
      return f.json ? r : changed(`deleted interest ${t} and everything below it`)(r);
    },
  },
  reset: {
    usage: 'reset ACCOUNT_ID',
    args: 0,
    run: async (app, id, _r, f) => {
      const r = await resetProfile(app, id, ACTOR);
      return f.json ? r : changed('profile reset')(r);
    },
  },
  'opt-out': {
    usage: 'opt-out ACCOUNT_ID',
    args: 0,
    run: async (app, id, _r, f) => {
      const r = await optOut(app, id, ACTOR);
      return f.json ? r : changed('opted out: nothing more is processed')(r);
    },
  },
  'opt-in': {
    usage: 'opt-in ACCOUNT_ID',
    args: 0,
    run: async (app, id, _r, f) => {
      const r = await optIn(app, id, ACTOR);
      return f.json ? r : 'opted in again: new interactions are processed\n';
    },
  },
  notice: {
    usage: 'notice ACCOUNT_ID [--at ISO_TIME]',
    args: 0,
    run: async (app, id, _r, f) => {
      if (f.at !== undefined && Number.isNaN(Date.parse(f.at)))
        throw new UsageError(`--at "${f.at}" is not an ISO 8601 time`);
      const at = f.at === undefined ? undefined : new Date(Date.parse(f.at)).toISOString();
      const r = await recordNotice(app, id, at, ACTOR);
      return f.json ? r : `notice in force since ${r.account.noticeShownAt ?? '?'}\n`;
    },
  },
  decisions: {
    usage: 'decisions ACCOUNT_ID [--limit N]',
    args: 0,
    run: async (app, id, _r, f) => {
      const limit = f.limit === undefined ? 100 : Number(f.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 100_000)
        throw new UsageError('--limit must be 1..100000');
      const rows = await decisions(app, id, limit);
      if (f.json) return rows;
      return (
        rows
          .map(
            (d) =>
              `${new Date(d.occurredAt).toISOString()}  ${d.surface.padEnd(14)}  ${d.outcome}${d.detail === null ? '' : ` (${d.detail})`}`,
          )
          .join('\n') + (rows.length > 0 ? '\n' : 'no decisions recorded\n')
      );
    },
  },
  export: {
    usage: 'export ACCOUNT_ID   (JSON: account, profile, signals summary, decisions, setting changes)',
    args: 0,
    run: async (app, id) => exportAccount(app, id),
  },
  erase: {
    usage: 'erase ACCOUNT_ID --yes',
    args: 0,
    run: async (app, id, _r, f) => {
      if (!f.yes) throw new UsageError('erasure cannot be undone: add --yes');
      const r = await eraseAccount(app.store, id, app.now());
      return f.json
        ? r
        : `erased ${id}${r.hadAccount ? '' : ' (there was no account record; any other rows were removed)'}\n`;
    },
  },
};

const USAGE = `chatsignal account <subcommand> … [--json]\n${Object.values(SUBS)
  .map((s) => `  chatsignal account ${s.usage}`)
  .join('\n')}`;

export const controlsCommand: Command = {
  name: 'account',
  summary:
    "A person's controls: show, mute, unmute, surfaces, delete-interest, reset, opt-out/in, notice, decisions, export, erase",
  usage: USAGE,
  async run(args: string[], io: Io) {
    const { values, positionals } = parseArgs({
      args,
      options: {
        json: { type: 'boolean' },
        yes: { type: 'boolean' },
        at: { type: 'string' },
        limit: { type: 'string' },
      },
      allowPositionals: true,
    });
    const [name, id, ...rest] = positionals;
    if (name === undefined) throw new UsageError('give a subcommand');
    const sub = SUBS[name];
    if (!sub) throw new UsageError(`unknown subcommand "${name}"`);
    if (id === undefined) throw new UsageError(`usage: chatsignal account ${sub.usage}`);
    if (sub.args !== undefined && rest.length !== sub.args)
      throw new UsageError(`usage: chatsignal account ${sub.usage}`);
    const flags: Flags = {
      json: values.json ?? false,
      yes: values.yes ?? false,
      at: values.at,
      limit: values.limit,
    };
    return withApp(io, async (app) => {
      const out = await sub.run(app, id, rest, flags);
      await write(io.stdout, typeof out === 'string' ? out : JSON.stringify(out) + '\n');
      return 0;
    });
  },
};

export const tokenCommand: Command = {
  name: 'token',
  summary: 'Issue a user token that lets one person read and change only their own data',
  usage: 'chatsignal token ACCOUNT_ID [--ttl SECONDS]   (needs CHATSIGNAL_TOKEN_SECRET)',
  async run(args: string[], io: Io) {
    const { values, positionals } = parseArgs({
      args,
      options: { ttl: { type: 'string' } },
      allowPositionals: true,
    });
    const [id, ...extra] = positionals;
    if (id === undefined || extra.length > 0) throw new UsageError('give one ACCOUNT_ID');
    const ttl = values.ttl === undefined ? undefined : Number(values.ttl);
    if (ttl !== undefined && !Number.isInteger(ttl))
      throw new UsageError('--ttl must be a whole number of seconds');
    return withApp(io, async (app) => {
      if (!(await app.store.getAccount(id))) throw notFound(`account "${id}"`);
      const issued = authFor(app).issueToken(id, ttl);
      await app.store.recordSettingChange({
        accountId: id,
        at: app.now(),
        actor: ACTOR,
        action: 'token.issued',
        detail: `expires ${new Date(issued.expiresAt).toISOString()}`,
      });
      await write(io.stdout, issued.token + '\n');
      return 0;
    });
  },
};
