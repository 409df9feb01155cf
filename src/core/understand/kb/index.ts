import { CUES } from './cues.js';
import type { KnowledgeBase } from './kb-types.js';
import { ENTERTAINMENT } from './nodes-entertainment.js';
import { MONEY_AUTO_TECH } from './nodes-money-auto-tech.js';
import { SPORTS_LIFESTYLE } from './nodes-sports-lifestyle.js';
import { TRAVEL_FOOD } from './nodes-travel-food.js';
import { SENSITIVE_GENERAL } from './sensitive-general.js';
import { SENSITIVE_LEXICON, SENSITIVE_NODES } from './sensitive.js';

export type {
  CueKind,
  KbCueEntry,
  KbLang,
  KbNodeEntry,
  KbSensitiveEntry,
  KbTerms,
  KnowledgeBase,
} from './kb-types.js';

/** chatsignal's built-in multilingual knowledge base (TS data: no file I/O at start-up). */
export const DEFAULT_KB: KnowledgeBase = {
  nodes: [...TRAVEL_FOOD, ...MONEY_AUTO_TECH, ...ENTERTAINMENT, ...SPORTS_LIFESTYLE, ...SENSITIVE_NODES],
  sensitive: [...SENSITIVE_LEXICON, ...SENSITIVE_GENERAL],
  cues: CUES,
};
