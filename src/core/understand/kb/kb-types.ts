import type { SensitiveClass } from '../../model/sensitive.js';
import type { SupportedLang } from '../language.js';

/**
 * Knowledge-base data. Terms are comma-separated phrases per language; `any` holds names that
 * are the same in every language (brands, artists, acronyms). A phrase may carry a weight
 * prefix: `!` strong (2), `^` medium (0.5), `~` weak (0.4), `+` context (0.15: on sensitive terms,
 * it counts only once the class has evidence of its own); no prefix is 1. Phrases are
 * matched on stems of their words, so list base forms.
 */
export type KbLang = SupportedLang | 'any';
export type KbTerms = Partial<Record<KbLang, string>>;

/** Terms that point at an IAB Content Taxonomy 3.1 node. Sensitivity comes from the node. */
export interface KbNodeEntry {
  node: string;
  t: KbTerms;
}

/** Terms that disclose a special category even where no taxonomy node fits. */
export interface KbSensitiveEntry {
  cls: SensitiveClass;
  t: KbTerms;
}

/**
 * Words that change how nearby interest terms are read:
 * - like: positive preference verbs ("love", "fan of") → declared
 * - identity: "I'm a …", "as a …" → declared
 * - habit: first-person practice ("I play", "I go to") → declared
 * - hate: rejection ("hate", "can't stand") → negative
 * - neg: plain negators ("not", "never"); with a like cue → negative
 * - negpost: rejection after the term ("is not for me")
 * - boundary: contrast words that end a clause ("but")
 * - suppress: utility requests that carry no interest ("remind me", "translate")
 */
export type CueKind = 'like' | 'identity' | 'habit' | 'hate' | 'neg' | 'negpost' | 'boundary' | 'suppress';

export interface KbCueEntry {
  cue: CueKind;
  t: KbTerms;
}

export interface KnowledgeBase {
  nodes: readonly KbNodeEntry[];
  sensitive: readonly KbSensitiveEntry[];
  cues: readonly KbCueEntry[];
}
