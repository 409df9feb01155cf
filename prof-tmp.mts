import { loadTaxonomy } from './src/app/assets.ts';
import { createUnderstander } from './src/core/understand/understand.ts';
import { generateMessages } from './bench/classify.bench.ts';
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
let c = cpu(); let t = performance.now();
const tax = loadTaxonomy();
const u = createUnderstander(tax);
console.log('compile cpu ms', (cpu()-c).toFixed(0), 'wall', (performance.now()-t).toFixed(0));
const msgs = generateMessages(20000).map(m=>m.text);
for (let r=0;r<4;r++){ c=cpu(); for (const m of msgs) u({text:m}); console.log('run cpu msgs/s', Math.round(msgs.length/((cpu()-c)/1000))); }
