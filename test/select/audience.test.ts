import { describe, expect, it } from 'vitest';
import { estimateAudience, roundSignificant, type AudienceRecord } from '../../src/core/select/audience.js';
import { checkCampaign } from '../../src/core/select/campaign-rules.js';
import { campaign, N, taxonomy } from './helpers.js';

const people = (n: number, over: Partial<AudienceRecord> = {}): AudienceRecord[] =>
  Array.from({ length: n }, () => ({
    region: 'US',
    age: 30,
    language: 'en',
    interestIds: new Set([N.camping]),
    ...over,
  }));

const targeting = (over: Partial<ReturnType<typeof campaign>['targeting']> = {}) =>
  campaign('t', { targeting: over }).targeting;

describe('estimateAudience', () => {
  it('counts matching accounts, expanding targeted nodes to their descendants', () => {
    const population = [
      ...people(1_234),
      ...people(500, { interestIds: new Set([N.dogs]) }),
      ...people(300, { region: 'CA' }),
    ];
    const est = estimateAudience(
      targeting({ interests: { anyOf: [N.travel], allOf: [], noneOf: [] }, countries: ['US'] }),
      population,
      100,
      taxonomy,
    );
    expect(est).toEqual({ eligible: 1_200, belowFloor: false, display: 'about 1,200' });
  });

  it('reads "fewer than 100" below the floor, never an exact small number', () => {
    const est = estimateAudience(
      targeting({ interests: { anyOf: [N.camping], allOf: [], noneOf: [] } }),
      people(99),
      100,
      taxonomy,
    );
    expect(est).toEqual({ eligible: 0, belowFloor: true, display: 'fewer than 100' });
    expect(
      checkCampaign(
        campaign('k', { targeting: { interests: { anyOf: [N.camping], allOf: [], noneOf: [] } } }),
        taxonomy,
        est,
      ).map((p) => p.code),
    ).toEqual(['audience_below_k']);
  });

  it('applies the adult floor to interest targeting and never counts unknown ages', () => {
    const population = [...people(150, { age: 16 }), ...people(150, { age: null }), ...people(150)];
    const t = targeting({ interests: { anyOf: [N.camping], allOf: [], noneOf: [] } });
    expect(estimateAudience(t, population, 100, taxonomy).eligible).toBe(150);
    // Without interest criteria, everyone in the population counts.
    expect(estimateAudience(targeting(), population, 100, taxonomy).eligible).toBe(450);
  });

  it('honours allOf, noneOf and languages', () => {
    const population = [
      ...people(200, { interestIds: new Set([N.camping, N.dogs]) }),
      ...people(300, { interestIds: new Set([N.camping, N.cats]) }),
      ...people(400, { language: 'es' }),
    ];
    const t = (interests: { anyOf: string[]; allOf: string[]; noneOf: string[] }, languages: string[] = []) =>
      estimateAudience(targeting({ interests, languages }), population, 100, taxonomy).eligible;
    expect(t({ anyOf: [N.travel], allOf: [N.pets], noneOf: [] })).toBe(500);
    expect(t({ anyOf: [N.travel], allOf: [], noneOf: [N.cats] })).toBe(600);
    expect(t({ anyOf: [N.travel], allOf: [], noneOf: [] }, ['en'])).toBe(500);
  });

  it('rounds to two significant figures', () => {
    expect(roundSignificant(1_234)).toBe(1_200);
    expect(roundSignificant(987_654)).toBe(990_000);
    expect(roundSignificant(155)).toBe(160);
    expect(roundSignificant(42)).toBe(42);
  });
});
