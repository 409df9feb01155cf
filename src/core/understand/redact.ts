import type { Redacted, RedactionKind } from './types.js';

/**
 * Removes personal data from text before anything else reads it. Pure and allocation-light:
 * one cheap pre-check, then precompiled patterns in a fixed order (most specific first, so a
 * user:pass@ URL is not half-eaten as an e-mail and an IBAN is not mistaken for a phone number).
 */

interface Rule {
  kind: RedactionKind;
  re: RegExp;
  /** Returns false to keep the match (checksum failed, implausible value). */
  accept?: (match: string) => boolean;
}

const digitsOf = (s: string): string => s.replace(/\D+/g, '');

/** Luhn check, so that arbitrary long numbers (order ids, timestamps) are not taken for cards. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** ISO 13616 mod-97 check on an IBAN without spaces. */
export function ibanValid(raw: string): boolean {
  const iban = raw.replace(/[\s-]+/g, '').toUpperCase();
  if (iban.length < 15 || iban.length > 34 || !/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(iban)) return false;
  const moved = iban.slice(4) + iban.slice(0, 4);
  let rem = 0;
  for (const ch of moved) {
    const code = ch.charCodeAt(0);
    const val = code >= 65 ? String(code - 55) : ch;
    for (const c of val) rem = (rem * 10 + (c.charCodeAt(0) - 48)) % 97;
  }
  return rem === 1;
}

function cardValid(m: string): boolean {
  const d = digitsOf(m);
  return d.length >= 13 && d.length <= 19 && luhnValid(d);
}

function ssnValid(m: string): boolean {
  const d = digitsOf(m);
  const area = d.slice(0, 3);
  return (
    area !== '000' && area !== '666' && area[0] !== '9' && d.slice(3, 5) !== '00' && d.slice(5) !== '0000'
  );
}

const DNI_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';
function dniValid(m: string): boolean {
  const s = m.replace(/[\s-]/g, '').toUpperCase();
  const prefix = s[0] === 'X' ? '0' : s[0] === 'Y' ? '1' : s[0] === 'Z' ? '2' : '';
  const num = prefix + s.slice(prefix === '' ? 0 : 1, -1);
  const letter = s[s.length - 1];
  return /^\d{8}$/.test(num) && DNI_LETTERS[Number(num) % 23] === letter;
}

function nirValid(m: string): boolean {
  const s = m.replace(/\s/g, '').toUpperCase();
  if (s.length !== 15) return false;
  // Corsica departments 2A/2B are replaced by 19/18 for the key computation.
  const body = s.slice(0, 13).replace('2A', '19').replace('2B', '18');
  if (!/^\d{13}$/.test(body)) return false;
  return 97 - Number(BigInt(body) % 97n) === Number(s.slice(13));
}

function cpfValid(m: string): boolean {
  const d = digitsOf(m);
  if (d.length !== 11 || /^(\d)\1+$/.test(d)) return false;
  const check = (len: number): number => {
    let sum = 0;
    for (let i = 0; i < len; i++) sum += Number(d[i]) * (len + 1 - i);
    const r = (sum * 10) % 11;
    return r === 10 ? 0 : r;
  };
  return check(9) === Number(d[9]) && check(10) === Number(d[10]);
}

function cprValid(m: string): boolean {
  const d = digitsOf(m);
  const day = Number(d.slice(0, 2));
  const month = Number(d.slice(2, 4));
  return day >= 1 && day <= 31 && month >= 1 && month <= 12;
}

function phoneDigitsOk(min: number, max: number) {
  return (m: string): boolean => {
    const n = digitsOf(m).length;
    return n >= min && n <= max;
  };
}

// Words that mark a URL query value as a credential. Kept as data so that adding one is a one-word change.
const SECRET_PARAMS = [
  'token',
  'access_token',
  'refresh_token',
  'id_token',
  'auth',
  'authorization',
  'auth_token',
  'key',
  'api_key',
  'apikey',
  'api-key',
  'secret',
  'client_secret',
  'password',
  'passwd',
  'pwd',
  'pass',
  'sig',
  'signature',
  'x-amz-signature',
  'x-amz-credential',
  'x-goog-signature',
  'session',
  'sessionid',
  'sid',
  'code',
  'otp',
  'credential',
  'credentials',
  'jwt',
  'bearer',
  'private_token',
  'hash',
];
const SECRET_PARAM_RE = new RegExp(
  `[?&#;](?:${SECRET_PARAMS.map((p) => p.replace(/[-]/g, '\\-')).join('|')})=`,
  'i',
);

const RULES: readonly Rule[] = [
  // URLs with user:pass@ or a credential-bearing query parameter: the whole URL goes.
  {
    kind: 'secret_url',
    re: /\b(?:https?|ftp|wss?|postgres(?:ql)?|mysql|mongodb(?:\+srv)?|redis|amqps?):\/\/[^\s<>"']+/gi,
    accept: (m) => /^[a-z+]+:\/\/[^/\s@]+:[^/\s@]*@/i.test(m) || SECRET_PARAM_RE.test(m),
  },
  { kind: 'email', re: /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g },
  // IBAN: country, check digits, 11–30 alphanumerics, optionally grouped by 4.
  {
    kind: 'iban',
    re: /\b[A-Z]{2}\d{2}(?:[A-Z0-9]{11,30}|(?: [A-Z0-9]{4}){2,7}(?: [A-Z0-9]{1,4})?)\b/g,
    accept: ibanValid,
  },
  // FR NIR (sécurité sociale) with its mod-97 key, before cards/phones eat its 15 digits.
  {
    kind: 'national_id',
    re: /\b[12] ?\d{2} ?(?:0[1-9]|1[0-2]|[2-9]\d) ?(?:\d{2}|2[AB]) ?\d{3} ?\d{3} ?\d{2}\b/gi,
    accept: nirValid,
  },
  // Payment cards: 13–19 digits, optionally grouped by spaces or dashes, Luhn-checked.
  { kind: 'card', re: /\b\d(?:[ -]?\d){12,18}\b/g, accept: cardValid },
  // US SSN (dashed or spaced), UK NINO, ES DNI/NIE, IT codice fiscale, BR CPF, DK CPR, IN Aadhaar.
  { kind: 'national_id', re: /(?<!\d[ -]?)\b\d{3}[- ]\d{2}[- ]\d{4}\b(?![ -]?\d)/g, accept: ssnValid },
  {
    kind: 'national_id',
    re: /\b(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b/g,
  },
  { kind: 'national_id', re: /\b[XYZ]?-?\d{7,8}-?[A-Z]\b/gi, accept: dniValid },
  { kind: 'national_id', re: /\b[A-Z]{6}\d{2}[A-EHLMPRST]\d{2}[A-Z]\d{3}[A-Z]\b/gi },
  { kind: 'national_id', re: /\b\d{3}\.\d{3}\.\d{3}-\d{2}\b/g, accept: cpfValid },
  { kind: 'national_id', re: /\b\d{6}-\d{4}\b/g, accept: cprValid },
  { kind: 'national_id', re: /(?<!\d[ -]?)\b[2-9]\d{3} \d{4} \d{4}\b(?![ -]?\d)/g },
  // Phones. International: + or 00 then 8–15 digits in groups.
  {
    kind: 'phone',
    re: /(?:\+|\b00)[1-9]\d{0,2}(?:[ .\-/]?\(?\d{1,5}\)?){2,6}(?!\w)/g,
    accept: phoneDigitsOk(8, 15),
  },
  { kind: 'phone', re: /\(\d{2}\) ?9?\d{4}-?\d{4}\b/g },
  // North America: (212) 555-0123, 212-555-0123, 212.555.0123.
  { kind: 'phone', re: /(?:\(\d{3}\) ?|\b\d{3}[-.])\d{3}[-.]\d{4}\b/g },
  // National trunk prefix 0 (UK, DE, FR, IT landlines, ES is 9xx, BR (0xx)): 9–12 digits in groups.
  {
    kind: 'phone',
    re: /(?:\(0\d{1,4}\)|\b0\d{1,4})(?:[ .\-/]?\d{2,8}){1,4}\b/g,
    accept: phoneDigitsOk(9, 12),
  },
  // FR/generic pairs: 06 12 34 56 78 is covered above; mobiles without trunk prefix:
  // IT 3xx xxx xxxx, ES 6xx/7xx/9xx xxx xxx, IN 98xxx xxxxx, BR (11) 91234-5678.
  {
    kind: 'phone',
    re: /(?<!\d[ .-]?)\b3\d{2}[ .-]?\d{3}[ .-]?\d{3,4}\b(?![ .-]?\d)/g,
    accept: phoneDigitsOk(9, 10),
  },
  {
    kind: 'phone',
    re: /(?<!\d[ .-]?)\b[679]\d{2}[ .-]?\d{2,3}[ .-]?\d{2,3}[ .-]?\d{0,3}\b(?![ .-]?\d)/g,
    accept: phoneDigitsOk(9, 9),
  },
  { kind: 'phone', re: /(?<!\d[ -]?)\b[6-9]\d{4}[ -]?\d{5}\b(?![ -]?\d)/g },
];

const PRECHECK = /[\d@=]/;

/** Replaces personal data with `[kind]` placeholders and counts what it removed. */
export function redact(text: string): Redacted {
  const redactions: Partial<Record<RedactionKind, number>> = {};
  // Fast path: every rule needs a digit, an @ or a query "=".
  if (!PRECHECK.test(text)) return { text, redactions };
  let out = text;
  for (const rule of RULES) {
    rule.re.lastIndex = 0;
    if (!rule.re.test(out)) continue;
    rule.re.lastIndex = 0;
    out = out.replace(rule.re, (m) => {
      if (rule.accept && !rule.accept(m)) return m;
      redactions[rule.kind] = (redactions[rule.kind] ?? 0) + 1;
      return `[${rule.kind}]`;
    });
  }
  return { text: out, redactions };
}
