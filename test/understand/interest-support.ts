import { loadTaxonomy } from '../../src/app/assets.js';
import type { Taxonomy } from '../../src/core/taxonomy/taxonomy.js';
import type { InterestMatch } from '../../src/core/understand/types.js';
import { createUnderstander, type Understander } from '../../src/core/understand/understand.js';

/**
 * What the interest test files share: one understander per test file (built on first use) and
 * the tier-1 IAB Content Taxonomy 3.1 ids they assert on (the eval's coarse labels map to these:
 * see ../shared/eval/coarse-labels.json).
 */
let engine: { taxonomy: Taxonomy; understand: Understander } | undefined;

function built(): { taxonomy: Taxonomy; understand: Understander } {
  if (engine === undefined) {
    const taxonomy = loadTaxonomy();
    engine = { taxonomy, understand: createUnderstander(taxonomy) };
  }
  return engine;
}

/** The interests of a message in a language the test is sure of. */
export function interestsOf(text: string, lang: string): InterestMatch[] {
  return built().understand({ text, lang }).interests;
}

/** The tier-1 id of the top interest, if any. */
export function topTier1(text: string, lang: string): string | undefined {
  const { taxonomy } = built();
  const id = interestsOf(text, lang)[0]?.id;
  return id ? taxonomy.get(id)?.tier1Id : undefined;
}

export const AUTOS = '1';
export const BOOKS = '42';
export const CAREERS = '123';
export const EDUCATION = '132';
export const PETS = '422';
export const REAL_ESTATE = '441';
export const STYLE_FASHION = '552';
export const FINANCE_BUSINESS = '52';
export const FOOD = '210';
/** Fitness sits under Healthy Living, not Sports: running lands here. */
export const FITNESS = '223';
export const HOME = '274';
export const FINANCE = '391';
export const SHOPPING = '473';
export const SPORTS = '483';
export const TECH = '596';
export const TRAVEL = '653';
export const GAMING = '680';
export const EVENTS = '8VZQHL';
export const ENTERTAINMENT = 'JLBCU7';
