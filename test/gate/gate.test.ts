import { describe, expect, it } from 'vitest';
import { GATE_RULES, PRE_RULES, gate, youngestAge, type GateRule } from '../../src/core/gate/gate.js';
import { KNOWN_REGIONS } from '../../src/core/gate/regions.js';
import { AccountSchema, DEFAULT_POLICY, EventSchema, EXCLUSION_REASONS } from '../../src/core/model/index.js';

const event = EventSchema.parse({
  eventId: 'e1',
  accountId: 'a1',
  occurredAt: '2026-03-10T12:00:00Z',
  surface: 'assistant_chat',
  app: 'assistant',
  text: 'hello',
  region: 'US',
});
const account = AccountSchema.parse({
  accountId: 'a1',
  birthYear: 1990,
  region: 'US',
  linkedAdAccounts: [{ platform: 'facebook', id: 'fb' }],
  noticeShownAt: '2026-01-01T00:00:00Z',
});

describe('gate', () => {
  it('keeps an event that passes every rule and says which rule allowed it', () => {
    expect(gate({ event, account, erased: false, policy: DEFAULT_POLICY })).toEqual({
      kind: 'kept',
      rule: 'all-checks-passed',
      age: 35,
    });
  });

  it('denies by default when no rule answers (SAFETY: default deny)', () => {
    const silent: GateRule[] = [{ name: 'silent', summary: 'never answers', check: () => undefined }];
    expect(gate({ event, account, erased: false, policy: DEFAULT_POLICY }, silent)).toEqual({
      kind: 'excluded',
      rule: 'default',
      reason: 'no_rule',
    });
    expect(gate({ event, account, erased: false, policy: DEFAULT_POLICY }, [])).toMatchObject({
      reason: 'no_rule',
    });
  });

  it('keeps age-restricted topics out if a custom rule list allows an unknown age', () => {
    const allowAll: GateRule[] = [{ name: 'allow', summary: 'allows', check: () => ({ allow: true }) }];
    const d = gate(
      { event, account: { ...account, birthYear: null }, erased: false, policy: DEFAULT_POLICY },
      allowAll,
    );
    expect(d).toEqual({ kind: 'kept', rule: 'allow', age: -1 });
  });

  it('has rules with unique names that only the last one allows', () => {
    const names = [...PRE_RULES, ...GATE_RULES].map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
    expect(GATE_RULES.at(-1)?.name).toBe('all-checks-passed');
    for (const r of GATE_RULES.slice(0, -1)) expect(r.summary.length).toBeGreaterThan(10);
  });

  it('gives a reason from the shared list on every exclusion', () => {
    const variants = [
      { ...account, region: null },
      { ...account, birthYear: null },
      { ...account, linkedAdAccounts: [] },
      { ...account, noticeShownAt: null },
      { ...account, optedOut: true },
      { ...account, disabledSurfaces: ['assistant_chat' as const] },
    ];
    for (const a of variants) {
      const d = gate({ event, account: a, erased: false, policy: DEFAULT_POLICY });
      expect(d.kind).toBe('excluded');
      if (d.kind === 'excluded') expect(EXCLUSION_REASONS).toContain(d.reason);
    }
  });

  it('uses the youngest possible age for a birth year', () => {
    expect(youngestAge(2008, '2026-01-01T00:00:00Z')).toBe(17);
    expect(youngestAge(2008, '2026-12-31T23:59:59Z')).toBe(17);
    expect(youngestAge(2008, '2027-01-01T00:00:00Z')).toBe(18);
  });

  it('knows the ISO 3166-1 countries, not macro-regions or retired codes', () => {
    expect(KNOWN_REGIONS.size).toBe(250);
    for (const c of ['US', 'DE', 'GB', 'KR', 'BR', 'XK']) expect(KNOWN_REGIONS.has(c), c).toBe(true);
    for (const c of ['UK', 'EU', 'UN', 'ZZ', 'XX', 'SU', 'YU', 'AN'])
      expect(KNOWN_REGIONS.has(c), c).toBe(false);
    for (const c of DEFAULT_POLICY.excludedRegions) expect(KNOWN_REGIONS.has(c), c).toBe(true);
  });
});
