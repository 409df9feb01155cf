import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../src/app/policy-file.js';
import { AppError } from '../../src/core/errors.js';
import { DEFAULT_POLICY, DEFAULT_EXCLUDED_REGIONS, PolicySchema } from '../../src/core/model/index.js';

const policies = (name: string) => fileURLToPath(new URL(`../../policies/${name}`, import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'chatsignal-policy-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const failure = (path: string): AppError => {
  try {
    loadPolicy(path);
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error('expected loadPolicy to fail');
};

describe('policy file', () => {
  it('uses the defaults without a file', () => {
    expect(loadPolicy(undefined)).toEqual(DEFAULT_POLICY);
  });

  it('policies/default.json spells out exactly the defaults', () => {
    expect(loadPolicy(policies('default.json'))).toEqual(DEFAULT_POLICY);
  });

  it('policy files spell out every field, so a new field cannot slip in unnoticed', () => {
    const keys = Object.keys(PolicySchema.shape).sort();
    for (const name of ['default.json', 'announced.json']) {
      const raw = JSON.parse(readFileSync(policies(name), 'utf8')) as Record<string, unknown>;
      expect(
        Object.keys(raw)
          .filter((k) => k !== '$comment')
          .sort(),
        name,
      ).toEqual(keys);
    }
  });

  it('has the documented defaults', () => {
    expect(DEFAULT_POLICY).toMatchObject({
      effectiveDate: '2025-12-16T00:00:00Z',
      minimumAge: 18,
      requireLinkedAdAccount: true,
      requireNotice: true,
      allowOptOut: true,
      retentionDays: 180,
      halfLifeDays: 30,
      groupChat: 'speaker-only',
      kAnonymity: 100,
    });
    expect(DEFAULT_POLICY.excludedRegions).toEqual([...DEFAULT_EXCLUDED_REGIONS]);
    expect(DEFAULT_POLICY.excludedRegions).toHaveLength(32);
    for (const c of ['DE', 'FR', 'IS', 'LI', 'NO', 'GB', 'KR'])
      expect(DEFAULT_POLICY.excludedRegions).toContain(c);
  });

  it('policies/announced.json reproduces the announced policy', () => {
    const p = loadPolicy(policies('announced.json'));
    expect(p).toEqual({ ...DEFAULT_POLICY, allowOptOut: false, groupChat: 'all-participants' });
    expect(p.minimumAge).toBe(18);
  });

  it('allows a $comment key', () => {
    expect(loadPolicy(file('c.json', '{"$comment": "why", "retentionDays": 30}')).retentionDays).toBe(30);
  });

  it('stops with a clear message on a missing file', () => {
    const e = failure(join(dir, 'nope.json'));
    expect(e.code).toBe('invalid_config');
    expect(e.message).toMatch(/cannot read policy file .*nope\.json: no such file/);
  });

  it('stops on invalid JSON', () => {
    expect(failure(file('bad.json', '{"allowOptOut": tru')).message).toMatch(
      /invalid policy file .*bad\.json: not valid JSON/,
    );
  });

  it('stops on a value of the wrong type, naming the field', () => {
    const e = failure(file('type.json', '{"minimumAge": "eighteen"}'));
    expect(e.message).toMatch(/minimumAge/);
    expect(e.details[0]?.path).toBe('minimumAge');
  });

  it('stops on an unknown field (a typo must not silently fall back to a default)', () => {
    expect(failure(file('typo.json', '{"allowOptout": false}')).message).toMatch(/allowOptout/);
  });

  it('stops on a minimum age below 13 and an unknown group-chat mode', () => {
    expect(failure(file('age.json', '{"minimumAge": 12}')).message).toMatch(/minimumAge/);
    expect(failure(file('gc.json', '{"groupChat": "everyone"}')).message).toMatch(/groupChat/);
  });

  it('stops on a region code in lower case', () => {
    expect(failure(file('r.json', '{"excludedRegions": ["de"]}')).message).toMatch(/excludedRegions\[0\]/);
  });

  it('stops on something that is not an object', () => {
    expect(failure(file('arr.json', '[]')).message).toMatch(/expected a JSON object/);
  });

  it('says YAML is not supported', () => {
    expect(failure(file('p.yaml', 'allowOptOut: false')).message).toMatch(/YAML is not supported/);
  });
});
