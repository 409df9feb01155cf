import type { FastifyInstance, RouteOptions } from 'fastify';
import { z } from 'zod';
import type { App } from '../../app/container.js';
import type { TaxonomyNode } from '../../core/taxonomy/taxonomy.js';
import { TOPIC_ALIASES } from '../console-aliases.js';
import { parseWith } from '../parse.js';

/**
 * Read-only aggregates the web console needs beyond the core API: the policy notice, taxonomy
 * search and operations stats (audience estimates and delivery live in ads.ts). Routes another module already
 * registered (the same method and URL) are left to it.
 */

/** How long one snapshot of every account's profile (for the stats) is reused. */
const SNAPSHOT_TTL_MS = 10_000;
/** Accounts sampled for language and surface shares (their latest audit rows). */
const AUDIT_SAMPLE_ACCOUNTS = 2_000;
const AUDIT_ROWS_PER_ACCOUNT = 50;

interface PersonSummary {
  region: string;
  /** The account's five strongest interests. */
  top: { id: string; name: string }[];
}

interface Snapshot {
  at: number;
  people: PersonSummary[];
  languages: Record<string, number>;
  surfaces: Record<string, number>;
}

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();

interface SearchHit {
  node: TaxonomyNode;
  rank: number;
  alias?: string;
}

/** Builds the search index once: folded English names and paths, plus aliases by node. */
function taxonomySearch(app: App) {
  const nodes = [...app.taxonomy.nodes.values()];
  const aliasesByNode = new Map<string, string[]>();
  for (const n of nodes) {
    const list = TOPIC_ALIASES[n.name];
    if (list) aliasesByNode.set(n.id, [...list]);
  }
  const folded = nodes.map((n) => ({
    node: n,
    name: fold(n.name),
    path: fold(n.path.join(' ')),
    aliases: (aliasesByNode.get(n.id) ?? []).map((a) => ({ raw: a, folded: fold(a) })),
  }));
  return (q: string, limit: number): SearchHit[] => {
    const f = fold(q);
    if (f === '') return [];
    const hits: SearchHit[] = [];
    for (const e of folded) {
      let rank = -1;
      let alias: string | undefined;
      if (e.name === f) rank = 0;
      else if (e.name.startsWith(f)) rank = 1;
      else if (e.name.includes(f)) rank = 2;
      for (const a of e.aliases) {
        const r = a.folded === f ? 0 : a.folded.startsWith(f) ? 1 : a.folded.includes(f) ? 3 : -1;
        if (r >= 0 && (rank < 0 || r < rank)) {
          rank = r;
          alias = a.raw;
        }
      }
      if (rank < 0 && e.path.includes(f)) rank = 4;
      if (rank >= 0) hits.push({ node: e.node, rank, ...(alias === undefined ? {} : { alias }) });
    }
    hits.sort(
      (a, b) => a.rank - b.rank || a.node.tier - b.node.tier || a.node.name.localeCompare(b.node.name),
    );
    return hits.slice(0, limit);
  };
}

const nodeView = (n: TaxonomyNode, alias?: string) => ({
  id: n.id,
  name: n.name,
  path: n.path,
  tier: n.tier,
  sensitive: n.sensitive,
  adEligible: n.adEligible,
  minAge: n.minAge,
  ...(n.sensitive !== null
    ? { reason: `sensitive category (${n.sensitive.replace(/_/g, ' ')}): never used for ads` }
    : !n.adEligible
      ? { reason: 'not ad-eligible (brand safety)' }
      : {}),
  ...(alias === undefined ? {} : { matched: alias }),
});

const TaxonomyQuery = z
  .object({
    q: z.string().max(100).optional(),
    ids: z.string().max(5000).optional().describe('comma-separated ids to look up'),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();

/** Registers a route unless another module has the same method and URL already. */
function route(server: FastifyInstance, opts: RouteOptions): void {
  const method = Array.isArray(opts.method) ? opts.method[0]! : opts.method;
  if (server.hasRoute({ method, url: opts.url })) return;
  server.route(opts);
}

export function consoleApiRoutes(server: FastifyInstance, app: App): void {
  const search = taxonomySearch(app);
  let snapshot: Promise<Snapshot> | undefined;

  async function buildSnapshot(): Promise<Snapshot> {
    const t = app.now();
    const people: PersonSummary[] = [];
    const languages: Record<string, number> = {};
    const surfaces: Record<string, number> = {};
    const page = 500;
    for (let offset = 0; ; offset += page) {
      const accounts = await app.store.listAccounts(offset, page);
      for (const a of accounts) {
        const profile = await app.profile(a.accountId);
        people.push({
          region: a.region ?? 'ZZ',
          top: profile.interests.slice(0, 5).map((i) => ({ id: i.id, name: i.name })),
        });
        if (people.length <= AUDIT_SAMPLE_ACCOUNTS) {
          for (const r of await app.store.auditFor(a.accountId, AUDIT_ROWS_PER_ACCOUNT)) {
            languages[r.lang] = (languages[r.lang] ?? 0) + 1;
            surfaces[r.surface] = (surfaces[r.surface] ?? 0) + 1;
          }
        }
      }
      if (accounts.length < page) break;
    }
    return { at: t, people, languages, surfaces };
  }

  /** One snapshot at a time, reused for a few seconds: profiles of every account are costly. */
  async function population(): Promise<Snapshot> {
    const cur = snapshot;
    if (cur) {
      const s = await cur.catch(() => undefined);
      if (s && app.now() - s.at < SNAPSHOT_TTL_MS) return s;
      if (snapshot !== cur) return population();
    }
    const next = buildSnapshot();
    snapshot = next;
    next.catch(() => {
      if (snapshot === next) snapshot = undefined;
    });
    return next;
  }

  route(server, {
    method: 'GET',
    url: '/v1/policy',
    config: { access: 'public' },
    handler: async () => {
      const p = app.policy;
      return {
        effectiveDate: p.effectiveDate,
        minimumAge: p.minimumAge,
        excludedRegions: p.excludedRegions,
        requireLinkedAdAccount: p.requireLinkedAdAccount,
        requireNotice: p.requireNotice,
        allowOptOut: p.allowOptOut,
        retentionDays: p.retentionDays,
        halfLifeDays: p.halfLifeDays,
        groupChat: p.groupChat,
      };
    },
  });

  route(server, {
    method: 'GET',
    url: '/v1/taxonomy',
    config: { access: 'advertiser' },
    handler: async (request) => {
      const q = parseWith(TaxonomyQuery, request.query, 'query');
      if (q.ids !== undefined) {
        const nodes = q.ids
          .split(',')
          .map((id) => app.taxonomy.get(id.trim()))
          .filter((n): n is TaxonomyNode => n !== undefined);
        return { nodes: nodes.map((n) => nodeView(n)) };
      }
      if (q.q === undefined || q.q.trim() === '') {
        const top = [...app.taxonomy.nodes.values()].filter((n) => n.tier === 1);
        top.sort((a, b) => a.name.localeCompare(b.name));
        return { nodes: top.slice(0, q.limit).map((n) => nodeView(n)) };
      }
      return { nodes: search(q.q, q.limit).map((h) => nodeView(h.node, h.alias)) };
    },
  });

  route(server, {
    method: 'GET',
    url: '/v1/stats',
    config: { access: 'admin' },
    handler: async () => {
      const [outcomes, s] = await Promise.all([app.store.outcomeCounts(), population()]);
      const eventsTotal = Object.values(outcomes).reduce((a, b) => a + b, 0);
      const tally = new Map<string, Map<string, { name: string; accounts: number }>>();
      for (const p of s.people) {
        if (p.top.length === 0) continue;
        const byNode = tally.get(p.region) ?? new Map<string, { name: string; accounts: number }>();
        tally.set(p.region, byNode);
        for (const i of p.top) {
          const e = byNode.get(i.id) ?? { name: i.name, accounts: 0 };
          e.accounts++;
          byNode.set(i.id, e);
        }
      }
      const topInterestsByCountry = [...tally]
        .map(([country, byNode]) => ({
          country,
          accounts: s.people.filter((p) => p.region === country && p.top.length > 0).length,
          interests: [...byNode]
            .map(([id, e]) => ({ id, ...e }))
            .sort((a, b) => b.accounts - a.accounts || a.id.localeCompare(b.id))
            .slice(0, 5),
        }))
        .sort((a, b) => b.accounts - a.accounts || a.country.localeCompare(b.country));
      return {
        asOf: app.now(),
        snapshotAt: s.at,
        eventsTotal,
        outcomes,
        accounts: s.people.length,
        languages: s.languages,
        surfaces: s.surfaces,
        topInterestsByCountry,
      };
    },
  });
}
