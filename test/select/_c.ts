import { performance } from 'node:perf_hooks';
import { taxonomy } from './helpers.js';
import { makeCampaigns, worldNodes } from './world.js';
import { mulberry32 } from '../../src/core/select/prng.js';
import { compileCampaign } from '../../src/core/select/compile.js';
import { blockingProblems } from '../../src/core/select/campaign-rules.js';
const w = worldNodes(taxonomy);
const cs = makeCampaigns(mulberry32(1), w, 20000);
for (let rep = 0; rep < 3; rep++) {
let t = performance.now(); for (const c of cs) compileCampaign(c, taxonomy); console.log('compile us', (performance.now() - t) * 1000 / cs.length);
t = performance.now(); for (const c of cs) blockingProblems(c, taxonomy); console.log('check us', (performance.now() - t) * 1000 / cs.length);
}
