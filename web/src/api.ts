/** The console's only way to the server: the public HTTP API with a bearer credential. */

export type Role = 'admin' | 'advertiser' | 'user';

export interface Session {
  credential: string;
  role: Role;
  /** For a user token: the account it opens. */
  accountId?: string;
}

export interface ErrorDetail {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
  }
}

const STORAGE_KEY = 'chatsignal.session';

export function loadSession(): Session | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as Session;
    return typeof s.credential === 'string' && typeof s.role === 'string' ? s : null;
  } catch {
    return null;
  }
}

export function saveSession(s: Session | null): void {
  if (s === null) sessionStorage.removeItem(STORAGE_KEY);
  else sessionStorage.setItem(STORAGE_KEY, JSON.stringify(s));
}

/** The account a user token opens, read from its payload (the server checks the signature). */
export function tokenAccount(token: string): string | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== 'cst1') return undefined;
  try {
    const b64 = parts[1]!.replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
    const json = JSON.parse(new TextDecoder().decode(bytes)) as { sub?: unknown };
    return typeof json.sub === 'string' ? json.sub : undefined;
  } catch {
    return undefined;
  }
}

export async function api<T>(credential: string, method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {
    authorization: `Bearer ${credential}`,
    accept: 'application/json',
  };
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw new ApiError(0, 'network', 'The server could not be reached. Check that chatsignal is running.');
  }
  const text = await res.text();
  let json: unknown = undefined;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (!res.ok) {
    const e = (json as { error?: { code?: string; message?: string; details?: ErrorDetail[] } } | undefined)
      ?.error;
    throw new ApiError(
      res.status,
      e?.code ?? 'http_error',
      e?.message ?? `HTTP ${res.status}`,
      e?.details ?? [],
    );
  }
  return json as T;
}

/** Works out what a key may do by asking the server, never by looking at the key. */
export async function signIn(credential: string): Promise<Session> {
  const c = credential.trim();
  const accountId = tokenAccount(c);
  if (accountId !== undefined) {
    await api(c, 'GET', `/v1/accounts/${encodeURIComponent(accountId)}`).catch((e: unknown) => {
      // An erased account's token is still a valid sign-in: the page says what is left (nothing).
      if (!(e instanceof ApiError && e.status === 404)) throw e;
    });
    return { credential: c, role: 'user', accountId };
  }
  try {
    await api(c, 'GET', '/v1/stats');
    return { credential: c, role: 'admin' };
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 403) throw e;
  }
  try {
    await api(c, 'GET', '/v1/campaigns');
    return { credential: c, role: 'advertiser' };
  } catch (e) {
    if (e instanceof ApiError && e.status === 403) {
      throw new ApiError(
        403,
        'forbidden',
        'This key is valid but opens none of the console pages (it is probably an ingest key).',
      );
    }
    throw e;
  }
}

// ---- response shapes (what the console reads of them) ----

export interface Policy {
  effectiveDate: string;
  minimumAge: number;
  excludedRegions: string[];
  requireLinkedAdAccount: boolean;
  requireNotice: boolean;
  allowOptOut: boolean;
  retentionDays: number;
  halfLifeDays: number;
  groupChat: string;
}

export interface Account {
  accountId: string;
  region?: string | null;
  locale?: string;
  optedOut: boolean;
  mutedTopics: string[];
  disabledSurfaces: string[];
  noticeShownAt?: string | null;
}

export interface Interest {
  id: string;
  name: string;
  path: string[];
  score: number;
  evidence: number;
  firstSeen: number;
  lastSeen: number;
  surfaces: string[];
  contexts: string[];
  declared: boolean;
  why?: string;
}

export interface Profile {
  accountId: string;
  asOf: number;
  interests: Interest[];
  mutedTopics?: { id: string; name: string }[];
  optedOut?: boolean;
}

export interface AdWhy {
  sentence: string;
  interests?: { id: string; name: string }[] | string[];
  criteria?: unknown;
}

export interface Ad {
  campaignId?: string;
  headline: string;
  body?: string;
  url: string;
  why?: AdWhy;
}

export interface AdsResult {
  personalised: boolean;
  reason?: string;
  ads: Ad[];
}

export interface TaxonomyNode {
  id: string;
  name: string;
  path: string[];
  tier: number;
  sensitive: string | null;
  adEligible: boolean;
  minAge: number;
  reason?: string;
  matched?: string;
}

export interface Targeting {
  interests: { anyOf: string[]; allOf: string[]; noneOf: string[] };
  countries: string[];
  languages: string[];
  surfaces: string[];
  ageRange?: { min: number; max: number };
}

export interface Campaign {
  campaignId: string;
  advertiserId: string;
  name: string;
  status: 'active' | 'paused' | 'ended';
  schedule: { start: string; end?: string };
  budget: { total: number; daily: number };
  bid: { model: 'cpm'; amount: number } | { model: 'cpc'; amount: number; predictedCtr: number };
  creatives: { id: string; headline: string; body: string; url: string }[];
  frequencyCap?: { count: number; periodHours: number };
  targeting: Targeting;
}

export interface Estimate {
  eligible: number;
  belowFloor: boolean;
  display: string;
}

export interface DeliveryRow {
  campaignId: string;
  impressions: number;
  clicks: number;
  spend: number;
  spendToday: number;
}

export interface Delivery {
  campaigns: DeliveryRow[];
}

export interface Stats {
  asOf: number;
  eventsTotal: number;
  outcomes: Record<string, number>;
  accounts: number;
  languages: Record<string, number>;
  surfaces: Record<string, number>;
  topInterestsByCountry: {
    country: string;
    accounts: number;
    interests: { id: string; name: string; accounts: number }[];
  }[];
}
