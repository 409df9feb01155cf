import { loadTaxonomy } from '../app/assets.js';
import type { Account, LinkedAdAccount } from '../core/model/account.js';
import type { Bid, Campaign, Targeting } from '../core/model/campaign.js';
import { CONTENT_KINDS, type ContentItem } from '../core/model/content.js';
import { SURFACES, type ChatEvent, type Surface } from '../core/model/event.js';
import { DEFAULT_POLICY } from '../core/model/policy.js';
import { SENSITIVE_CLASSES, type SensitiveClass } from '../core/model/sensitive.js';
import { mulberry32, type RandomSource } from '../core/select/prng.js';
import type { Taxonomy } from '../core/taxonomy/taxonomy.js';
import { CITIES, DEMO_LANGS, FAKE_NAMES, TEMPLATES, TOPICS, type DemoLang } from './phrases.js';

/**
 * Deterministic demo world: accounts, assistant events, campaigns and content that exercise
 * every path of the engine (gate exclusions, sensitive disclosures, redaction, muting, broad
 * fallback campaigns). Pure function of its options: one seeded PRNG per part, no clock and no
 * Math.random, so a seed always yields byte-identical JSON.
 */

export interface World {
  accounts: Account[];
  events: ChatEvent[];
  campaigns: Campaign[];
  content: ContentItem[];
}

export interface GenerateWorldOptions {
  seed?: number;
  accounts?: number;
  events?: number;
  campaigns?: number;
  content?: number;
  /** Epoch ms the world is generated "as of"; defaults to a fixed date for determinism. */
  now?: number;
  /** Defaults to the bundled IAB Content Taxonomy 3.1 with chatsignal's node rules. */
  taxonomy?: Taxonomy;
}

/** Ground truth for one event, index-aligned with `World.events`: what an evaluator can check. */
export interface EventLabel {
  /** Language the text was written in (may differ from the locale, e.g. ja-JP writing English). */
  lang: DemoLang;
  /** IAB id of the topic the text is about; absent for sensitive disclosures. */
  topic?: string;
  /** The text rejects the topic ("I don't like …"). */
  negative?: true;
  /** The text discloses special-category data of this class. */
  sensitive?: SensitiveClass;
  /** The text carries a fake e-mail address or phone number. */
  contact?: true;
  /** This record is a re-send of an earlier event with the same id. */
  duplicate?: true;
}

export interface LabeledWorld {
  world: World;
  labels: EventLabel[];
}

export const DEFAULT_WORLD_NOW = Date.parse('2026-11-20T12:00:00Z');
const DAY = 86_400_000;

/** Country → [weight, [locale, weight][]]. Weights loosely follow assistant usage, not census data. */
const COUNTRIES: ReadonlyArray<readonly [string, number, ReadonlyArray<readonly [string, number]>]> = [
  [
    'US',
    18,
    [
      ['en-US', 85],
      ['es-US', 15],
    ],
  ],
  [
    'CA',
    5,
    [
      ['en-CA', 75],
      ['fr-CA', 25],
    ],
  ],
  ['MX', 7, [['es-MX', 1]]],
  ['BR', 9, [['pt-BR', 1]]],
  ['AR', 4, [['es-AR', 1]]],
  ['IN', 8, [['en-IN', 1]]],
  ['ID', 6, [['id-ID', 1]]],
  ['TR', 5, [['tr-TR', 1]]],
  ['JP', 3, [['ja-JP', 1]]],
  ['AU', 3, [['en-AU', 1]]],
  ['ZA', 2, [['en-ZA', 1]]],
  ['NG', 3, [['en-NG', 1]]],
  ['DE', 5, [['de-DE', 1]]],
  ['FR', 5, [['fr-FR', 1]]],
  ['IT', 4, [['it-IT', 1]]],
  ['ES', 4, [['es-ES', 1]]],
  ['NL', 2.5, [['nl-NL', 1]]],
  ['DK', 1.5, [['da-DK', 1]]],
  ['PT', 1, [['pt-PT', 1]]],
  [
    'BE',
    1,
    [
      ['nl-BE', 60],
      ['fr-BE', 40],
    ],
  ],
  ['GB', 4, [['en-GB', 1]]],
  ['KR', 2, [['ko-KR', 1]]],
];

const SURFACE_WEIGHTS: ReadonlyArray<readonly [Surface, number]> = [
  ['assistant_chat', 40],
  ['group_chat', 15],
  ['voice', 15],
  ['glasses_image', 10],
  ['imagine', 10],
  ['vibes', 10],
];

const APPS: Readonly<Record<Surface, readonly string[]>> = {
  assistant_chat: ['whatsapp', 'messenger', 'instagram', 'assistant'],
  group_chat: ['whatsapp', 'messenger'],
  voice: ['assistant', 'glasses', 'whatsapp'],
  glasses_image: ['glasses'],
  imagine: ['assistant', 'instagram', 'whatsapp'],
  vibes: ['vibes'],
};

/**
 * How many people care about each topic, relative (default 3). Real interests are skewed:
 * food, music and films are everywhere, beekeeping is not. The skew is also what lets
 * campaigns on popular topics clear the k-anonymity floor in a 2,000-account world.
 */
const POPULARITY: Readonly<Record<string, number>> = {
  cooking: 10,
  dining: 9,
  music: 9,
  movies: 9,
  fitness: 8,
  fashion: 8,
  smartphones: 8,
  beach: 7,
  citybreak: 7,
  soccer: 7,
  gaming: 7,
  dogs: 6,
  coffee: 6,
  baking: 5,
  running: 5,
  jobs: 5,
  skincare: 5,
  decor: 4,
  cats: 4,
  hiking: 4,
  laptops: 4,
  basketball: 4,
  photography: 3,
  parenting: 3,
  gardening: 3,
  vegan: 3,
  camping: 3,
  cycling: 3,
  investing: 3,
  ev: 3,
  diy: 3,
  wine: 3,
  smarthome: 2,
  skiing: 2,
};
const popularity = (i: number): number => POPULARITY[TOPICS[i]?.key ?? ''] ?? 3;

/** Topics not handed to minors as persistent interests: adult-only or implausible at 15. */
const ADULT_TOPICS = new Set(['wine', 'parenting', 'investing', 'jobs', 'ev']);

const NO_CITY = ['the city'] as const;

/** Regional market lists advertisers use. */
const MARKET_BUNDLES: ReadonlyArray<readonly string[]> = [
  ['US', 'CA', 'MX', 'BR', 'AR'],
  ['MX', 'BR', 'AR', 'US'],
  ['US', 'CA', 'AU', 'IN', 'ZA', 'NG'],
  ['IN', 'ID', 'JP', 'AU'],
  ['US', 'BR', 'IN', 'ID', 'MX', 'TR'],
];

const SURFACE_LIST: readonly Surface[] = SURFACE_WEIGHTS.map(([s]) => s);
const pickSurface = cdfSampler(SURFACE_WEIGHTS.map(([, w]) => w));

const GENERIC_LABELS = ['person', 'indoor', 'outdoor', 'table', 'window', 'street', 'hand', 'shelf'];

// ---------------------------------------------------------------------------------------------
// Randomness helpers

/** FNV-1a, so each world part gets its own stream: resizing one part leaves the others alone. */
function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Every 16-bit value as 4 hex digits: ids are built by lookup, not Number#toString (hot path). */
const HEX16: readonly string[] = Array.from({ length: 0x10000 }, (_, i) => i.toString(16).padStart(4, '0'));

class Rng {
  private readonly next: RandomSource;
  constructor(seed: number, part: string) {
    this.next = mulberry32((seed ^ hashString(part)) >>> 0);
  }
  float(): number {
    return this.next();
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  range(min: number, max: number): number {
    return min + this.next() * (max - min);
  }
  pick<T>(items: readonly T[]): T {
    const v = items[Math.floor(this.next() * items.length)];
    if (v === undefined) throw new Error('pick from an empty list');
    return v;
  }
  weighted<T>(items: ReadonlyArray<readonly [T, number]>): T {
    let total = 0;
    for (const [, w] of items) total += w;
    let r = this.next() * total;
    for (const [v, w] of items) {
      r -= w;
      if (r < 0) return v;
    }
    const last = items[items.length - 1];
    if (last === undefined) throw new Error('weighted pick from an empty list');
    return last[0];
  }
  /** k distinct items, order random. */
  sample<T>(items: readonly T[], k: number): T[] {
    const copy = [...items];
    const out: T[] = [];
    while (out.length < k && copy.length > 0) {
      const i = Math.floor(this.next() * copy.length);
      out.push(copy.splice(i, 1)[0] as T);
    }
    return out;
  }
  /** k distinct items drawn with probability proportional to `weight`, without replacement. */
  weightedSample<T>(items: readonly T[], weight: (t: T) => number, k: number): T[] {
    const pool = items.map((t) => [t, weight(t)] as [T, number]);
    const out: T[] = [];
    while (out.length < k && pool.length > 0) {
      let total = 0;
      for (const [, w] of pool) total += w;
      let r = this.next() * total;
      let i = 0;
      for (; i < pool.length - 1; i++) {
        r -= pool[i]?.[1] ?? 0;
        if (r < 0) break;
      }
      out.push((pool.splice(i, 1)[0] as [T, number])[0]);
    }
    return out;
  }
  /** Standard normal via Box–Muller. */
  gaussian(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }
  /** 16 hex digits from two draws: an id space where 50k ids never collide by chance. */
  hex64(): string {
    const a = Math.floor(this.next() * 0x100000000);
    const b = Math.floor(this.next() * 0x100000000);
    return `${HEX16[a >>> 16]}${HEX16[a & 0xffff]}${HEX16[b >>> 16]}${HEX16[b & 0xffff]}`;
  }
}

/** Inverse-CDF sampler over fixed weights: O(log n) per draw for 50k events. */
function cdfSampler(weights: readonly number[]): (r: number) => number {
  const cdf = new Float64Array(weights.length);
  let acc = 0;
  weights.forEach((w, i) => {
    acc += w;
    cdf[i] = acc;
  });
  return (r) => {
    const target = r * acc;
    let lo = 0;
    let hi = cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cdf[mid] ?? 0) > target) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
}

// ---------------------------------------------------------------------------------------------
// Text helpers

const variants = (s: string): string[] => s.split('|');
const TWO: readonly string[] = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));

/**
 * ISO 8601 in UTC at whole seconds, same output as Date#toISOString but without allocating a
 * Date: it is called ~60k times per world (days → civil date after Howard Hinnant).
 */
function iso(ms: number): string {
  const secs = Math.floor(ms / 1000);
  const days = Math.floor(secs / 86_400);
  const rem = secs - days * 86_400;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  const hh = Math.floor(rem / 3600);
  const mm = Math.floor((rem % 3600) / 60);
  return `${y}-${TWO[m]}-${TWO[d]}T${TWO[hh]}:${TWO[mm]}:${TWO[rem % 60]}.000Z`;
}
const pad = (n: number, width: number): string => String(n).padStart(width, '0');
const slug = (s: string): string =>
  s
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** Fills `{x}`, `{city}` and `{s}` slots. Positional arguments: this runs ~60k times per world. */
function fill(template: string, x: string, city: string, scene: string): string {
  let out = template;
  if (out.includes('{x}')) out = out.replace('{x}', x);
  if (out.includes('{city}')) out = out.replace('{city}', city);
  if (out.includes('{s}')) out = out.replace('{s}', scene);
  return out;
}

function capitalize(s: string, lang: DemoLang): string {
  const first = s[0];
  if (first === undefined || first === '@' || first === '¿' || first === '{') return s;
  // Only Turkish needs locale rules here (i → İ); the locale-aware call is much slower.
  return (lang === 'tr' ? first.toLocaleUpperCase('tr') : first.toUpperCase()) + s.slice(1);
}

/** Speech-to-text output: lower case, no punctuation, no typographic marks. */
function asTranscript(s: string, lang: DemoLang): string {
  return (lang === 'tr' ? s.toLocaleLowerCase('tr') : s.toLowerCase())
    .replace(/[?!.,;:¿¡"]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function langOfLocale(locale: string): DemoLang {
  const code = locale.slice(0, 2);
  // The demo has no Japanese or Korean templates: those people write to the assistant in
  // English, which also exercises a locale that disagrees with the text.
  return (DEMO_LANGS as readonly string[]).includes(code) ? (code as DemoLang) : 'en';
}

function fakeEmail(rng: Rng): string {
  const domain = rng.pick(['example.com', 'example.org', 'example.net']);
  return `${rng.pick(FAKE_NAMES)}${rng.int(1, 99)}@${domain}`;
}

/** Phone numbers from ranges reserved for fiction where the country has one. */
function fakePhone(rng: Rng, country: string): string {
  const d = (n: number) => pad(rng.int(0, 10 ** n - 1), n);
  switch (country) {
    case 'US':
    case 'CA':
      return `(${rng.pick(['303', '512', '206', '416', '604'])}) 555-01${d(2)}`;
    case 'GB':
      return `07700 900${d(3)}`;
    case 'FR':
      return `06 39 98 ${d(2)} ${d(2)}`;
    case 'DE':
      return `030 23125${d(3)}`;
    case 'AU':
      return `0491 570 ${rng.pick(['006', '156', '157', '158', '159', '110'])}`;
    default:
      return `+${rng.pick(['52', '55', '54', '91', '62', '90', '34', '39'])} ${d(3)} ${d(3)} ${d(4)}`;
  }
}

// ---------------------------------------------------------------------------------------------
// Accounts

interface Person {
  account: Account;
  /** Where the person actually is, even when the account record does not know it. */
  country: string;
  locale: string;
  lang: DemoLang;
  /** Indexes into TOPICS with weights: the persistent interests that make profiles meaningful. */
  interests: Array<readonly [number, number]>;
  /** The same interests as parallel arrays with cumulative weights, for the event loop. */
  interestTopics: Int32Array;
  interestCdf: Float64Array;
  activity: number;
}

const EFFECTIVE = Date.parse(DEFAULT_POLICY.effectiveDate);

function makePeople(rng: Rng, count: number, now: number): Person[] {
  const nowYear = new Date(now).getUTCFullYear();
  const countryPairs = COUNTRIES.map(([c, w]) => [c, w] as const);
  const localesOf = new Map(COUNTRIES.map(([c, , l]) => [c, l]));
  const people: Person[] = [];
  const topicIdx = TOPICS.map((_, i) => i);

  for (let i = 0; i < count; i++) {
    const country = rng.weighted(countryPairs);
    const locale = rng.weighted(localesOf.get(country) ?? [['en-US', 1]]);
    const lang = langOfLocale(locale);

    // ~8% minors (youngest possible age under 18 today), ~2% unknown age.
    const ageRoll = rng.float();
    let birthYear: number | null | undefined;
    let minor = false;
    if (ageRoll < 0.08) {
      birthYear = nowYear - rng.int(13, 18);
      minor = true;
    } else if (ageRoll < 0.1) {
      birthYear = rng.chance(0.5) ? null : undefined;
    } else {
      // Skewed towards 20–40 like assistant users; +1 keeps the gate's youngest age ≥ 18.
      const age = 19 + Math.floor(Math.abs(rng.gaussian()) * 14 + rng.float() * 8);
      birthYear = nowYear - Math.min(age, 85);
    }

    const linkedAdAccounts: LinkedAdAccount[] = [];
    if (rng.chance(0.8)) {
      const platforms = rng.chance(0.35) ? ['facebook', 'instagram'] : [rng.pick(['facebook', 'instagram'])];
      for (const platform of platforms) {
        const id =
          platform === 'facebook'
            ? `1000${rng.int(10_000_000, 99_999_999)}${rng.int(100, 999)}`
            : `${rng.int(1_000_000_000, 9_999_999_999)}`;
        const link: LinkedAdAccount = { platform, id };
        if (rng.chance(0.7))
          link.linkedAt = iso(
            Date.parse('2019-01-01T00:00:00Z') +
              rng.float() * (EFFECTIVE - 20 * DAY - Date.parse('2019-01-01T00:00:00Z')),
          );
        linkedAdAccounts.push(link);
      }
    }

    const nInterests = rng.int(2, 5);
    const pool = minor ? topicIdx.filter((t) => !ADULT_TOPICS.has(TOPICS[t]?.key ?? '')) : topicIdx;
    const interests = rng
      .weightedSample(pool, popularity, nInterests)
      .map((t, k) => [t, 1 / (k + 1) + rng.float() * 0.3] as const);

    const mutedTopics: string[] = [];
    if (rng.chance(0.06)) {
      // Mostly one of their own interests, so muting visibly removes something from a profile.
      const own = interests[0];
      const ownTopic = own === undefined ? undefined : TOPICS[own[0]];
      if (ownTopic && rng.chance(0.6)) mutedTopics.push(ownTopic.iab);
      else mutedTopics.push(rng.pick(['483', '680', '52', '210', '653', '552']));
      if (rng.chance(0.3)) {
        const extra = rng.pick(TOPICS).iab;
        if (!mutedTopics.includes(extra)) mutedTopics.push(extra);
      }
    }

    const disabledSurfaces: Surface[] = rng.chance(0.03) ? [rng.pick(SURFACES)] : [];

    const noticeRoll = rng.float();
    let noticeShownAt: string | null | undefined;
    if (noticeRoll < 0.83) noticeShownAt = iso(EFFECTIVE - rng.range(1, 35) * DAY);
    else if (noticeRoll < 0.9)
      noticeShownAt = iso(EFFECTIVE + rng.range(0, Math.max(1, (now - EFFECTIVE) / DAY - 30)) * DAY);
    else noticeShownAt = rng.chance(0.5) ? null : undefined;

    const account: Account = {
      accountId: `acct-${pad(i + 1, 6)}`,
      ...(birthYear !== undefined ? { birthYear } : {}),
      // A few accounts never told us where they are: the gate must treat them as excluded.
      region: rng.chance(0.005) ? null : country,
      locale,
      linkedAdAccounts,
      optedOut: rng.chance(0.04),
      mutedTopics,
      disabledSurfaces,
      ...(noticeShownAt !== undefined ? { noticeShownAt } : {}),
    };
    const interestTopics = Int32Array.from(interests, ([t]) => t);
    let acc = 0;
    const interestCdf = Float64Array.from(interests, ([, w]) => (acc += w));
    people.push({
      account,
      country,
      locale,
      lang,
      interests,
      interestTopics,
      interestCdf,
      activity: Math.exp(rng.gaussian() * 0.9),
    });
  }
  return people;
}

// ---------------------------------------------------------------------------------------------
// Events

/** Variants split once: the event loop runs 50k times and must not re-split strings. */
interface TopicText {
  phrases: readonly string[];
  scenes: readonly string[];
}
const TOPIC_TEXT: ReadonlyArray<Readonly<Record<DemoLang, TopicText>>> = TOPICS.map(
  (t) =>
    Object.fromEntries(
      DEMO_LANGS.map((l) => [l, { phrases: variants(t.text[l][0]), scenes: variants(t.text[l][1]) }]),
    ) as unknown as Record<DemoLang, TopicText>,
);
const TOPIC_LABELS: ReadonlyArray<readonly string[]> = TOPICS.map((t) => t.labels.split(','));
const SENSITIVE_TEXT: Readonly<Record<DemoLang, Readonly<Record<SensitiveClass, readonly string[]>>>> =
  Object.fromEntries(
    DEMO_LANGS.map((l) => [
      l,
      Object.fromEntries(SENSITIVE_CLASSES.map((c) => [c, variants(TEMPLATES[l].sensitive[c])])),
    ]),
  ) as Record<DemoLang, Record<SensitiveClass, string[]>>;

function topicPhrase(rng: Rng, topicIndex: number, lang: DemoLang): string {
  const t = TOPIC_TEXT[topicIndex];
  return t === undefined ? '' : rng.pick(t[lang].phrases);
}

function topicScene(rng: Rng, topicIndex: number, lang: DemoLang): string {
  const t = TOPIC_TEXT[topicIndex];
  return t === undefined ? '' : rng.pick(t[lang].scenes);
}

function pickInterest(person: Person, r: number): number {
  const cdf = person.interestCdf;
  const target = r * (cdf[cdf.length - 1] ?? 0);
  let i = 0;
  while (i < cdf.length - 1 && (cdf[i] ?? 0) <= target) i++;
  return person.interestTopics[i] ?? 0;
}

function otherTopic(rng: Rng, person: Person): number {
  for (;;) {
    const t = rng.int(0, TOPICS.length - 1);
    if (!person.interestTopics.includes(t)) return t;
  }
}

function makeEvents(
  rng: Rng,
  people: readonly Person[],
  count: number,
  now: number,
): { events: ChatEvent[]; labels: EventLabel[] } {
  if (people.length === 0 || count === 0) return { events: [], labels: [] };
  const pickPerson = cdfSampler(people.map((p) => p.activity));
  const countries = COUNTRIES.map(([c, w]) => [c, w] as const);
  const drafts: ChatEvent[] = [];
  const draftLabels: EventLabel[] = [];
  // Arrival time per draft: re-sent copies arrive after their original.
  const arrival = new Float64Array(count);
  const span = Math.max(DAY, now - EFFECTIVE);

  for (let n = 0; n < count; n++) {
    // Re-sent events: an exact copy of an earlier one, arriving minutes to hours later.
    if (n > 10 && rng.chance(0.003)) {
      const j = rng.int(0, n - 1);
      const orig = drafts[j];
      const origLabel = draftLabels[j];
      if (orig !== undefined && origLabel !== undefined) {
        drafts.push(structuredClone(orig));
        draftLabels.push({ ...origLabel, duplicate: true });
        arrival[n] = (arrival[j] ?? 0) + rng.range(1, 600) * 60_000;
        continue;
      }
    }

    const pi = pickPerson(rng.float());
    const person = people[pi];
    if (person === undefined) throw new Error('person index out of range');
    const { lang } = person;
    const t = TEMPLATES[lang];
    const city = rng.pick(CITIES[person.country] ?? NO_CITY);

    // ~5% before the policy's effective date, the rest spread up to `now`.
    const at = rng.chance(0.05) ? EFFECTIVE - rng.range(1 / 24, 75) * DAY : EFFECTIVE + rng.float() * span;
    const surface = SURFACE_LIST[pickSurface(rng.float())] ?? 'assistant_chat';

    // ~7.5% of the surfaces where people talk about themselves: ~5% of all events.
    const canDisclose = surface === 'assistant_chat' || surface === 'voice' || surface === 'group_chat';
    const sensitive = canDisclose && rng.chance(0.075) ? rng.pick(SENSITIVE_CLASSES) : undefined;
    // Rejections name something the person is not into; everything else follows their interests.
    const negative = canDisclose && sensitive === undefined && rng.chance(0.02);
    const topicIndex = negative
      ? otherTopic(rng, person)
      : rng.chance(0.85)
        ? pickInterest(person, rng.float())
        : rng.int(0, TOPICS.length - 1);
    const topic = TOPICS[topicIndex];
    if (topic === undefined) throw new Error('topic index out of range');
    const label: EventLabel = { lang, topic: topic.iab };

    let text: string | undefined;
    let imageLabels: string[] | undefined;
    let mentionedAssistant: boolean | undefined;
    let participantCount: number | undefined;
    let templates: readonly string[] | undefined;

    switch (surface) {
      case 'assistant_chat':
        templates = t.ask;
        break;
      case 'voice':
        templates = t.voice;
        break;
      case 'group_chat':
        participantCount = rng.int(3, 30);
        mentionedAssistant = rng.chance(0.85);
        templates = mentionedAssistant || sensitive !== undefined ? t.groupMention : t.groupChatter;
        break;
      case 'glasses_image':
        imageLabels = rng.sample(TOPIC_LABELS[topicIndex] ?? [], rng.int(2, 4));
        if (rng.chance(0.4)) imageLabels.push(rng.pick(GENERIC_LABELS));
        if (rng.chance(0.5)) text = rng.pick(t.glasses);
        break;
      case 'imagine':
        text = fill(rng.pick(t.imagine), '', '', topicScene(rng, topicIndex, lang));
        break;
      case 'vibes':
        text = fill(rng.pick(t.vibes), '', '', topicScene(rng, topicIndex, lang));
        break;
    }
    if (templates !== undefined) {
      if (sensitive !== undefined) text = fill(rng.pick(SENSITIVE_TEXT[lang][sensitive]), '', city, '');
      else if (negative) text = fill(rng.pick(t.negative), topicPhrase(rng, topicIndex, lang), city, '');
      else text = fill(rng.pick(templates), topicPhrase(rng, topicIndex, lang), city, '');
      if (surface === 'voice') text = asTranscript(text, lang);
    }

    if (sensitive !== undefined) {
      label.sensitive = sensitive;
      delete label.topic;
    }
    if (negative) label.negative = true;
    if (text !== undefined) {
      if (surface !== 'voice' && rng.chance(0.6)) text = capitalize(text, lang);
      // A few people paste contact details: redaction must remove them before anything reads the text.
      if (surface === 'assistant_chat' && rng.chance(0.015)) {
        const contact = rng
          .pick(t.contact)
          .replace('{email}', fakeEmail(rng))
          .replace('{phone}', fakePhone(rng, person.country));
        text = `${text}${/[?!.]$/.test(text) ? '' : '.'} ${contact}`;
        label.contact = true;
      }
    }

    // Keys in schema order; optional ones only when present, so JSON stays minimal and stable.
    const event: ChatEvent = {
      eventId: `evt_${rng.hex64()}`,
      accountId: person.account.accountId,
      occurredAt: iso(at),
      surface,
      app: rng.pick(APPS[surface]),
      // Most events happen at home; ~2% while travelling (possibly into an excluded region).
      region: rng.chance(0.02) ? rng.weighted(countries) : person.country,
    };
    if (surface !== 'imagine' && surface !== 'vibes' && rng.chance(0.9)) {
      const convo = rng.int(1, surface === 'group_chat' ? 3 : 12);
      event.conversationId = `${surface === 'group_chat' ? 'grp' : 'conv'}-${person.account.accountId.slice(5)}-${convo}`;
    }
    if (text !== undefined) event.text = text;
    if (imageLabels !== undefined) event.imageLabels = imageLabels;
    if (mentionedAssistant !== undefined) event.mentionedAssistant = mentionedAssistant;
    if (participantCount !== undefined) event.participantCount = participantCount;
    if (rng.chance(0.95)) event.locale = person.locale;
    drafts.push(event);
    draftLabels.push(label);
    arrival[n] = at + rng.range(0, 5000);
  }

  // Arrival order, as an ingest stream would see it; the index breaks ties deterministically.
  const order = Array.from({ length: drafts.length }, (_, i) => i).sort(
    (x, y) => (arrival[x] ?? 0) - (arrival[y] ?? 0) || x - y,
  );
  const events: ChatEvent[] = new Array<ChatEvent>(order.length);
  const labels: EventLabel[] = new Array<EventLabel>(order.length);
  order.forEach((i, k) => {
    const e = drafts[i];
    const l = draftLabels[i];
    if (e === undefined || l === undefined) throw new Error('draft index out of range');
    events[k] = e;
    labels[k] = l;
  });
  return { events, labels };
}

// ---------------------------------------------------------------------------------------------
// Campaigns

/** Languages people in a country write in, for campaigns that target by language. */
function languagesOf(country: string): string[] {
  const entry = COUNTRIES.find(([c]) => c === country);
  const langs = (entry?.[2] ?? []).map(([l]) => langOfLocale(l));
  return [...new Set(langs)];
}

function eligibleTopics(taxonomy: Taxonomy): void {
  for (const t of TOPICS) {
    const node = taxonomy.get(t.iab);
    // SAFETY: the demo must never teach anyone to target a sensitive node.
    if (!node || node.sensitive !== null || !node.adEligible) {
      throw new Error(`demo topic ${t.key} maps to ${t.iab}, which is unknown, sensitive or not ad-eligible`);
    }
  }
}

/** The topic's node or one of its ad-eligible ancestors, so targeting spans tiers 1–3. */
function targetNode(rng: Rng, taxonomy: Taxonomy, iab: string): string {
  const chain = taxonomy.ancestorsOf(iab).filter((n) => n.adEligible && n.sensitive === null && n.tier <= 3);
  if (chain.length === 0) return iab;
  const roll = rng.float();
  const pickTier = roll < 0.45 ? 1 : roll < 0.75 ? 2 : 3;
  const exact = chain.find((n) => n.tier === pickTier);
  return (exact ?? chain[0] ?? { id: iab }).id;
}

function makeCampaigns(rng: Rng, count: number, now: number, taxonomy: Taxonomy): Campaign[] {
  const open = COUNTRIES.filter(([c]) => !DEFAULT_POLICY.excludedRegions.includes(c)).map(
    ([c, w]) => [c, w] as const,
  );
  const all = COUNTRIES.map(([c, w]) => [c, w] as const);
  const out: Campaign[] = [];

  const topicWeights = TOPICS.map((_, i) => [i, popularity(i)] as const);
  for (let i = 0; i < count; i++) {
    // Advertisers follow audiences: popular topics get more campaigns.
    const topicIndex = rng.weighted(topicWeights);
    const topic = TOPICS[topicIndex] ?? TOPICS[0];
    if (topic === undefined) throw new Error('no topics');
    const brand = rng.pick(variants(topic.advertisers));
    const campaignId = `cmp-${pad(i + 1, 4)}`;
    // ~6% broad campaigns (country only): what the fallback path serves when no interest matches.
    const broad = rng.chance(0.06);

    // Mostly multi-market campaigns, as interest targeting in one small market rarely
    // clears the k floor; some single-country and some that include excluded markets.
    const countries = new Set<string>();
    const geo = rng.float();
    if (broad) {
      const n = rng.int(1, 3);
      for (let k = 0; k < n; k++) countries.add(rng.weighted(open));
    } else if (geo < 0.55) {
      for (const [c] of open) countries.add(c);
    } else if (geo < 0.75) {
      for (const c of rng.pick(MARKET_BUNDLES)) countries.add(c);
    } else if (geo < 0.87) {
      const n = rng.int(2, 4);
      for (let k = 0; k < n; k++) countries.add(rng.weighted(open));
    } else if (geo < 0.95) {
      countries.add(rng.weighted(open));
    } else {
      // A global advertiser's list: the excluded markets in it simply never match anyone.
      const n = rng.int(3, 6);
      for (let k = 0; k < n; k++) countries.add(rng.weighted(all));
    }
    const countryList = [...countries].sort();

    const anyOf = new Set<string>();
    const allOf: string[] = [];
    const noneOf: string[] = [];
    let minAge = 18;
    if (!broad) {
      anyOf.add(targetNode(rng, taxonomy, topic.iab));
      if (rng.chance(0.3)) anyOf.add(targetNode(rng, taxonomy, rng.pick(TOPICS).iab));
      if (rng.chance(0.08)) {
        const other = rng.pick(TOPICS);
        if (!anyOf.has(other.iab)) allOf.push(other.iab);
      }
      if (rng.chance(0.1)) {
        const other = rng.pick(TOPICS).iab;
        // An exclusion that covers a targeted node would make the campaign unmatchable.
        const positive = [...anyOf, ...allOf];
        if (!positive.some((id) => taxonomy.isWithin(id, other))) noneOf.push(other);
      }
      for (const id of [...anyOf, ...allOf]) minAge = Math.max(minAge, taxonomy.get(id)?.minAge ?? 0);
    }

    const lang0 = languagesOf(countryList[0] ?? 'US')[0] ?? 'en';
    const languages = !broad && rng.chance(0.2) ? [...new Set(countryList.flatMap(languagesOf))].sort() : [];
    const headlineLang: DemoLang = (DEMO_LANGS as readonly string[]).includes(languages[0] ?? lang0)
      ? ((languages[0] ?? lang0) as DemoLang)
      : 'en';

    const targeting: Targeting = {
      interests: { anyOf: [...anyOf], allOf, noneOf },
      countries: countryList,
      ...(broad && rng.chance(0.5)
        ? {}
        : {
            ageRange: {
              min: Math.max(minAge, rng.pick([18, 18, 18, 21, 25])),
              max: rng.pick([44, 54, 65, 120, 120]),
            },
          }),
      languages,
      surfaces: rng.chance(0.15) ? rng.sample(SURFACES, rng.int(1, 3)).sort() : [],
    };
    if (targeting.ageRange && targeting.ageRange.max < targeting.ageRange.min) targeting.ageRange.max = 120;

    const bid: Bid = rng.chance(0.6)
      ? { model: 'cpm', amount: Math.round(rng.range(1, 20) * 100) / 100 }
      : {
          model: 'cpc',
          amount: Math.round(rng.range(0.1, 3) * 100) / 100,
          predictedCtr: Math.round(rng.range(0.004, 0.06) * 10_000) / 10_000,
        };

    const total = rng.int(10, 1000) * 100;
    const daily = Math.max(10, Math.round((total / rng.int(10, 60)) * 100) / 100);

    const start = now + (rng.chance(0.05) ? rng.range(1, 14) : -rng.range(1, 120)) * DAY;
    const end = rng.chance(0.75) ? start + rng.range(20, 180) * DAY : undefined;
    const status: Campaign['status'] =
      end !== undefined && end < now ? 'ended' : rng.chance(0.1) ? 'paused' : 'active';

    const domain = `${slug(brand)}.example.com`;
    const creatives = Array.from({ length: rng.int(1, 3) }, (_, k) => {
      const tl = TEMPLATES[headlineLang];
      const x = topicPhrase(rng, topicIndex, headlineLang);
      return {
        id: `${campaignId}-c${k + 1}`,
        headline: capitalize(
          fill(rng.pick(tl.headline), x, '', '').replace('{brand}', brand),
          headlineLang,
        ).slice(0, 200),
        body: rng.chance(0.3)
          ? ''
          : capitalize(
              fill(rng.pick(tl.ask), x, rng.pick(CITIES[countryList[0] ?? 'US'] ?? NO_CITY), ''),
              headlineLang,
            ),
        url: `https://${domain}/${topic.key}?utm_campaign=${campaignId}&utm_content=c${k + 1}`,
      };
    });

    out.push({
      campaignId,
      advertiserId: `adv-${slug(brand)}`,
      name: `${brand} · ${broad ? 'brand awareness' : topic.key} · ${campaignId}`,
      status,
      schedule: { start: iso(start), ...(end !== undefined ? { end: iso(end) } : {}) },
      budget: { total, daily: Math.min(daily, total) },
      bid,
      creatives,
      frequencyCap: { count: rng.int(1, 6), periodHours: rng.pick([12, 24, 24, 48, 168]) },
      targeting,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Content

function makeContent(rng: Rng, count: number, now: number, taxonomy: Taxonomy): ContentItem[] {
  const countries = COUNTRIES.map(([c, w]) => [c, w] as const);
  const kinds = [
    ['post', 45],
    ['video', 25],
    ['event', 15],
    ['group', 15],
  ] as const satisfies ReadonlyArray<readonly [(typeof CONTENT_KINDS)[number], number]>;
  const out: ContentItem[] = [];
  for (let i = 0; i < count; i++) {
    const topicIndex = rng.int(0, TOPICS.length - 1);
    const topic = TOPICS[topicIndex] ?? TOPICS[0];
    if (topic === undefined) throw new Error('no topics');
    const kind = rng.weighted(kinds);
    const country = rng.weighted(countries);
    const langs = languagesOf(country);
    const lang = (langs.length > 0 ? rng.pick(langs) : 'en') as DemoLang;
    const city = rng.pick(CITIES[country] ?? NO_CITY);
    const title = capitalize(
      fill(TEMPLATES[lang].title[kind], topicPhrase(rng, topicIndex, lang), city, ''),
      lang,
    ).slice(0, 300);

    const topics = [topic.iab];
    if (rng.chance(0.4)) {
      // A broader tag, as editors add "Sports" next to "Cycling".
      const parent = taxonomy.get(topic.iab)?.parentId;
      const node = parent === null || parent === undefined ? undefined : taxonomy.get(parent);
      if (node && node.adEligible) topics.push(node.id);
    }
    if (rng.chance(0.25)) {
      const other = rng.pick(TOPICS).iab;
      if (!topics.includes(other)) topics.push(other);
    }

    const sameLang = COUNTRIES.filter(
      ([c, , l]) => c !== country && l.some(([loc]) => langOfLocale(loc) === lang),
    ).map(([c]) => c);
    const roll = rng.float();
    const itemCountries =
      roll < 0.15 ? [] : [country, ...rng.sample(sameLang, roll < 0.4 ? rng.int(1, 2) : 0)].sort();

    out.push({
      itemId: `cnt-${pad(i + 1, 5)}`,
      kind,
      title,
      topics,
      publishedAt: iso(now - rng.float() * 60 * DAY),
      countries: itemCountries,
      ...(rng.chance(0.9) ? { language: lang } : {}),
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Public API

/** The world plus per-event ground truth (topic, language, sensitive class), for evaluation. */
export function generateLabeledWorld(opts: GenerateWorldOptions = {}): LabeledWorld {
  const seed = (opts.seed ?? 1) >>> 0;
  const now = opts.now ?? DEFAULT_WORLD_NOW;
  const taxonomy = opts.taxonomy ?? loadTaxonomy();
  eligibleTopics(taxonomy);

  const people = makePeople(new Rng(seed, 'accounts'), opts.accounts ?? 2000, now);
  const { events, labels } = makeEvents(new Rng(seed, 'events'), people, opts.events ?? 50_000, now);
  const campaigns = makeCampaigns(new Rng(seed, 'campaigns'), opts.campaigns ?? 200, now, taxonomy);
  const content = makeContent(new Rng(seed, 'content'), opts.content ?? 500, now, taxonomy);
  return { world: { accounts: people.map((p) => p.account), events, campaigns, content }, labels };
}

export function generateWorld(opts: GenerateWorldOptions = {}): World {
  return generateLabeledWorld(opts).world;
}

export interface WorldSummary {
  accounts: number;
  events: number;
  uniqueEventIds: number;
  campaigns: number;
  content: number;
  accountsByCountry: Record<string, number>;
  /** Events by the language of their locale (or the account's), "und" when neither is known. */
  eventsByLanguage: Record<string, number>;
  eventsBySurface: Record<string, number>;
  minors: number;
  unknownAge: number;
  unknownRegion: number;
  inExcludedRegion: number;
  linked: number;
  optedOut: number;
  muted: number;
  noticeNever: number;
  eventsBeforeEffectiveDate: number;
  campaignsByStatus: Record<string, number>;
  broadCampaigns: number;
  contentByKind: Record<string, number>;
}

function countBy<T>(items: readonly T[], key: (t: T) => string): Record<string, number> {
  const m = new Map<string, number>();
  for (const it of items) {
    const k = key(it);
    m.set(k, (m.get(k) ?? 0) + 1);
  }
  // Largest first, then by name: stable output for logs and snapshots.
  return Object.fromEntries([...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)));
}

export function worldSummary(world: World, now: number = DEFAULT_WORLD_NOW): WorldSummary {
  const nowYear = new Date(now).getUTCFullYear();
  const localeOf = new Map(world.accounts.map((a) => [a.accountId, a.locale]));
  const excluded = new Set<string>(DEFAULT_POLICY.excludedRegions);
  return {
    accounts: world.accounts.length,
    events: world.events.length,
    uniqueEventIds: new Set(world.events.map((e) => e.eventId)).size,
    campaigns: world.campaigns.length,
    content: world.content.length,
    accountsByCountry: countBy(world.accounts, (a) => a.region ?? 'unknown'),
    eventsByLanguage: countBy(world.events, (e) =>
      (e.locale ?? localeOf.get(e.accountId) ?? 'und').slice(0, 2),
    ),
    eventsBySurface: countBy(world.events, (e) => e.surface),
    // Same reading as the gate: the youngest the person can be this year.
    minors: world.accounts.filter(
      (a) => a.birthYear != null && nowYear - a.birthYear - 1 < DEFAULT_POLICY.minimumAge,
    ).length,
    unknownAge: world.accounts.filter((a) => a.birthYear == null).length,
    unknownRegion: world.accounts.filter((a) => a.region == null).length,
    inExcludedRegion: world.accounts.filter((a) => a.region != null && excluded.has(a.region)).length,
    linked: world.accounts.filter((a) => a.linkedAdAccounts.length > 0).length,
    optedOut: world.accounts.filter((a) => a.optedOut).length,
    muted: world.accounts.filter((a) => a.mutedTopics.length > 0).length,
    noticeNever: world.accounts.filter((a) => a.noticeShownAt == null).length,
    eventsBeforeEffectiveDate: world.events.filter((e) => Date.parse(e.occurredAt) < EFFECTIVE).length,
    campaignsByStatus: countBy(world.campaigns, (c) => c.status),
    broadCampaigns: world.campaigns.filter(
      (c) => c.targeting.interests.anyOf.length === 0 && c.targeting.interests.allOf.length === 0,
    ).length,
    contentByKind: countBy(world.content, (c) => c.kind),
  };
}
