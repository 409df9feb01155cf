import { randomBytes } from 'node:crypto';
import { notFound } from '../core/errors.js';
import type { Account } from '../core/model/account.js';
import type { Policy } from '../core/model/policy.js';
import type { PipelineDeps } from '../core/pipeline.js';
import { youngestAge } from '../core/gate/gate.js';
import { buildProfile } from '../core/profile/profile.js';
import type { Profile } from '../core/profile/types.js';
import type { Taxonomy } from '../core/taxonomy/taxonomy.js';
import { redact } from '../core/understand/redact.js';
import type { Store } from '../ports/store.js';
import { loadTaxonomy } from './assets.js';
import type { Config } from './config.js';
import { ingestBatch, InFlightKeys, type IngestReport } from './ingest.js';
import { Metrics } from './metrics.js';
import { openStore } from './open-store.js';
import { busOptions, openBus } from './open-bus.js';
import type { Bus } from '../ports/bus.js';
import { understanderFor } from './understander.js';
import { UnderstandPool } from './understand-pool.js';
import { loadPolicy } from './policy-file.js';
import { createServing, type Serving } from './serving.js';

/** Everything a command or request handler needs, built once: the composition root. */
export interface App {
  config: Config;
  policy: Policy;
  taxonomy: Taxonomy;
  store: Store;
  metrics: Metrics;
  pipeline: PipelineDeps;
  /**
   * Worker threads for the redact + understand step of ingest (CHATSIGNAL_UNDERSTAND_THREADS);
   * undefined when it runs on the main thread. They start on the first large batch; `start()`
   * warms them up earlier.
   */
  understandPool: UnderstandPool | undefined;
  now: () => number;
  ingest(raws: readonly unknown[], pathPrefix?: string): Promise<IngestReport>;
  account(accountId: string): Promise<Account>;
  profile(accountId: string): Promise<Profile>;
  serving: Serving;
  /** The stream events go through in scale-out mode; opened on first use. */
  bus(): Promise<Bus>;
  close(): Promise<void>;
}

export interface AppOverrides {
  store?: Store;
  policy?: Policy;
  now?: () => number;
  /** Instead of the pool built from the configuration (tests); close() still stops it. */
  understandPool?: UnderstandPool;
}

export async function createApp(config: Config, overrides: AppOverrides = {}): Promise<App> {
  const taxonomy = loadTaxonomy();
  const policy = overrides.policy ?? loadPolicy(config.policyPath);
  const store = overrides.store ?? (await openStore(config.store));
  const now = overrides.now ?? Date.now;
  const metrics = new Metrics();
  const pipeline: PipelineDeps = { policy, taxonomy, redact, understand: understanderFor(taxonomy) };
  const understandPool =
    overrides.understandPool ??
    (config.understandThreads > 0
      ? new UnderstandPool({
          threads: config.understandThreads,
          onWorkerFailure: () =>
            metrics.inc(
              'chatsignal_understand_worker_failures_total',
              'Understand worker threads that stopped or could not start',
            ),
        })
      : undefined);
  const inFlight = new InFlightKeys();

  const account = async (accountId: string) => {
    const a = await store.getAccount(accountId);
    if (!a) throw notFound(`account "${accountId}"`);
    return a;
  };

  /** The profile of an account already loaded: the serving path reads each account once. */
  const profileOf = async (a: Account): Promise<Profile> => {
    const t = now();
    // SAFETY: an unknown birth year counts as age 0 for age-restricted topics.
    const age = a.birthYear == null ? 0 : youngestAge(a.birthYear, new Date(t).toISOString());
    return buildProfile(a.accountId, await store.signalsFor(a.accountId), {
      now: t,
      policy,
      taxonomy,
      mutedTopics: a.mutedTopics,
      disabledSurfaces: a.disabledSurfaces,
      age,
    });
  };
  const profile = async (accountId: string): Promise<Profile> => profileOf(await account(accountId));

  let bus: Promise<Bus> | undefined;
  const getBus = () => {
    bus ??= openBus(config.bus, busOptions(config));
    return bus;
  };

  return {
    config,
    policy,
    taxonomy,
    store,
    metrics,
    pipeline,
    understandPool,
    now,
    ingest: (raws, pathPrefix) =>
      ingestBatch(raws, { store, pipeline, metrics, now, pool: understandPool, inFlight }, pathPrefix),
    account,
    profile,
    serving: createServing({
      store,
      taxonomy,
      policy,
      now,
      profileOf,
      account,
      // A per-process secret suffices on one node; API nodes behind a balancer share the configured one.
      secret: config.tokenSecret ?? randomBytes(32).toString('base64url'),
    }),
    bus: getBus,
    async close() {
      await understandPool?.close();
      if (bus) await (await bus).close();
      await store.close();
    },
  };
}
