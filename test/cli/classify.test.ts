import { describe, expect, it } from 'vitest';
import { loadTaxonomy } from '../../src/app/assets.js';
import { SENSITIVE_CLASSES } from '../../src/core/model/sensitive.js';
import { cli } from '../support/cli.js';

const taxonomy = loadTaxonomy();

describe('chatsignal classify (contract)', () => {
  it('writes one line per input line, in order, in the documented shape', async () => {
    const input = [
      { id: 'a', text: 'Any tips for a hiking trip in the Dolomites?' },
      { id: 'b', text: 'sto organizzando un viaggio a Roma, consigli su hotel?', lang: 'it' },
      { id: 'c', text: 'set an alarm for 7am' },
    ];
    const r = await cli(['classify'], { stdin: input.map((i) => JSON.stringify(i)).join('\n') + '\n' });
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual(['a', 'b', 'c']);
    for (const l of lines) {
      expect(Object.keys(l).sort()).toEqual(['adEligible', 'id', 'interests', 'lang', 'sensitive']);
      expect(typeof l.lang).toBe('string');
      expect(typeof l.adEligible).toBe('boolean');
      for (const s of l.sensitive) expect(SENSITIVE_CLASSES).toContain(s);
      const scores = l.interests.map((i: { score: number }) => i.score);
      expect(scores).toEqual([...scores].sort((x, y) => y - x));
      for (const i of l.interests) {
        expect(Object.keys(i).sort()).toEqual(['id', 'name', 'score']);
        expect(taxonomy.get(i.id)?.name).toBe(i.name);
        expect(i.score).toBeGreaterThan(0);
        expect(i.score).toBeLessThanOrEqual(1);
      }
    }
    expect(lines[0].interests.length).toBeGreaterThan(0);
    expect(lines[1].lang).toBe('it');
  });

  it('flags sensitive text as not ad-eligible', async () => {
    const r = await cli(['classify'], {
      stdin:
        JSON.stringify({ id: 's', text: 'I was just diagnosed with diabetes, which snacks can I eat?' }) +
        '\n',
    });
    const out = JSON.parse(r.stdout);
    expect(out.sensitive).toContain('health');
    expect(out.adEligible).toBe(false);
  });

  it('answers a bad line with {line, error} in its place and goes on', async () => {
    const stdin = [
      '{"id":"1","text":"buy running shoes"}',
      'not json',
      '{"id":2}',
      '',
      '{"id":"5","text":"hello"}',
    ].join('\n');
    const r = await cli(['classify'], { stdin: stdin + '\n' });
    const lines = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(5);
    expect(lines[0].id).toBe('1');
    expect(lines[1]).toEqual({ line: 2, error: expect.any(String) });
    expect(lines[2]).toEqual({ line: 3, error: expect.stringContaining('id') });
    expect(lines[3]).toEqual({ line: 4, error: expect.any(String) });
    expect(lines[4].id).toBe('5');
  });

  it('reads --input FILE and refuses a missing file clearly', async () => {
    const r = await cli(['classify', '--input', '/nonexistent/x.jsonl']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('/nonexistent/x.jsonl');
  });
});

describe('chatsignal schema', () => {
  it('exports the event contract as JSON Schema', async () => {
    const r = await cli(['schema', 'event']);
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout);
    expect(schema.type).toBe('object');
    expect(schema.required).toEqual(
      expect.arrayContaining(['eventId', 'accountId', 'occurredAt', 'surface', 'app', 'region']),
    );
    expect(schema.properties.surface.enum).toContain('glasses_image');
  });

  it('refuses an unknown schema name', async () => {
    const r = await cli(['schema', 'nope']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown schema');
  });
});
