import { assertNever } from '../model/decision.js';
import { SURFACE_PHRASES, type Surface } from '../model/event.js';
import type { ProfileInterest } from '../profile/types.js';
import type { Taxonomy } from '../taxonomy/taxonomy.js';
import type { InterestSource } from './match.js';
import type { NonPersonalisedReason } from './personalisation.js';

const DAY_MS = 86_400_000;

/** One interest an explanation names: always one the request really matched on. */
export interface WhyInterest {
  id: string;
  name: string;
  path: readonly string[];
  source: InterestSource;
  /** From the profile: the kinds of interaction and when last seen; empty / null for context. */
  surfaces: Surface[];
  lastSeen: number | null;
  declared: boolean;
  evidence: number;
}

export type WhyCriterion =
  | { kind: 'country'; value: string }
  | { kind: 'language'; value: string }
  | { kind: 'age'; min: number | null; max: number | null }
  | { kind: 'surface'; value: Surface };

const NOT_PERSONALISED: Record<NonPersonalisedReason, string> = {
  erased: 'your data was erased',
  unknown_account: 'we know nothing about this account',
  region: 'personalised ads are not offered in your region',
  before_effective_date: 'personalisation has not started yet',
  opted_out: 'you opted out',
  age_unknown: 'we do not know your age',
  minor: 'you are under 18',
  unlinked: 'no ad account is linked',
  no_notice: 'you have not been shown the notice yet',
  surface_disabled: 'you turned this off',
  not_addressed: 'not applicable',
  sensitive: 'not applicable',
  muted: 'you muted this',
  no_rule: 'no rule allows it',
  no_profile: 'there is no interest profile for you yet',
};

const regionNames = new Intl.DisplayNames('en', { type: 'region' });
const languageNames = new Intl.DisplayNames('en', { type: 'language' });
/** Country names that read with "the": "in the United States". */
const WITH_ARTICLE =
  /^(United |Netherlands|Philippines|Bahamas|Gambia|Czech|Dominican|Maldives|Central African)/;

const phraseCache = new Map<string, string>();

/** Intl lookups are slow next to selection itself, and there are only a few hundred codes. */
function cached(key: string, make: () => string): string {
  let hit = phraseCache.get(key);
  if (hit === undefined) phraseCache.set(key, (hit = make()));
  return hit;
}

function countryPhrase(code: string): string {
  return cached(`c:${code}`, () => {
    const name = regionNames.of(code) ?? code;
    return WITH_ARTICLE.test(name) ? `the ${name}` : name;
  });
}

function languageName(code: string): string {
  return cached(`l:${code}`, () => languageNames.of(code) ?? code);
}

export function agoPhrase(now: number, at: number): string {
  const days = Math.max(0, Math.floor((now - at) / DAY_MS));
  if (days === 0) return 'today';
  return days === 1 ? 'yesterday' : `${days} days ago`;
}

export function joinAnd(parts: readonly string[]): string {
  if (parts.length <= 1) return parts[0] ?? '';
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]!}`;
}

/** The structured form of a matched interest, with profile facts when it came from the profile. */
export function whyInterest(
  taxonomy: Taxonomy,
  id: string,
  source: InterestSource,
  fromProfile: ProfileInterest | undefined,
): WhyInterest {
  const node = taxonomy.get(id);
  const p = source === 'profile' ? fromProfile : undefined;
  return {
    id,
    name: node?.name ?? p?.name ?? id,
    path: node?.path ?? p?.path ?? [],
    source,
    surfaces: p ? [...p.surfaces] : [],
    lastSeen: p ? p.lastSeen : null,
    declared: p?.declared ?? false,
    evidence: p?.evidence ?? 0,
  };
}

function interestDetail(i: WhyInterest, now: number): string {
  const bits: string[] = [];
  if (i.surfaces.length > 0) bits.push(i.surfaces.map((s) => SURFACE_PHRASES[s]).join(', '));
  if (i.lastSeen !== null) bits.push(`last ${agoPhrase(now, i.lastSeen)}`);
  return bits.length === 0 ? i.name : `${i.name} (${bits.join('; ')})`;
}

/** "you often ask about Hiking (chats, voice; last 3 days ago)" or "this conversation is about …". */
export function interestsPhrase(interests: readonly WhyInterest[], now: number, max = 3): string[] {
  const shown = interests.slice(0, max);
  const fromProfile = shown.filter((i) => i.source === 'profile');
  const fromContext = shown.filter((i) => i.source === 'context');
  const out: string[] = [];
  if (fromProfile.length > 0) {
    const lead = fromProfile[0]!;
    const verb = lead.declared
      ? 'told the assistant you like'
      : lead.evidence >= 3
        ? 'often ask about'
        : 'asked about';
    out.push(`you ${verb} ${joinAnd(fromProfile.map((i) => interestDetail(i, now)))}`);
  }
  if (fromContext.length > 0)
    out.push(`what you are looking at now is about ${joinAnd(fromContext.map((i) => i.name))}`);
  return out;
}

export function criterionPhrase(c: WhyCriterion): string {
  switch (c.kind) {
    case 'country':
      return `you are in ${countryPhrase(c.value)}`;
    case 'language':
      return `you use ${languageName(c.value)}`;
    case 'age':
      if (c.max === null) return `you are ${c.min ?? 0} or older`;
      return c.min === null ? `you are ${c.max} or younger` : `you are aged ${c.min}–${c.max}`;
    case 'surface':
      return `you are using ${SURFACE_PHRASES[c.value]}`;
    default:
      return assertNever(c);
  }
}

export function notPersonalisedPhrase(reason: NonPersonalisedReason): string {
  return `Not personalised: ${NOT_PERSONALISED[reason]}.`;
}

/** The plain-language sentence for an ad or item, from its structured why only. */
export function sentence(
  lead: string,
  interests: readonly WhyInterest[],
  criteria: readonly WhyCriterion[],
  now: number,
  fallback: string,
  reason: NonPersonalisedReason | null,
): string {
  const parts = [...interestsPhrase(interests, now), ...criteria.map(criterionPhrase)];
  const main = parts.length === 0 ? fallback : `${lead} ${joinAnd(parts)}.`;
  return reason === null ? main : `${main} ${notPersonalisedPhrase(reason)}`;
}
