import { loadTaxonomy } from './src/app/assets.ts';
import { createUnderstander } from './src/core/understand/understand.ts';
let tr: string[] = [];
const u = createUnderstander(loadTaxonomy(), undefined, { trace: (m) => { tr = m; } });
for (const t of process.argv.slice(2)) { const r = u({ text: t }); console.log(t, JSON.stringify(r), tr.join(' ')); }
