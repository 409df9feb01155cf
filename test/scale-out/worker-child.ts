/**
 * A worker process for the fault tests: the same code path as `chatsignal worker` (createApp +
 * openBus + runWorker), configured by environment. Run with tsx.
 *
 * CHATSIGNAL_TEST_CRASH_AFTER_COMMITS=k: SIGKILLs itself right after the k-th store commit,
 * before the ack — the worst moment, when the store has the batch and the bus does not know.
 * CHATSIGNAL_TEST_WAIT_FOR_GO=1: consumes only after a line on stdin.
 * CHATSIGNAL_TEST_VERBOSE=1: one line per batch on stderr.
 */
import { loadConfig } from '../../src/app/config.js';
import { createApp } from '../../src/app/container.js';
import { busOptions, openBus } from '../../src/app/open-bus.js';
import { openStore } from '../../src/app/open-store.js';
import { runWorker } from '../../src/app/worker.js';

const env = process.env;
const config = loadConfig(env);
const store = await openStore(config.store);
const crashAfter = Number(env.CHATSIGNAL_TEST_CRASH_AFTER_COMMITS ?? 0);
if (crashAfter > 0) {
  let commits = 0;
  const commit = store.commitBatch.bind(store);
  store.commitBatch = async (batch) => {
    const r = await commit(batch);
    if (++commits >= crashAfter) process.kill(process.pid, 'SIGKILL');
    return r;
  };
}
const app = await createApp(config, { store });
const bus = await openBus(config.bus, {
  ...busOptions(config),
  subjectPrefix: env.CHATSIGNAL_TEST_SUBJECT_PREFIX,
  ackWaitMs: Number(env.CHATSIGNAL_TEST_ACK_WAIT_MS ?? 2_000),
});
const stop = new AbortController();
process.on('SIGTERM', () => stop.abort());
process.on('SIGINT', () => stop.abort());
process.stdout.write('ready\n');
if (env.CHATSIGNAL_TEST_WAIT_FOR_GO === '1') {
  // Started early to hide its start-up time, but held until the test says go.
  await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
  process.stdin.destroy();
}
const stats = await runWorker(app, bus, {
  batchSize: config.batchSize,
  signal: stop.signal,
  waitMs: 1_000,
  onError: (err) => process.stderr.write(`worker error: ${(err as Error).message}\n`),
  onBatch:
    env.CHATSIGNAL_TEST_VERBOSE === '1'
      ? (r) =>
          process.stderr.write(
            `[${process.pid}] batch ${r.events} in ${r.ms.toFixed(0)} ms, t=${Date.now() % 100_000}\n`,
          )
      : undefined,
});
process.stdout.write(`stats ${JSON.stringify(stats)}\n`);
await bus.close();
await app.close();
