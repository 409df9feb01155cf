/**
 * Ad selection over HTTP: the API serves a demo world (2,000 accounts, 200 campaigns) from an
 * embedded store, and a second process sends GET /v1/accounts/:id/ads at 1,000 requests/s for
 * 10 s on loopback. Three runs; medians of p50/p99. Run with `npx tsx bench/http.bench.ts`.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/app/config.js';
import { createApp } from '../src/app/container.js';
import { loadWorld } from '../src/app/demo.js';
import { generateWorld } from '../src/demo/generate-world.js';
import { buildServer } from '../src/http/server.js';

const RATE = 1_000;
const SECONDS = 10;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const KEY = 'bench-admin-key-0123456789abcdef';

interface LoadResult {
  sent: number;
  errors: number;
  achievedRate: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

function runLoad(base: string, ids: string[]): Promise<LoadResult> {
  const script = fileURLToPath(new URL('./http-load.mjs', import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, base, KEY, ids.join(','), String(RATE), String(SECONDS)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out) as LoadResult) : reject(new Error(`load exited ${code}`)),
    );
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

export async function benchHttp(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'chatsignal-http-bench-'));
  const app = await createApp(
    loadConfig({
      CHATSIGNAL_STORE: `sqlite:${join(dir, 'bench.db')}`,
      CHATSIGNAL_ADMIN_KEY: KEY,
      CHATSIGNAL_LOG_LEVEL: 'silent',
    }),
  );
  try {
    let world: ReturnType<typeof generateWorld> | undefined = generateWorld({ seed: 42 });
    await loadWorld(app, world);
    const ids = world.accounts.map((a) => a.accountId);
    const campaigns = world.campaigns.length;
    // Drop the generated texts: the server's heap should hold what a server holds.
    world = undefined;
    const server = await buildServer(app);
    const base = await server.listen({ host: '127.0.0.1', port: 0 });
    // Warm-up: JIT, page cache, the campaign index.
    await runLoad(base, ids.slice(0, 200)).catch(() => undefined);
    const runs: LoadResult[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(await runLoad(base, ids));
    await server.close();
    const rows = runs.map(
      (r, i) =>
        `| ${i + 1} | ${r.sent} | ${r.achievedRate.toFixed(0)} | ${r.errors} | ${r.p50.toFixed(2)} | ${r.p90.toFixed(2)} | ${r.p99.toFixed(2)} | ${r.max.toFixed(1)} |`,
    );
    return [
      `GET /v1/accounts/:id/ads, ${RATE} requests/s for ${SECONDS} s from a second process on loopback, 2,000 accounts, ${campaigns} campaigns offered (SQLite).`,
      '',
      '| run | requests | achieved/s | errors | p50 ms | p90 ms | p99 ms | max ms |',
      '|---:|---:|---:|---:|---:|---:|---:|---:|',
      ...rows,
      '',
      `Median p50 ${median(runs.map((r) => r.p50)).toFixed(2)} ms, median p99 ${median(runs.map((r) => r.p99)).toFixed(2)} ms (target p99 ≤ 10 ms).`,
    ].join('\n');
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await benchHttp());
