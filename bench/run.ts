// Runs every benchmark, each in its own process so that one's heap cannot slow the next, prints
// the figures and writes bench/RESULTS.md. `npm run bench -- select http` runs only those.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';

const BENCHES = ['classify', 'select', 'http', 'ingest'] as const;
const only = new Set(process.argv.slice(2));

const machine = [
  `- date: ${new Date().toISOString()}`,
  `- node ${process.version}, ${process.platform}/${process.arch}`,
  `- ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB memory`,
  `- load average at start: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
].join('\n');

const sections: string[] = [`# Benchmark results\n\n${machine}\n`];
let failed = false;
for (const name of BENCHES) {
  if (only.size > 0 && !only.has(name)) continue;
  console.log(`\n== ${name}`);
  const file = join(import.meta.dirname, `${name}.bench.ts`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', file], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  console.log(r.stdout);
  if (r.status !== 0) {
    failed = true;
    console.error(`${name} bench failed (exit ${r.status})`);
  }
  sections.push(`## ${name}\n\n${r.stdout.trim()}\n`);
}
if (only.size === 0 && !failed) {
  writeFileSync(join(import.meta.dirname, 'RESULTS.md'), sections.join('\n'));
  console.log('\nwrote bench/RESULTS.md');
}
process.exitCode = failed ? 1 : 0;
