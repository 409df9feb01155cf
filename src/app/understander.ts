import type { Taxonomy } from '../core/taxonomy/taxonomy.js';
import { createUnderstander } from '../core/understand/understand.js';

const understanders = new WeakMap<Taxonomy, ReturnType<typeof createUnderstander>>();

/** The knowledge base is compiled once per process, however many apps a process builds. */
export function understanderFor(taxonomy: Taxonomy): ReturnType<typeof createUnderstander> {
  let u = understanders.get(taxonomy);
  if (!u) {
    u = createUnderstander(taxonomy);
    understanders.set(taxonomy, u);
  }
  return u;
}
