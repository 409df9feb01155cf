import { AppError, invalidInput, notFound } from '../core/errors.js';
import { AccountSchema, type Account } from '../core/model/account.js';
import { SURFACE_PHRASES, type Surface } from '../core/model/event.js';
import type { Profile, ProfileInterest, Signal } from '../core/profile/types.js';
import type { Taxonomy } from '../core/taxonomy/taxonomy.js';
import type { AuditRecord, SettingChange, Store } from '../ports/store.js';
import type { App } from './container.js';

/**
 * The person's controls over what chatsignal holds about them, shared by the HTTP routes and
 * the CLI. Every change of a setting is kept as a dated record (who, what, when) that the
 * export includes; erasure removes those records with everything else.
 */
export type ControlsApp = Pick<App, 'store' | 'taxonomy' | 'policy' | 'now' | 'profile'>;

/** Who made a change: an API role ("admin"), "user" (the person, with their token) or "cli". */
export type Actor = string;

const EXPORT_DECISIONS_LIMIT = 100_000;

const locks = new WeakMap<Store, Map<string, Promise<unknown>>>();

/**
 * Runs read-modify-write changes of one account one after the other, so that two requests at
 * once (a mute and a surface change) cannot undo each other. In-process only: several API
 * processes on one PostgreSQL database can still race (see docs/policy.md).
 */
async function serially<T>(store: Store, accountId: string, fn: () => Promise<T>): Promise<T> {
  let byId = locks.get(store);
  if (!byId) {
    byId = new Map();
    locks.set(store, byId);
  }
  const prev = byId.get(accountId) ?? Promise.resolve();
  const run = prev.then(fn, fn);
  const tail = run.catch(() => undefined);
  byId.set(accountId, tail);
  void tail.then(() => {
    if (byId.get(accountId) === tail) byId.delete(accountId);
  });
  return run;
}

async function requireAccount(app: ControlsApp, accountId: string): Promise<Account> {
  const a = await app.store.getAccount(accountId);
  if (!a) throw notFound(`account "${accountId}"`);
  return a;
}

async function record(
  app: ControlsApp,
  accountId: string,
  actor: Actor,
  action: string,
  detail: string,
): Promise<void> {
  await app.store.recordSettingChange({ accountId, at: app.now(), actor, action, detail });
}

/** The node ids of `topicId` and everything below it; 400 when the taxonomy does not know it. */
export function topicAndDescendants(taxonomy: Taxonomy, topicId: string): string[] {
  const node = taxonomy.get(topicId);
  if (!node) {
    throw invalidInput(
      `unknown topic "${topicId}": use an IAB Content Taxonomy 3.1 id such as "653" (Camping)`,
      [{ path: 'topicId', message: 'not in the taxonomy' }],
    );
  }
  return taxonomy.descendantsOf(topicId).map((n) => n.id);
}

// ---------------------------------------------------------------------------------------------
// Accounts service: the PUT /v1/accounts/:id logic with its consequences.

export interface UpsertResult {
  account: Account;
  created: boolean;
  /** Signals deleted as a consequence of the change. */
  purged: number;
}

/**
 * Creates or replaces an account and applies what the change means for data already held:
 * removing every linked ad account, opting out or muting a topic deletes the signals concerned.
 */
export async function upsertAccount(app: ControlsApp, input: Account, actor: Actor): Promise<UpsertResult> {
  return serially(app.store, input.accountId, async () => {
    const account = AccountSchema.parse(input);
    const id = account.accountId;
    if ((await app.store.erasedAccounts([id])).has(id)) {
      // SAFETY: an erased id stays erased; a new record under it would never be processed anyway.
      throw new AppError(
        409,
        'conflict',
        `account "${id}" was erased and cannot be created again: use a new id`,
      );
    }
    for (const t of account.mutedTopics) topicAndDescendants(app.taxonomy, t);
    const before = await app.store.getAccount(id);
    await app.store.upsertAccount(account);
    if (!before) {
      await record(app, id, actor, 'account.created', summarizeAccount(account));
      return { account, created: true, purged: 0 };
    }
    let purged = 0;
    const changed = changedFields(before, account);
    if (changed.length > 0) await record(app, id, actor, 'account.updated', `changed: ${changed.join(', ')}`);
    if (before.linkedAdAccounts.length > 0 && account.linkedAdAccounts.length === 0) {
      // Signals are not attributed to one link, so only removing the last link purges them.
      const n = await app.store.deleteSignals(id);
      purged += n;
      await record(
        app,
        id,
        actor,
        'ad-accounts.unlinked',
        `all ad accounts unlinked; deleted ${n} signal(s)`,
      );
    }
    if (!before.optedOut && account.optedOut && app.policy.allowOptOut) {
      const n = await app.store.deleteSignals(id);
      purged += n;
      await record(app, id, actor, 'opt-out', `deleted ${n} signal(s)`);
    }
    const newlyMuted = account.mutedTopics.filter((t) => !before.mutedTopics.includes(t));
    for (const t of newlyMuted) {
      const n = await app.store.deleteSignals(id, topicAndDescendants(app.taxonomy, t));
      purged += n;
      await record(app, id, actor, 'mute', `${t}; deleted ${n} signal(s)`);
    }
    return { account, created: false, purged };
  });
}

function summarizeAccount(a: Account): string {
  return [
    `region: ${a.region ?? 'unknown'}`,
    `birthYear: ${a.birthYear === null || a.birthYear === undefined ? 'unknown' : 'set'}`,
    `linked ad accounts: ${a.linkedAdAccounts.length}`,
    `optedOut: ${a.optedOut}`,
  ].join('; ');
}

function changedFields(a: Account, b: Account): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof Account>;
  return [...keys].filter((k) => JSON.stringify(a[k] ?? null) !== JSON.stringify(b[k] ?? null)).sort();
}

// ---------------------------------------------------------------------------------------------
// The profile in plain language.

export interface InterestView extends ProfileInterest {
  /** One sentence saying where the interest came from. */
  why: string;
}

export interface ProfileView extends Omit<Profile, 'interests'> {
  interests: InterestView[];
  mutedTopics: { id: string; name: string }[];
  disabledSurfaces: Surface[];
  optedOut: boolean;
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const list = (xs: readonly string[]) =>
  xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;

/** "You said you are interested in this. Seen in 3 interactions (chats and voice, in whatsapp) from … to …." */
export function why(i: ProfileInterest): string {
  const times = i.evidence === 1 ? '1 interaction' : `${i.evidence} interactions`;
  const where = list(i.surfaces.map((s) => SURFACE_PHRASES[s]));
  const apps = i.contexts.length > 0 ? `, in ${list(i.contexts)}` : '';
  const when =
    day(i.firstSeen) === day(i.lastSeen)
      ? `on ${day(i.lastSeen)}`
      : `from ${day(i.firstSeen)} to ${day(i.lastSeen)}`;
  const lead = i.declared ? 'You said you are interested in this.' : 'Inferred from what you talked about.';
  return `${lead} Seen in ${times} (${where}${apps}) ${when}. Filed under ${i.path.join(' › ')}.`;
}

export async function profileView(app: ControlsApp, accountId: string): Promise<ProfileView> {
  const account = await requireAccount(app, accountId);
  const p = await app.profile(accountId);
  return {
    accountId: p.accountId,
    asOf: p.asOf,
    interests: p.interests.map((i) => ({ ...i, why: why(i) })),
    mutedTopics: account.mutedTopics.map((id) => ({ id, name: app.taxonomy.get(id)?.name ?? id })),
    disabledSurfaces: account.disabledSurfaces,
    optedOut: account.optedOut,
  };
}

// ---------------------------------------------------------------------------------------------
// Controls.

export interface ControlResult {
  account: Account;
  /** Signals deleted by this change. */
  deleted: number;
}

/** Mutes a topic and everything below it: deletes its signals and blocks it from now on. */
export async function muteTopic(
  app: ControlsApp,
  accountId: string,
  topicId: string,
  actor: Actor,
): Promise<ControlResult> {
  return serially(app.store, accountId, async () => {
    const ids = topicAndDescendants(app.taxonomy, topicId);
    const a = await requireAccount(app, accountId);
    const account = a.mutedTopics.includes(topicId) ? a : { ...a, mutedTopics: [...a.mutedTopics, topicId] };
    if (account !== a) await app.store.upsertAccount(account);
    const deleted = await app.store.deleteSignals(accountId, ids);
    await record(app, accountId, actor, 'mute', `${topicId}; deleted ${deleted} signal(s)`);
    return { account, deleted };
  });
}

export async function unmuteTopic(
  app: ControlsApp,
  accountId: string,
  topicId: string,
  actor: Actor,
): Promise<ControlResult> {
  return serially(app.store, accountId, async () => {
    topicAndDescendants(app.taxonomy, topicId);
    const a = await requireAccount(app, accountId);
    if (!a.mutedTopics.includes(topicId)) {
      const through = a.mutedTopics.find((t) => app.taxonomy.isWithin(topicId, t));
      if (through !== undefined) {
        throw new AppError(
          409,
          'conflict',
          `topic "${topicId}" is muted through "${through}" (${app.taxonomy.get(through)?.name ?? through}): unmute that one`,
        );
      }
      return { account: a, deleted: 0 };
    }
    const account = { ...a, mutedTopics: a.mutedTopics.filter((t) => t !== topicId) };
    await app.store.upsertAccount(account);
    await record(app, accountId, actor, 'unmute', topicId);
    return { account, deleted: 0 };
  });
}

/**
 * Replaces the list of kinds of interaction the person turned off. New events from them are
 * excluded by the gate, and signals already held from them stop counting in the profile at once.
 */
export async function setDisabledSurfaces(
  app: ControlsApp,
  accountId: string,
  disabled: readonly Surface[],
  actor: Actor,
): Promise<ControlResult> {
  return serially(app.store, accountId, async () => {
    const a = await requireAccount(app, accountId);
    const account = { ...a, disabledSurfaces: [...new Set(disabled)].sort() };
    await app.store.upsertAccount(account);
    await record(
      app,
      accountId,
      actor,
      'surfaces',
      `disabled: ${account.disabledSurfaces.join(', ') || 'none'}`,
    );
    return { account, deleted: 0 };
  });
}

/** Deletes one interest (and everything below it) without blocking it in future. */
export async function deleteInterest(
  app: ControlsApp,
  accountId: string,
  topicId: string,
  actor: Actor,
): Promise<ControlResult> {
  const ids = topicAndDescendants(app.taxonomy, topicId);
  const account = await requireAccount(app, accountId);
  const deleted = await app.store.deleteSignals(accountId, ids);
  await record(app, accountId, actor, 'interest.deleted', `${topicId}; deleted ${deleted} signal(s)`);
  return { account, deleted };
}

/** Deletes every signal: the profile starts again from nothing. */
export async function resetProfile(
  app: ControlsApp,
  accountId: string,
  actor: Actor,
): Promise<ControlResult> {
  const account = await requireAccount(app, accountId);
  const deleted = await app.store.deleteSignals(accountId);
  await record(app, accountId, actor, 'reset', `deleted ${deleted} signal(s)`);
  return { account, deleted };
}

export async function optOut(app: ControlsApp, accountId: string, actor: Actor): Promise<ControlResult> {
  return serially(app.store, accountId, async () => {
    const a = await requireAccount(app, accountId);
    if (!app.policy.allowOptOut) {
      // Recording an opt-out that the gate then ignores would tell the person something false.
      throw new AppError(
        409,
        'conflict',
        'the policy in force (allowOptOut: false) does not let people opt out; mute topics, turn off kinds of interaction, or erase the account instead',
      );
    }
    const account = { ...a, optedOut: true };
    await app.store.upsertAccount(account);
    const deleted = await app.store.deleteSignals(accountId);
    await record(app, accountId, actor, 'opt-out', `deleted ${deleted} signal(s)`);
    return { account, deleted };
  });
}

export async function optIn(app: ControlsApp, accountId: string, actor: Actor): Promise<ControlResult> {
  return serially(app.store, accountId, async () => {
    const a = await requireAccount(app, accountId);
    const account = { ...a, optedOut: false };
    await app.store.upsertAccount(account);
    await record(app, accountId, actor, 'opt-in', 'processing resumes for new interactions');
    return { account, deleted: 0 };
  });
}

/**
 * Records that the notice was shown. The earliest showing is kept: interactions after it
 * count, and showing the notice again must not drop them.
 */
export async function recordNotice(
  app: ControlsApp,
  accountId: string,
  shownAt: string | undefined,
  actor: Actor,
): Promise<ControlResult> {
  return serially(app.store, accountId, async () => {
    const a = await requireAccount(app, accountId);
    const at = shownAt ?? new Date(app.now()).toISOString();
    const prev = a.noticeShownAt;
    const keep = prev !== null && prev !== undefined && Date.parse(prev) <= Date.parse(at) ? prev : at;
    const account = { ...a, noticeShownAt: keep };
    await app.store.upsertAccount(account);
    await record(app, accountId, actor, 'notice', `shown at ${at}; in force since ${keep}`);
    return { account, deleted: 0 };
  });
}

/** The gate's decisions about the account's events: outcome and reason, never text. */
export async function decisions(app: ControlsApp, accountId: string, limit: number): Promise<AuditRecord[]> {
  await requireAccount(app, accountId);
  return app.store.auditFor(accountId, limit);
}

// ---------------------------------------------------------------------------------------------
// Export and erasure.

export interface SignalSummary {
  total: number;
  byInterest: {
    id: string;
    name: string;
    signals: number;
    positive: number;
    negative: number;
    firstSeen: number;
    lastSeen: number;
    surfaces: Surface[];
    contexts: string[];
  }[];
}

export interface AccountExport {
  exportedAt: number;
  account: Account;
  profile: ProfileView;
  signals: SignalSummary;
  decisions: AuditRecord[];
  settingChanges: SettingChange[];
}

export function summarizeSignals(taxonomy: Taxonomy, signals: readonly Signal[]): SignalSummary {
  const by = new Map<string, SignalSummary['byInterest'][number]>();
  for (const s of signals) {
    let e = by.get(s.nodeId);
    if (!e) {
      e = {
        id: s.nodeId,
        name: taxonomy.get(s.nodeId)?.name ?? s.nodeId,
        signals: 0,
        positive: 0,
        negative: 0,
        firstSeen: s.occurredAt,
        lastSeen: s.occurredAt,
        surfaces: [],
        contexts: [],
      };
      by.set(s.nodeId, e);
    }
    e.signals++;
    if (s.weight >= 0) e.positive++;
    else e.negative++;
    e.firstSeen = Math.min(e.firstSeen, s.occurredAt);
    e.lastSeen = Math.max(e.lastSeen, s.occurredAt);
    if (!e.surfaces.includes(s.surface)) e.surfaces.push(s.surface);
    if (!e.contexts.includes(s.context)) e.contexts.push(s.context);
  }
  const byInterest = [...by.values()]
    .map((e) => ({ ...e, surfaces: e.surfaces.sort(), contexts: e.contexts.sort() }))
    .sort((x, y) => y.signals - x.signals || x.id.localeCompare(y.id));
  return { total: signals.length, byInterest };
}

/** Everything held about the account, as one JSON document. Nothing here holds message text. */
export async function exportAccount(app: ControlsApp, accountId: string): Promise<AccountExport> {
  const account = await requireAccount(app, accountId);
  const [profile, signals, audit, settingChanges] = await Promise.all([
    profileView(app, accountId),
    app.store.signalsFor(accountId),
    app.store.auditFor(accountId, EXPORT_DECISIONS_LIMIT),
    app.store.settingChanges(accountId),
  ]);
  return {
    exportedAt: app.now(),
    account,
    profile,
    signals: summarizeSignals(app.taxonomy, signals),
    decisions: audit,
    settingChanges,
  };
}

/**
 * Erases everything about the account, including its setting history, and leaves a tombstone
 * (a hash) so that replayed events change nothing. Works for ids with no account record too,
 * since audit rows may exist for events about an unknown account.
 */
export async function eraseAccount(
  store: Pick<Store, 'getAccount' | 'eraseAccount'>,
  accountId: string,
  at: number,
): Promise<{ accountId: string; erased: true; hadAccount: boolean }> {
  const hadAccount = (await store.getAccount(accountId)) !== undefined;
  await store.eraseAccount(accountId, at);
  return { accountId, erased: true, hadAccount };
}
