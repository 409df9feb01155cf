import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluateCase, loadPolicyCases } from '../../src/app/policy-cases.js';
import { DEFAULT_POLICY, EXCLUSION_REASONS } from '../../src/core/model/index.js';
import { GATE_RULES } from '../../src/core/gate/gate.js';

const file = loadPolicyCases(fileURLToPath(new URL('./policy-cases.json', import.meta.url)));

describe('golden policy cases (default policy)', () => {
  it('has at least 30 cases with unique names', () => {
    expect(file.cases.length).toBeGreaterThanOrEqual(30);
    expect(new Set(file.cases.map((c) => c.name)).size).toBe(file.cases.length);
  });

  for (const c of file.cases) {
    it(c.name, () => {
      const r = evaluateCase(file, c, DEFAULT_POLICY);
      const got =
        r.decision.kind === 'kept'
          ? { decision: 'kept', rule: r.decision.rule }
          : { decision: 'excluded', reason: r.decision.reason, rule: r.decision.rule };
      expect(got).toEqual(c.expect);
    });
  }

  it('covers every gate reason and every rule', () => {
    const reasons = new Set(file.cases.map((c) => c.expect.reason).filter((r) => r !== undefined));
    // Reasons that only `understand` gives (sensitive, muted) and the default deny are not gate cases.
    const gateReasons = EXCLUSION_REASONS.filter((r) => !['sensitive', 'muted', 'no_rule'].includes(r));
    for (const r of gateReasons) expect(reasons, r).toContain(r);
    const rules = new Set(file.cases.map((c) => c.expect.rule));
    for (const r of GATE_RULES) expect(rules, r.name).toContain(r.name);
  });
});
