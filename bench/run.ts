// Runs every benchmark in one process run, prints the figures and writes bench/RESULTS.md.
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { benchClassify } from './classify.bench.js';
import { benchHttp } from './http.bench.js';
import { benchIngest } from './ingest.bench.js';
import { benchSelect } from './select.bench.js';

const only = new Set(process.argv.slice(2));
const benches: [string, () => Promise<string>][] = [
  ['classify', benchClassify],
  ['select', benchSelect],
  ['http', benchHttp],
  ['ingest', benchIngest],
];

const machine = [
  `- date: ${new Date().toISOString()}`,
  `- node ${process.version}, ${process.platform}/${process.arch}`,
  `- ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB memory`,
].join('\n');

const sections: string[] = [`# Benchmark results\n\n${machine}\n`];
for (const [name, run] of benches) {
  if (only.size > 0 && !only.has(name)) continue;
  console.log(`\n== ${name}`);
  const out = await run();
  console.log(out);
  sections.push(`## ${name}\n\n${out}\n`);
}
if (only.size === 0) {
  writeFileSync(join(import.meta.dirname, 'RESULTS.md'), sections.join('\n'));
  console.log('\nwrote bench/RESULTS.md');
}
