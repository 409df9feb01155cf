import * as snowballModule from 'snowball-stemmers';
import type { SensitiveClass } from '../model/sensitive.js';
import { SENSITIVE_CLASSES } from '../model/sensitive.js';
import type { Taxonomy, TaxonomyNode } from '../taxonomy/taxonomy.js';
import { DEFAULT_KB } from './kb/index.js';
import type { CueKind, KbLang, KbTerms, KnowledgeBase } from './kb/index.js';
import { calibratedScore, type ScoreFeatures } from './calibration.js';
import { detectLanguageFromTokens, langFromLocale, SUPPORTED_LANGS, type SupportedLang } from './language.js';
import type { InterestMatch, InterestStrength, UnderstandInput, Understanding } from './types.js';

/**
 * The understand engine: tokens → stems → knowledge-base phrases → interests, rejections and
 * special categories. Everything is built once in `createUnderstander`; per message the work is
 * one regex tokenisation plus a few Map lookups per token (stems are cached per language).
 */

// ---------------------------------------------------------------- tunables (as data)

/** Weight of a `+` context term: it only strengthens a class that already has its own evidence. */
const CONTEXT_WEIGHT = 0.15;
const WEIGHT_PREFIX: Record<string, number> = { '!': 2, '^': 0.5, '~': 0.4, '+': CONTEXT_WEIGHT };
/** A class is flagged when its evidence reaches this. `^` terms need company; plain terms do not. */
export const SENSITIVE_THRESHOLD = 0.6;
/**
 * Context terms ("troops" makes "border" political, "patients" makes "cells" medical) count
 * only once the class has at least this much evidence of its own: alone they never flag.
 */
const CONTEXT_NEEDS = 0.5;
/** Below this much evidence a node is not reported. A lone weak (`~`) term just passes. */
const MIN_INTEREST_EVIDENCE = 0.35;
const DECLARED_BOOST = 1.5;
const IMAGE_LABEL_FACTOR = 0.8;
const MAX_INTERESTS = 5;
const MAX_NEGATIVE = 3;
/** Tokens a plain negator may sit before its term ("not cooking", "kein Fußball"). */
const NEG_WINDOW = 3;
const STEM_CACHE_LIMIT = 200_000;
/** Detection margin above which the cross-language surface net is not used. */
const LANG_CONFIDENT = 0.5;

// The package is CommonJS: under native ESM its exports arrive as `default`, under CJS
// transpilation (some test runners) as the namespace itself. Accept both.
type SnowballFactory = (typeof snowballModule)['default'];
const snowballFactory: SnowballFactory =
  (snowballModule as unknown as { default?: SnowballFactory }).default ??
  (snowballModule as unknown as SnowballFactory);

const SNOWBALL_NAME: Record<SupportedLang, string | null> = {
  en: 'english',
  es: 'spanish',
  pt: 'portuguese',
  fr: 'french',
  it: 'italian',
  de: 'german',
  da: 'danish',
  nl: 'dutch',
  tr: 'turkish',
  // Snowball has no Indonesian: a light suffix stripper below.
  id: null,
};
/** Languages that glue nouns together ("Fußballschuhe", "fodboldkamp"): try their tail. */
const COMPOUNDING = new Set<SupportedLang>(['de', 'da', 'nl']);

// ---------------------------------------------------------------- text helpers

const TOKEN_RE = /[\p{L}\p{N}]+|[.!?;:,](?=\s|$)/gu;
const PUNCT = new Set(['.', '!', '?', ';', ':', ',']);
const COMBINING = /\p{M}+/gu;
const NEEDS_FOLD = /[^\p{ASCII}]/u;

function fold(s: string): string {
  if (!NEEDS_FOLD.test(s)) return s;
  return s.normalize('NFD').replace(COMBINING, '').replace(/ß/g, 'ss').replace(/ı/g, 'i');
}

const exactCache = new Map<string, string>();
const foldCache = new Map<string, string>();

/** Index key of a token matched literally (never equal to a stem key). Cached: tokens repeat. */
function exactKey(token: string): string {
  let k = exactCache.get(token);
  if (k === undefined) {
    k = '=' + fold(token);
    if (exactCache.size >= STEM_CACHE_LIMIT) exactCache.clear();
    exactCache.set(token, k);
  }
  return k;
}

function foldCached(token: string): string {
  let k = foldCache.get(token);
  if (k === undefined) {
    k = fold(token);
    if (foldCache.size >= STEM_CACHE_LIMIT) foldCache.clear();
    foldCache.set(token, k);
  }
  return k;
}

function tokenize(lower: string): string[] {
  return lower.match(TOKEN_RE) ?? [];
}

function stripIndonesian(w: string): string {
  if (w.length > 5) {
    for (const suf of ['nya', 'lah', 'kah', 'kan', 'an']) {
      if (w.endsWith(suf) && w.length - suf.length >= 4) return w.slice(0, -suf.length);
    }
  }
  return w;
}

type StemFn = (token: string) => string;

function makeStemmer(lang: SupportedLang): StemFn {
  const name = SNOWBALL_NAME[lang];
  const raw: (w: string) => string =
    name === null
      ? stripIndonesian
      : (() => {
          const s = snowballFactory.newStemmer(name);
          return (w: string) => s.stem(w);
        })();
  const cache = new Map<string, string>();
  return (token: string) => {
    const hit = cache.get(token);
    if (hit !== undefined) return hit;
    // Numbers and single letters are their own keys; stemming them is wasted work.
    const key = token.length < 3 || /^\d+$/.test(token) ? token : fold(raw(token));
    if (cache.size >= STEM_CACHE_LIMIT) cache.clear();
    cache.set(token, key);
    return key;
  };
}

// ---------------------------------------------------------------- compiled KB

const enum Kind {
  Node,
  Sensitive,
  Cue,
}

interface Pattern {
  /** Keys of the tokens after the first. */
  rest: readonly string[];
  kind: Kind;
  weight: number;
  node: TaxonomyNode | null;
  cls: SensitiveClass | null;
  cue: CueKind | null;
}

type Index = Map<string, Pattern[]>;

interface LangIndex {
  index: Index;
  stem: StemFn;
  info: Map<string, TokenInfo>;
}

interface Compiled {
  /** A language's stemmed index, built on first use (snowball stemming dominates start-up). */
  lang(lang: SupportedLang): LangIndex;
  /** Unstemmed, accent-folded surface forms of every language: a safety net when detection errs. */
  surface: Index;
}

function parseTerms(list: string): Array<{ phrase: string; weight: number; exact: boolean }> {
  const out: Array<{ phrase: string; weight: number; exact: boolean }> = [];
  for (const part of list.split(',')) {
    let phrase = part.trim().toLowerCase();
    if (phrase === '') continue;
    let weight = 1;
    const w = WEIGHT_PREFIX[phrase[0] ?? ''];
    if (w !== undefined) {
      weight = w;
      phrase = phrase.slice(1).trim();
    }
    // `=` keeps the surface form: for words whose stem collides with another word
    // (German "buche" → "buch", Italian "operazione" → "opera").
    const exact = phrase.startsWith('=');
    if (exact) phrase = phrase.slice(1).trim();
    out.push({ phrase, weight, exact });
  }
  return out;
}

function addPattern(
  index: Index,
  seen: Map<string, Pattern>,
  tag: string,
  keys: string[],
  proto: Omit<Pattern, 'rest'>,
): void {
  const [first, ...rest] = keys;
  if (first === undefined) return;
  // The same phrase listed twice for one target keeps its strongest weight.
  const id = `${tag}\u0003${keys.join('\u0001')}\u0002${proto.kind}:${proto.node?.id ?? ''}:${proto.cls ?? ''}:${proto.cue ?? ''}`;
  const same = seen.get(id);
  if (same) {
    same.weight = Math.max(same.weight, proto.weight);
    return;
  }
  // Built field by field, never by spreading `proto`: spread objects take the hidden class of
  // their source, so patterns from different sources would make every loop over them
  // polymorphic (measured: classify ran ~30% slower once the KB mixed more sources).
  const pattern: Pattern = {
    rest,
    kind: proto.kind,
    weight: proto.weight,
    node: proto.node,
    cls: proto.cls,
    cue: proto.cue,
  };
  seen.set(id, pattern);
  const list = index.get(first);
  if (list) list.push(pattern);
  else index.set(first, [pattern]);
}

/** Longest phrases first, so the first full match at a position is the most specific one. */
function sortIndex(index: Index): void {
  for (const list of index.values()) if (list.length > 1) list.sort((a, b) => b.rest.length - a.rest.length);
}

interface Source {
  terms: KbTerms;
  proto: Omit<Pattern, 'rest'>;
}

function compile(taxonomy: Taxonomy, kb: KnowledgeBase): Compiled {
  const sources: Source[] = [];
  for (const entry of kb.nodes) {
    const node = taxonomy.get(entry.node);
    // Fail fast at start-up: a KB pointing at an unknown node is a data bug.
    if (!node) throw new Error(`knowledge base: unknown taxonomy id ${entry.node}`);
    const kind = node.sensitive === null ? Kind.Node : Kind.Sensitive;
    sources.push({ terms: entry.t, proto: { kind, weight: 1, node, cls: node.sensitive, cue: null } });
  }
  for (const entry of kb.sensitive) {
    sources.push({
      terms: entry.t,
      proto: { kind: Kind.Sensitive, weight: 1, node: null, cls: entry.cls, cue: null },
    });
  }
  for (const entry of kb.cues) {
    sources.push({
      terms: entry.t,
      proto: { kind: Kind.Cue, weight: 1, node: null, cls: null, cue: entry.cue },
    });
  }

  const phrases = (list: string): Array<{ tokens: string[]; weight: number; exact: boolean }> =>
    parseTerms(list)
      .map(({ phrase, weight, exact }) => ({
        tokens: tokenize(phrase).filter((t) => !PUNCT.has(t)),
        weight,
        exact,
      }))
      .filter((p) => p.tokens.length > 0);

  // Surface net: every language, folded but not stemmed, so it is cheap to build eagerly.
  const surface: Index = new Map();
  const seen = new Map<string, Pattern>();
  for (const { terms, proto } of sources) {
    // Cues are language-specific grammar: they stay out of the cross-language net, and so do
    // short words, which collide across languages ("car" is French for "because").
    if (proto.kind === Kind.Cue) continue;
    for (const [klang, list] of Object.entries(terms) as Array<[KbLang, string | undefined]>) {
      if (list === undefined) continue;
      for (const { tokens, weight } of phrases(list)) {
        const keys = tokens.map(fold);
        // Context terms are everyday words: across languages they are only false friends.
        if (weight === CONTEXT_WEIGHT) continue;
        if (klang === 'any' || (keys[0]?.length ?? 0) >= 5)
          addPattern(surface, seen, '*', keys, { ...proto, weight });
      }
    }
  }
  sortIndex(surface);

  const built = new Map<SupportedLang, LangIndex>();
  const lang = (l: SupportedLang): LangIndex => {
    const done = built.get(l);
    if (done) return done;
    const stem = makeStemmer(l);
    const index: Index = new Map();
    const seenL = new Map<string, Pattern>();
    for (const { terms, proto } of sources) {
      for (const klang of ['any', l] as const) {
        const list = terms[klang];
        if (list === undefined) continue;
        for (const { tokens, weight, exact } of phrases(list)) {
          // Cues are function words: stemming them only creates collisions (Italian "però" → "per").
          // `any` names (brands, artists) are literal too: a foreign stemmer mangles them ("queer" → "que").
          const literal = exact || proto.kind === Kind.Cue || klang === 'any';
          addPattern(index, seenL, l, literal ? tokens.map(exactKey) : tokens.map(stem), {
            ...proto,
            weight,
          });
        }
      }
    }
    sortIndex(index);
    const entry: LangIndex = { index, stem, info: new Map() };
    built.set(l, entry);
    return entry;
  };
  return { lang, surface };
}

// ---------------------------------------------------------------- matching

interface Hit {
  pos: number;
  len: number;
  p: Pattern;
}

/**
 * Everything the scanner needs about one token in one language, computed once per distinct
 * token and cached: per message that is one Map lookup per token instead of several.
 */
interface TokenInfo {
  stem: string;
  exact: string;
  fold: string;
  /** Phrases of the language index starting with this token (stemmed or literal), longest first. */
  lang: PhraseList | null;
  /** Phrases of the cross-language surface net starting with this token. */
  surface: PhraseList | null;
  /** Single-word terms found inside a compound word; undefined until first needed. */
  compound: readonly Pattern[] | null | undefined;
}

const byLength = (a: Pattern, b: Pattern): number => b.rest.length - a.rest.length;

/**
 * The phrases that start with one token, longest first. Common first words ("my", "la", "min")
 * start a hundred phrases or more; a long list is also grouped by the key of its second token,
 * so matching looks up the few phrases that can continue instead of trying them all.
 */
interface PhraseList {
  all: readonly Pattern[];
  /** Multi-word phrases by their second key (stem, "=literal" or surface fold), longest first. */
  bySecond: Map<string, Pattern[]> | null;
  /** The one-word phrases of `all`. */
  singles: readonly Pattern[];
}

/** Below this many phrases a plain scan is as fast as a lookup. */
const GROUP_FROM = 8;
const phraseLists = new WeakMap<readonly Pattern[], PhraseList>();

function phraseList(all: readonly Pattern[] | null | undefined): PhraseList | null {
  if (!all) return null;
  let list = phraseLists.get(all);
  if (list) return list;
  let bySecond: Map<string, Pattern[]> | null = null;
  const singles: Pattern[] = [];
  if (all.length >= GROUP_FROM) {
    bySecond = new Map();
    for (const p of all) {
      const second = p.rest[0];
      if (second === undefined) singles.push(p);
      else {
        const group = bySecond.get(second);
        if (group) group.push(p);
        else bySecond.set(second, [p]);
      }
    }
  }
  list = { all, bySecond, singles };
  phraseLists.set(all, list);
  return list;
}

function tokenInfo(li: LangIndex, surface: Index, token: string): TokenInfo {
  const known = li.info.get(token);
  if (known) return known;
  const stem = li.stem(token);
  const exact = exactKey(token);
  const fold = foldCached(token);
  const a = li.index.get(stem);
  const b = li.index.get(exact);
  const info: TokenInfo = {
    stem,
    exact,
    fold,
    lang: phraseList(a && b ? [...a, ...b].sort(byLength) : (a ?? b)),
    surface: phraseList(surface.get(fold)),
    compound: undefined,
  };
  if (li.info.size >= STEM_CACHE_LIMIT) li.info.clear();
  li.info.set(token, info);
  return info;
}

/** Token infos of one message under one language, computed on demand. */
class InfoRow {
  private readonly infos: Array<TokenInfo | undefined>;
  constructor(
    private readonly tokens: readonly string[],
    private readonly li: LangIndex,
    private readonly surface: Index,
  ) {
    this.infos = new Array<TokenInfo | undefined>(tokens.length);
  }
  at(i: number): TokenInfo | undefined {
    let info = this.infos[i];
    if (info === undefined) {
      const t = this.tokens[i];
      if (t === undefined) return undefined;
      info = tokenInfo(this.li, this.surface, t);
      this.infos[i] = info;
    }
    return info;
  }
}

/** Whether phrase `p`, starting with token `i`, matches the tokens after it. */
function matches(p: Pattern, row: InfoRow, i: number, surfaceKeys: boolean): boolean {
  for (let j = 0; j < p.rest.length; j++) {
    const info = row.at(i + 1 + j);
    const key = p.rest[j] ?? '';
    const have =
      info === undefined
        ? undefined
        : surfaceKeys
          ? info.fold
          : key.charCodeAt(0) === 61
            ? info.exact
            : info.stem;
    if (have !== key) return false;
  }
  return true;
}

/**
 * Tokens spanned by the last match's phrases, also when only cues matched (module scratch, like
 * the scoring's: matching is synchronous and never re-entered).
 */
let matchedLen = 0;

/**
 * Pushes every longest phrase of `list` that matches at `i`; returns the tokens consumed (cues
 * consume none). Literal keys start with "=", which no stem does.
 */
function matchList(list: PhraseList, row: InfoRow, i: number, surfaceKeys: boolean, out: Hit[]): number {
  const groups = list.bySecond;
  if (groups !== null) {
    // Only phrases whose second key is the next token's can match beyond one word.
    const next = row.at(i + 1);
    const a = next === undefined ? undefined : groups.get(surfaceKeys ? next.fold : next.stem);
    const b = next === undefined || surfaceKeys ? undefined : groups.get(next.exact);
    if (a !== undefined || b !== undefined) {
      const consumed =
        a !== undefined && b !== undefined
          ? matchTwo(a, b, row, i, surfaceKeys, out)
          : matchScan(a ?? b ?? [], row, i, surfaceKeys, out);
      if (matchedLen > 0) return consumed;
    }
    return matchScan(list.singles, row, i, surfaceKeys, out);
  }
  return matchScan(list.all, row, i, surfaceKeys, out);
}

/** `matchList` over one list, longest first. */
function matchScan(
  list: readonly Pattern[],
  row: InfoRow,
  i: number,
  surfaceKeys: boolean,
  out: Hit[],
): number {
  matchedLen = 0;
  let consumed = 0;
  for (const p of list) {
    const len = p.rest.length + 1;
    if (matchedLen > 0 && len < matchedLen) break; // only the longest phrases at a position
    if (!matches(p, row, i, surfaceKeys)) continue;
    matchedLen = len;
    out.push({ pos: i, len, p });
    // A cue ("I'm vegan", "fan of") colours the words it spans but does not hide them.
    if (p.kind !== Kind.Cue) consumed = len;
  }
  return consumed;
}

/**
 * `matchList` over two groups of multi-word phrases (a token's stem and its literal form both
 * continue phrases; rare): the longest match of either wins. A one-word phrase is never longer.
 */
function matchTwo(
  a: readonly Pattern[],
  b: readonly Pattern[],
  row: InfoRow,
  i: number,
  surfaceKeys: boolean,
  out: Hit[],
): number {
  let best = 0;
  for (const list of [a, b])
    for (const p of list)
      if (p.rest.length + 1 > best && matches(p, row, i, surfaceKeys)) {
        best = p.rest.length + 1;
        break;
      }
  matchedLen = best;
  let consumed = 0;
  for (const list of [a, b])
    for (const p of list)
      if (p.rest.length + 1 === best && matches(p, row, i, surfaceKeys)) {
        out.push({ pos: i, len: best, p });
        if (p.kind !== Kind.Cue) consumed = best;
      }
  return consumed;
}

/**
 * A compound word's parts looked up as single-word terms: the tail first ("kochrezepte" →
 * "rezepte"), then the head ("filmvorstellungszeiten" → "film"). Parts of at least 4 letters.
 */
function compoundPart(li: LangIndex, token: string): Pattern[] | null {
  // A part must survive stemming nearly whole ("indigkeit" → "indig" is a collision, not a
  // word); a sensitive head needs 6+ letters, shorter ones misfire (Danish "sjæl" in "sjældent").
  // SAFETY: sensitive terms may also lose a derivational ending ("vorgängerregierung" →
  // "regier", "gelenkerkrankung" → "erkrank": three letters), recall first; interest terms may
  // not, where it misreads ("håndboldspiller" → "spil" is a player, not music).
  const lookup = (part: string, head: boolean): Pattern[] | null => {
    const key = li.stem(part);
    const dropped = part.length - key.length;
    if (key.length < 4 || dropped > 3) return null;
    const singles = li.index
      .get(key)
      ?.filter(
        (p) =>
          p.rest.length === 0 &&
          ((p.kind === Kind.Node && dropped <= 2) ||
            (p.kind === Kind.Sensitive && p.weight !== CONTEXT_WEIGHT && (!head || part.length >= 6))),
      );
    return singles && singles.length > 0 ? singles : null;
  };
  let found: Pattern[] | null = null;
  for (let k = 4; k <= token.length - 4 && found === null; k++) found = lookup(token.slice(k), false);
  for (let k = token.length - 4; k >= 4 && found === null; k--) found = lookup(token.slice(0, k), true);
  return found;
}

function scan(
  tokens: readonly string[],
  compiled: Compiled,
  primary: SupportedLang,
  secondary: SupportedLang | undefined,
  useSurface: boolean,
  hits: Hit[],
): void {
  const prim = compiled.lang(primary);
  const sec = secondary !== undefined && secondary !== primary ? compiled.lang(secondary) : undefined;
  const primRow = new InfoRow(tokens, prim, compiled.surface);
  const secRow = sec ? new InfoRow(tokens, sec, compiled.surface) : undefined;
  const compounding = COMPOUNDING.has(primary);
  for (let i = 0; i < tokens.length;) {
    const tok = tokens[i] ?? '';
    if (PUNCT.has(tok)) {
      i++;
      continue;
    }
    const info = primRow.at(i);
    if (info === undefined) break;
    let len = info.lang ? matchList(info.lang, primRow, i, false, hits) : 0;
    if (len === 0 && secRow) {
      const sinfo = secRow.at(i);
      if (sinfo?.lang) len = matchList(sinfo.lang, secRow, i, false, hits);
    }
    // Long words are matched across languages always (titles and loanwords mix languages);
    // short ones only when detection is unsure, as short words are where false friends live.
    if (len === 0 && info.surface && tok.length >= (useSurface ? 4 : 6)) {
      len = matchList(info.surface, primRow, i, true, hits);
    }
    if (len === 0 && compounding && tok.length >= 8) {
      if (info.compound === undefined) info.compound = compoundPart(prim, tok);
      if (info.compound) {
        for (const p of info.compound) hits.push({ pos: i, len: 1, p });
        len = 1;
      }
    }
    i += len > 0 ? len : 1;
  }
}

// ---------------------------------------------------------------- scoring

interface Evidence {
  weight: number;
  declared: boolean;
}

const lineages = new WeakMap<TaxonomyNode, ReadonlySet<string>>();

/** The node's own id and its ancestors' ids (cached per node). */
function lineageOf(taxonomy: Taxonomy, node: TaxonomyNode): ReadonlySet<string> {
  let set = lineages.get(node);
  if (!set) {
    set = new Set(taxonomy.ancestorsOf(node.id).map((n) => n.id));
    lineages.set(node, set);
  }
  return set;
}

type Ranked = InterestMatch & { group: number; features: ScoreFeatures };

function rank(
  taxonomy: Taxonomy,
  evidence: Map<TaxonomyNode, Evidence>,
  max: number,
  tokens: number,
  report?: (ranked: ReadonlyArray<{ id: string; features: ScoreFeatures }>) => void,
): InterestMatch[] {
  if (evidence.size === 0) {
    report?.([]);
    return [];
  }
  const tier1 = new Map<string, number>();
  let total = 0;
  for (const [node, ev] of evidence) {
    tier1.set(node.tier1Id, (tier1.get(node.tier1Id) ?? 0) + ev.weight);
    total += ev.weight;
  }
  const out: Ranked[] = [];
  for (const [node, own] of evidence) {
    const group = tier1.get(node.tier1Id) ?? 0;
    if (group < MIN_INTEREST_EVIDENCE) continue;
    // Evidence on the node's own line (ancestors and descendants) supports it.
    let line = own.weight;
    let declared = own.declared;
    if (evidence.size > 1) {
      const mine = lineageOf(taxonomy, node);
      for (const [other, oev] of evidence) {
        if (other === node || other.tier1Id !== node.tier1Id) continue;
        if (mine.has(other.id) || lineageOf(taxonomy, other).has(node.id)) {
          line += oev.weight;
          declared ||= oev.declared;
        }
      }
    }
    // Most weight on the tier-1 group (what the message is about), then the node's own line,
    // plus a small bonus for depth so that supported specific nodes rank above their parents.
    const raw = 0.7 * group + 0.3 * line + 0.04 * (node.tier - 1);
    const strength: InterestStrength = declared ? 'declared' : 'mention';
    const features: ScoreFeatures = { raw, share: total > 0 ? group / total : 0, tokens, declared };
    out.push({
      id: node.id,
      name: node.name,
      score: calibratedScore(features),
      strength,
      group,
      features,
    });
  }
  // The best-supported tier-1 group first (depth must not decide between topics), then depth.
  out.sort((a, b) => b.group - a.group || b.features.raw - a.features.raw || (a.id < b.id ? -1 : 1));
  const top = out.slice(0, max);
  report?.(top);
  // Scores follow the ranking: an interest ranked lower never reads as more likely.
  for (let i = 1; i < top.length; i++) {
    const prev = top[i - 1]?.score ?? 1;
    const cur = top[i];
    if (cur !== undefined && cur.score > prev) cur.score = prev;
  }
  return top.map(({ group: _group, features: _features, ...m }) => m);
}

/**
 * Ends one token position of the sensitive scoring: its context words count for the classes
 * that the same word is not already evidence of. Returns the (possibly new) context map.
 */
function flushContext(
  atPos: Map<SensitiveClass, number>,
  ctxAtPos: Set<SensitiveClass>,
  ctxW: Map<SensitiveClass, number> | undefined,
): Map<SensitiveClass, number> | undefined {
  let out = ctxW;
  if (ctxAtPos.size > 0) {
    for (const c of ctxAtPos) {
      if (atPos.has(c)) continue;
      out ??= new Map();
      out.set(c, (out.get(c) ?? 0) + CONTEXT_WEIGHT);
    }
    ctxAtPos.clear();
  }
  if (atPos.size > 0) atPos.clear();
  return out;
}

/** A class's own evidence, plus its context words once the own evidence is enough to count them. */
function classEvidence(
  c: SensitiveClass,
  own: ReadonlyMap<SensitiveClass, number> | undefined,
  ctx: ReadonlyMap<SensitiveClass, number> | undefined,
): number {
  const o = own?.get(c) ?? 0;
  return o >= CONTEXT_NEEDS ? o + (ctx?.get(c) ?? 0) : o;
}

// ---------------------------------------------------------------- public API

export type Understander = (input: UnderstandInput) => Understanding;

export interface UnderstanderOptions {
  /**
   * Developer tooling only (eval, debugging): report which phrases matched. The trace holds
   * text fragments, so it must never be stored or sent anywhere.
   */
  trace?: (matched: string[]) => void;
  /**
   * Developer tooling only (eval): each class's sensitive evidence, before the threshold is
   * applied, so a report can show what a different threshold would trade.
   */
  evidence?: (byClass: ReadonlyMap<SensitiveClass, number>) => void;
  /** Developer tooling only (scripts/calibrate.ts): what each ranked interest's score was computed from. */
  scoreFeatures?: (ranked: ReadonlyArray<{ id: string; features: ScoreFeatures }>) => void;
  /** Build every language's index at creation instead of on first use. */
  eager?: boolean;
}

/** Builds the understander once (KB compilation, stemmers); the returned function is pure. */
export function createUnderstander(
  taxonomy: Taxonomy,
  kb: KnowledgeBase = DEFAULT_KB,
  options: UnderstanderOptions = {},
): Understander {
  const compiled = compile(taxonomy, kb);
  // English is the fallback of every unsure message: build it now, the others on first use
  // (or all now with `eager`, for workers that prefer a slower start to a slow first message).
  for (const l of options.eager ? SUPPORTED_LANGS : (['en'] as const)) compiled.lang(l);
  const trace = options.trace;
  const evidence = options.evidence;
  const noEvidence: ReadonlyMap<SensitiveClass, number> = new Map();
  // Scratch space of the sensitive scoring, reused across messages (cleared before each use).
  const atPos = new Map<SensitiveClass, number>();
  const ctxAtPos = new Set<SensitiveClass>();
  const weakSeen = new Set<Pattern>();

  return (input: UnderstandInput): Understanding => {
    const text = input.text ?? '';
    const lower = text.toLowerCase();
    const tokens = tokenize(lower);
    const forced = langFromLocale(input.lang);
    const guess = forced
      ? { lang: forced, confidence: 1, runnerUp: undefined }
      : detectLanguageFromTokens(tokens, lower, input.localeHint);
    const detected = langFromLocale(guess.lang);
    const hint = langFromLocale(input.localeHint);
    // SAFETY: an undetermined language still gets matched (English KB plus the cross-language
    // surface net), so sensitive words are never skipped because detection was unsure.
    const primary: SupportedLang = detected ?? hint ?? 'en';

    const hits: Hit[] = [];
    // The cross-language net only when detection is unsure: on confident text it mostly
    // catches false friends (Danish "have" is a garden, Dutch "strip" a comic).
    const unsure = !forced && guess.confidence < LANG_CONFIDENT;
    // A second language only where it helps: the caller's locale, or when unsure the runner-up
    // of detection (mixed messages: a Danish request around an English title), else English.
    const runnerUp = guess.runnerUp;
    const fallback =
      runnerUp !== undefined && runnerUp !== primary ? runnerUp : primary !== 'en' ? 'en' : undefined;
    const secondary = hint !== undefined && hint !== primary ? hint : unsure ? fallback : undefined;
    scan(tokens, compiled, primary, secondary, unsure, hits);
    const textHitCount = hits.length;
    let labelTokens: string[] = [];
    if (input.imageLabels && input.imageLabels.length > 0) {
      // Labels are short English nouns in practice; each label is its own clause.
      labelTokens = tokenize(input.imageLabels.join(' . ').toLowerCase() + ' .');
      scan(labelTokens, compiled, 'en', primary !== 'en' ? primary : undefined, true, hits);
    }

    if (trace) {
      trace(
        hits.map((h, i) => {
          const toks = i < textHitCount ? tokens : labelTokens;
          const what = h.p.cue ?? h.p.cls ?? '';
          return `${toks.slice(h.pos, h.pos + h.len).join(' ')}→${h.p.node?.id ?? ''}${what ? ':' + what : ''}@${h.p.weight}`;
        }),
      );
    }
    const lang = forced ?? (tokens.length === 0 && !hint ? 'und' : guess.lang);
    if (hits.length === 0) {
      evidence?.(noEvidence);
      return { lang, interests: [], negative: [], sensitive: [], adEligible: true };
    }

    // ---- sensitive classes: any evidence, whatever the polarity
    // One word is one piece of evidence per class: a term listed under two entries (a node and
    // the general lexicon) counts once, at its strongest weight, and a word that is evidence of a
    // class is not also its context. Hits at one position are adjacent.
    let sensW: Map<SensitiveClass, number> | undefined;
    let ctxW: Map<SensitiveClass, number> | undefined;
    let firstSensitive = -1;
    let anyNode = false;
    for (let i = 0; i < hits.length; i++) {
      const kind = hits[i]?.p.kind;
      if (kind === Kind.Sensitive && firstSensitive < 0) firstSensitive = i;
      else if (kind === Kind.Node) anyNode = true;
    }
    // (Map/Set.clear reallocates in V8: only clear what the last message used.)
    if (atPos.size > 0) atPos.clear();
    if (ctxAtPos.size > 0) ctxAtPos.clear();
    if (weakSeen.size > 0) weakSeen.clear();
    let lastPos = -1;
    for (let i = Math.max(0, firstSensitive); firstSensitive >= 0 && i < hits.length; i++) {
      const h = hits[i];
      if (h === undefined || h.p.kind !== Kind.Sensitive || h.p.cls === null) continue;
      const pos = i < textHitCount ? h.pos : -2 - h.pos;
      if (pos !== lastPos) {
        ctxW = flushContext(atPos, ctxAtPos, ctxW);
        lastPos = pos;
      }
      if (h.p.weight === CONTEXT_WEIGHT) {
        ctxAtPos.add(h.p.cls);
        continue;
      }
      // A weak word said again ("cells … cells") is only context the second time.
      if (h.p.weight < 1) {
        if (weakSeen.has(h.p)) {
          ctxAtPos.add(h.p.cls);
          continue;
        }
        weakSeen.add(h.p);
      }
      sensW ??= new Map();
      const before = atPos.get(h.p.cls) ?? 0;
      if (h.p.weight <= before) continue;
      atPos.set(h.p.cls, h.p.weight);
      sensW.set(h.p.cls, (sensW.get(h.p.cls) ?? 0) + h.p.weight - before);
    }
    ctxW = flushContext(atPos, ctxAtPos, ctxW);
    if (evidence) {
      const byClass = new Map<SensitiveClass, number>();
      for (const c of SENSITIVE_CLASSES) {
        const e = classEvidence(c, sensW, ctxW);
        if (e > 0) byClass.set(c, e);
      }
      evidence(byClass);
    }
    const sensitive = sensW
      ? SENSITIVE_CLASSES.filter((c) => classEvidence(c, sensW, ctxW) >= SENSITIVE_THRESHOLD - 1e-9)
      : [];
    if (sensitive.length > 0) {
      // SAFETY: a message with any special category yields no ad signal at all, positive or negative.
      return { lang, interests: [], negative: [], sensitive, adEligible: false };
    }
    // Only context words or cues, no interest term: nothing to rank.
    if (!anyNode) return { lang, interests: [], negative: [], sensitive: [], adEligible: true };

    // ---- clauses and cues (text and labels are separate streams)
    const positive = new Map<TaxonomyNode, Evidence>();
    const negative = new Map<TaxonomyNode, Evidence>();
    const streams: Array<{ from: number; to: number; n: number; factor: number }> = [
      { from: 0, to: textHitCount, n: tokens.length, factor: 1 },
      { from: textHitCount, to: hits.length, n: labelTokens.length, factor: IMAGE_LABEL_FACTOR },
    ];
    let suppressed = false;
    for (let h = 0; h < hits.length; h++) if (hits[h]?.p.cue === 'suppress') suppressed = true;

    const addEvidence = (
      target: Map<TaxonomyNode, Evidence>,
      node: TaxonomyNode,
      w: number,
      declared: boolean,
    ): void => {
      const ev = target.get(node);
      if (ev) {
        ev.weight += w;
        ev.declared ||= declared;
      } else target.set(node, { weight: w, declared });
    };

    for (const [s, stream] of streams.entries()) {
      if (stream.to <= stream.from) continue;
      let cues = 0;
      for (let h = stream.from; h < stream.to; h++) if (hits[h]?.p.kind === Kind.Cue) cues++;
      if (cues === 0) {
        // Fast path, most messages: no preference, negation or utility cue, so every hit is a mention.
        for (let h = stream.from; h < stream.to; h++) {
          const node = hits[h]?.p.node;
          // Brand-safety nodes (crime, disasters, war…) are never offered as interests.
          if (hits[h]?.p.kind !== Kind.Node || !node || !node.adEligible) continue;
          addEvidence(positive, node, (hits[h]?.p.weight ?? 0) * stream.factor, false);
        }
        continue;
      }
      const toks = s === 0 ? tokens : labelTokens;
      const clauseOf = new Int32Array(stream.n);
      const boundaryAt = new Set<number>();
      for (let h = stream.from; h < stream.to; h++) {
        const hit = hits[h];
        if (hit?.p.cue === 'boundary') boundaryAt.add(hit.pos);
      }
      let clause = 0;
      for (let i = 0; i < stream.n; i++) {
        if (PUNCT.has(toks[i] ?? '') || boundaryAt.has(i)) clause++;
        clauseOf[i] = clause;
      }
      const like = new Set<number>();
      const hate = new Set<number>();
      const negAt: number[] = [];
      const negClause = new Set<number>();
      const negPost: Array<[number, number]> = [];
      for (let h = stream.from; h < stream.to; h++) {
        const hit = hits[h];
        if (!hit || hit.p.kind !== Kind.Cue) continue;
        const c = clauseOf[hit.pos] ?? 0;
        switch (hit.p.cue) {
          case 'like':
          case 'identity':
          case 'habit':
            like.add(c);
            break;
          case 'hate':
            hate.add(c);
            break;
          case 'neg':
            negAt.push(hit.pos);
            negClause.add(c);
            break;
          case 'negpost':
            negPost.push([hit.pos, c]);
            break;
          default:
            break;
        }
      }
      for (let h = stream.from; h < stream.to; h++) {
        const hit = hits[h];
        if (!hit || hit.p.kind !== Kind.Node || hit.p.node === null) continue;
        // Brand-safety nodes (crime, disasters, war…) are never offered as interests.
        if (!hit.p.node.adEligible) continue;
        const c = clauseOf[hit.pos] ?? 0;
        const negated =
          hate.has(c) ||
          (negClause.has(c) && like.has(c)) ||
          negAt.some((p) => p < hit.pos && hit.pos - p <= NEG_WINDOW && clauseOf[p] === c) ||
          negPost.some(([p, pc]) => pc === c && p > hit.pos);
        const declared = like.has(c) || hate.has(c);
        if (!negated && !declared && suppressed) continue;
        const w = hit.p.weight * stream.factor * (declared ? DECLARED_BOOST : 1);
        addEvidence(negated ? negative : positive, hit.p.node, w, declared);
      }
    }

    return {
      lang,
      interests: rank(
        taxonomy,
        positive,
        MAX_INTERESTS,
        tokens.length + labelTokens.length,
        options.scoreFeatures,
      ),
      negative: rank(taxonomy, negative, MAX_NEGATIVE, tokens.length + labelTokens.length),
      sensitive: [],
      adEligible: true,
    };
  };
}
