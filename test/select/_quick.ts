import { performance } from 'node:perf_hooks';
import { loadTaxonomy } from '../../src/app/assets.js';
import { createCampaignIndex } from '../../src/core/select/index.js';
import { createLinearScan } from '../../src/core/select/match.js';
import { mulberry32 } from '../../src/core/select/prng.js';
import { COUNTRIES, makeCampaigns, makeProfile, makeRequest, worldNodes } from './world.js';
const tax = loadTaxonomy(); const w = worldNodes(tax);
const rng = mulberry32(1);
const campaigns = makeCampaigns(mulberry32(100000), w, 100000);
let t0 = performance.now();
const index = createCampaignIndex(tax, campaigns);
console.log('build', performance.now() - t0);
const lin = createLinearScan(tax, campaigns);
const profiles = Array.from({length: 50}, (_, i) => makeProfile(rng, w, 'u'+i));
const opts = { reserveEcpm: 0.1, baseRelevance: 0.2 };
let bad = 0;
for (let r = 0; r < (process.env.CHECK ? 30 : 0); r++) {
  const req = makeRequest(rng, w, profiles[r % 50]!);
  const a = [...index.ranked(req, opts)].map(x => x.campaign.id + ':' + x.score);
  const b = [...lin.ranked(req, opts)].map(x => x.campaign.id + ':' + x.score);
  if (a.join() !== b.join()) { bad++; console.log('mismatch', a.length, b.length, a.slice(0,3), b.slice(0,3)); }
}
console.log('bad', bad);
const times: number[] = []; let pulled = 0;
for (let r = 0; r < 3000; r++) {
  const req = { ...makeRequest(rng, w, profiles[r % 50]!), mode: 'profile' as const, age: 30, country: COUNTRIES[r % 8]! };
  req.interests = profiles[r % 50]!.interests.map(i => ({ id: i.id, weight: i.score, source: 'profile' as const }));
  const t = performance.now();
  let k = 0;
  for (const x of index.ranked(req, opts)) { if (++k >= 4) break; }
  times.push(performance.now() - t); pulled += k;
}
times.sort((a, b) => a - b);
console.log('ranked p50', times[1500], 'p99', times[2970]);
{
  let touches = 0, uniq = 0;
  for (let r = 0; r < 200; r++) {
    const req = { ...makeRequest(rng, w, profiles[r % 50]!), mode: 'profile' as const, age: 30, country: COUNTRIES[r % 8]! };
    req.interests = profiles[r % 50]!.interests.map(i => ({ id: i.id, weight: i.score, source: 'profile' as const }));
    uniq += index.candidates(req).length;
  }
  console.log('avg matches', uniq / 200);
}
{
  const reqs = Array.from({ length: 2000 }, (_, r) => {
    const req = { ...makeRequest(rng, w, profiles[r % 50]!), mode: 'profile' as const, age: 30, country: COUNTRIES[r % 8]! };
    req.interests = profiles[r % 50]!.interests.map(i => ({ id: i.id, weight: i.score, source: 'profile' as const }));
    return req;
  });
  for (let rep = 0; rep < 3; rep++) {
    const c0 = process.cpuUsage(); const t0 = performance.now();
    let pulled = 0;
    for (const req of reqs) { let k = 0; for (const _ of index.ranked(req, opts)) { if (++k >= 4) break; } pulled += k; }
    const cpu = process.cpuUsage(c0);
    console.log('mean cpu ms/req', (cpu.user + cpu.system) / 1000 / reqs.length, 'wall', (performance.now() - t0) / reqs.length);
  }
}
{
  let e = 0, t = 0;
  for (let r = 0; r < 200; r++) {
    const req = { ...makeRequest(rng, w, profiles[r % 50]!), mode: 'profile' as const, age: 30, country: COUNTRIES[r % 8]! };
    req.interests = profiles[r % 50]!.interests.map(i => ({ id: i.id, weight: i.score, source: 'profile' as const }));
    let k = 0; for (const _ of index.ranked(req, opts)) { if (++k >= 4) break; }
    e += index.lastRequest.entries; t += index.lastRequest.touched;
  }
  console.log('entries', e / 200, 'touched', t / 200, 'postings', index.postings);
}
