import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import {
  buildTaxonomy,
  NodeRulesSchema,
  parseTaxonomyTsv,
  type Taxonomy,
} from '../core/taxonomy/taxonomy.js';

/** The repo's `assets/` folder, found from this file whether it runs from src/ or dist/. */
export function assetsDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, 'assets');
    try {
      readFileSync(join(candidate, 'taxonomy', 'node-rules.json'));
      return candidate;
    } catch {
      dir = dirname(dir);
    }
  }
  throw new Error('cannot find the assets/ folder next to chatsignal');
}

let cached: Taxonomy | undefined;

/** Loads the IAB Content Taxonomy 3.1 with chatsignal's node rules (once per process). */
export function loadTaxonomy(): Taxonomy {
  if (cached) return cached;
  const dir = join(assetsDir(), 'taxonomy');
  const tsv = readFileSync(join(dir, 'iab-content-taxonomy-3.1.tsv'), 'utf8');
  const rules = NodeRulesSchema.parse(JSON.parse(readFileSync(join(dir, 'node-rules.json'), 'utf8')));
  cached = buildTaxonomy(parseTaxonomyTsv(tsv), rules);
  return cached;
}
