import { describe, expect, it } from 'vitest';
import { loadTaxonomy } from '../../src/app/assets.js';
import { DEFAULT_POLICY } from '../../src/core/model/policy.js';
import { processEvent, validateEvent, type PipelineDeps } from '../../src/core/pipeline.js';
import { redact } from '../../src/core/understand/redact.js';
import { createUnderstander } from '../../src/core/understand/understand.js';
import type { UnderstandInput } from '../../src/core/understand/types.js';
import { adult, chatEvent } from '../support/fixtures.js';
import type { ChatEvent } from '../../src/core/model/event.js';

const taxonomy = loadTaxonomy();
const understand = createUnderstander(taxonomy);
const deps: PipelineDeps = { policy: DEFAULT_POLICY, taxonomy, redact, understand };

function valid(overrides: Record<string, unknown> = {}): ChatEvent {
  const v = validateEvent(chatEvent(overrides));
  if (!v.ok) throw new Error(v.decision.message);
  return v.event;
}

describe('validate', () => {
  it('accepts a well-formed event', () => {
    expect(validateEvent(chatEvent()).ok).toBe(true);
  });

  it('rejects bad fields with their paths', () => {
    const v = validateEvent(
      chatEvent({ region: 'usa', surface: 'telepathy', occurredAt: 'yesterday' }),
      'events[2]',
    );
    expect(v.ok).toBe(false);
    if (v.ok) return;
    const paths = v.decision.issues.map((i) => i.path).sort();
    expect(paths).toEqual(['events[2].occurredAt', 'events[2].region', 'events[2].surface']);
  });

  it('rejects unknown fields such as a misspelt one', () => {
    const v = validateEvent(chatEvent({ txt: 'hello' }));
    expect(v.ok).toBe(false);
  });

  it('needs text or image labels', () => {
    const v = validateEvent(chatEvent({ text: undefined }));
    expect(v.ok).toBe(false);
    expect(validateEvent(chatEvent({ text: undefined, imageLabels: ['bicycle'] })).ok).toBe(true);
  });
});

describe('processEvent', () => {
  const ctx = { eventKey: 'k1', account: adult(), erased: false };

  it('keeps an eligible event and turns its interests into signals', () => {
    const r = processEvent(valid(), ctx, deps);
    expect(r.decision.kind).toBe('kept');
    expect(r.signals.length).toBeGreaterThan(0);
    for (const s of r.signals) {
      expect(s.eventKey).toBe('k1');
      expect(taxonomy.get(s.nodeId)?.adEligible).toBe(true);
    }
  });

  it('stops at the gate with a reason and never calls understand', () => {
    let called = false;
    const spy = (i: UnderstandInput) => {
      called = true;
      return understand(i);
    };
    const r = processEvent(valid({ region: 'DE' }), ctx, { ...deps, understand: spy });
    expect(r.decision).toEqual({ kind: 'excluded', reason: 'region', detail: 'DE' });
    expect(called).toBe(false);
    expect(r.signals).toEqual([]);
  });

  it('redacts before understanding', () => {
    let seen = '';
    const spy = (i: UnderstandInput) => {
      seen = i.text ?? '';
      return understand(i);
    };
    processEvent(valid({ text: 'email me at jane.doe@example.com about hiking boots' }), ctx, {
      ...deps,
      understand: spy,
    });
    expect(seen).not.toContain('jane.doe@example.com');
  });

  it('excludes a sensitive disclosure entirely, other interests included', () => {
    const r = processEvent(
      valid({ text: 'I was just diagnosed with diabetes, which snacks can I eat on my hiking trip?' }),
      ctx,
      deps,
    );
    expect(r.decision).toMatchObject({ kind: 'excluded', reason: 'sensitive' });
    expect(r.signals).toEqual([]);
  });

  it('drops muted topics, and excludes the event when nothing else is left', () => {
    const first = processEvent(valid(), ctx, deps);
    const topics = [...new Set(first.signals.map((s) => taxonomy.get(s.nodeId)!.tier1Id))];
    const r = processEvent(valid(), { ...ctx, account: adult({ mutedTopics: topics }) }, deps);
    expect(r.decision).toEqual({ kind: 'excluded', reason: 'muted' });
  });
});

describe('buildProfile', () => {
  it('stops counting what came from a surface the person turned off', async () => {
    const { buildProfile } = await import('../../src/core/profile/profile.js');
    const voice = processEvent(
      valid({ surface: 'voice' }),
      { eventKey: 'v', account: adult(), erased: false },
      deps,
    );
    expect(voice.signals.length).toBeGreaterThan(0);
    const opts = {
      now: Date.parse('2026-06-01T00:00:00Z'),
      policy: DEFAULT_POLICY,
      taxonomy,
      mutedTopics: [],
    };
    expect(buildProfile('acct-1', voice.signals, opts).interests.length).toBeGreaterThan(0);
    expect(buildProfile('acct-1', voice.signals, { ...opts, disabledSurfaces: ['voice'] }).interests).toEqual(
      [],
    );
  });
});
