// The library entry: the pure domain core and the composition root, for embedding chatsignal.
export * from './core/model/index.js';
export { AppError } from './core/errors.js';
export {
  buildTaxonomy,
  parseTaxonomyTsv,
  type Taxonomy,
  type TaxonomyNode,
} from './core/taxonomy/taxonomy.js';
export { gate, GATE_RULES, type GateDecision, type GateInput } from './core/gate/gate.js';
export { redact } from './core/understand/redact.js';
export { createUnderstander } from './core/understand/understand.js';
export type { Understanding, UnderstandInput, InterestMatch } from './core/understand/types.js';
export { buildProfile, toSignals } from './core/profile/profile.js';
export type { Profile, ProfileInterest, Signal } from './core/profile/types.js';
export { processEvent, validateEvent } from './core/pipeline.js';
export { selectAds } from './core/select/select-ads.js';
export { recommendContent } from './core/select/recommend.js';
export { createCampaignIndex } from './core/select/index.js';
export { checkCampaign } from './core/select/campaign-rules.js';
export { estimateAudience } from './core/select/audience.js';
export { loadTaxonomy } from './app/assets.js';
export { loadConfig, type Config } from './app/config.js';
export { createApp, type App } from './app/container.js';
export type { Store } from './ports/store.js';
export type { Bus } from './ports/bus.js';
