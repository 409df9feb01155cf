import type { Surface } from '../model/event.js';
import type { SensitiveClass } from '../model/sensitive.js';

/** What `understand` reads. Text here is already redacted. */
export interface UnderstandInput {
  text?: string | undefined;
  imageLabels?: readonly string[] | undefined;
  /** A language the caller is sure of (ISO 639-1); skips detection. */
  lang?: string | undefined;
  /** The account's or event's locale, used when detection is unsure. */
  localeHint?: string | undefined;
  surface?: Surface | undefined;
}

/** How strongly the text speaks of an interest. */
export type InterestStrength = 'declared' | 'mention';

export interface InterestMatch {
  /** IAB Content Taxonomy 3.1 unique id. */
  id: string;
  name: string;
  /** Calibrated confidence in 0..1. */
  score: number;
  strength: InterestStrength;
}

export interface Understanding {
  /** ISO 639-1 code, or "und" when unknown. */
  lang: string;
  /** Positive interests, highest score first. */
  interests: InterestMatch[];
  /** Interests the person rejects ("I hate football"): they lower a profile's score. */
  negative: InterestMatch[];
  sensitive: SensitiveClass[];
  /** SAFETY: false whenever `sensitive` is non-empty. */
  adEligible: boolean;
}

export type RedactionKind = 'email' | 'phone' | 'card' | 'iban' | 'national_id' | 'secret_url';

export interface Redacted {
  text: string;
  redactions: Partial<Record<RedactionKind, number>>;
}
