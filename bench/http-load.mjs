// The load generator of bench/http.bench.ts, run as a second process: sends GET requests at a
// fixed rate for a bounded time to a server on loopback and prints latency percentiles as JSON.
import http from 'node:http';

const [base, key, idsCsv, rateArg, secondsArg] = process.argv.slice(2);
const ids = idsCsv.split(',');
const rate = Number(rateArg);
const seconds = Number(secondsArg);
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
const latencies = [];
let errors = 0;
let sent = 0;

function once(path) {
  return new Promise((resolve) => {
    const t0 = process.hrtime.bigint();
    const req = http.get(`${base}${path}`, { agent, headers: { authorization: `Bearer ${key}` } }, (res) => {
      res.resume();
      res.on('end', () => {
        if (res.statusCode !== 200) errors++;
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
        resolve();
      });
    });
    req.on('error', () => {
      errors++;
      resolve();
    });
  });
}

const pending = [];
const start = performance.now();
const total = rate * seconds;
// Open-loop schedule: request i leaves at i/rate seconds whatever the previous answers did.
while (sent < total) {
  const due = start + (sent * 1000) / rate;
  const wait = due - performance.now();
  if (wait > 1) await new Promise((r) => setTimeout(r, wait));
  pending.push(once(`/v1/accounts/${ids[sent % ids.length]}/ads`));
  sent++;
}
await Promise.all(pending);
const elapsed = (performance.now() - start) / 1000;
latencies.sort((a, b) => a - b);
const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
console.log(
  JSON.stringify({
    sent,
    errors,
    achievedRate: sent / elapsed,
    p50: pct(50),
    p90: pct(90),
    p99: pct(99),
    max: latencies.at(-1),
  }),
);
agent.destroy();
