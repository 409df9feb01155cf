import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/adapters/sqlite/sqlite-store.js';
import { adult, chatEvent } from '../support/fixtures.js';
import { cli } from '../support/cli.js';

describe('CLI against a real SQLite file', () => {
  let dir: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chatsignal-cli-'));
    env = { CHATSIGNAL_STORE: `sqlite:${join(dir, 'db.sqlite')}` };
    const store = new SqliteStore(join(dir, 'db.sqlite'));
    await store.upsertAccount(adult());
    await store.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints help and refuses unknown commands', async () => {
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    for (const c of ['serve', 'ingest', 'classify', 'profile', 'ads', 'recommend', 'demo'])
      expect(help.stdout).toContain(c);
    const bad = await cli(['frobnicate']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown command');
  });

  it('ingests NDJSON with a summary by reason, idempotently', async () => {
    const file = join(dir, 'events.ndjson');
    const lines = [
      JSON.stringify(chatEvent({ eventId: 'c1', occurredAt: new Date().toISOString() })),
      JSON.stringify(chatEvent({ eventId: 'c2', region: 'GB', occurredAt: new Date().toISOString() })),
      '{broken',
    ];
    writeFileSync(file, lines.join('\n') + '\n');
    const r = await cli(['ingest', file, '--json'], { env });
    const summary = JSON.parse(r.stdout);
    expect(summary.counts).toEqual({ kept: 1, 'excluded:region': 1, invalid: 1 });
    expect(summary.errors).toEqual([{ line: 3, error: expect.stringContaining('not valid JSON') }]);
    expect(r.code).toBe(1);
    const again = await cli(['ingest', file, '--json'], { env });
    expect(JSON.parse(again.stdout).counts).toEqual({ duplicate: 2, invalid: 1 });
    const text = await cli(['ingest', file], { env });
    expect(text.stdout).toContain('duplicate');
    expect(text.stdout).toContain('line 3');
  });

  it('lists problems by line number while batches are in flight', async () => {
    const file = join(dir, 'problems.ndjson');
    const at = new Date().toISOString();
    const lines = [
      JSON.stringify(chatEvent({ eventId: 'p1', occurredAt: at })),
      JSON.stringify(chatEvent({ eventId: 'p2', occurredAt: at, region: 'usa' })),
      '{broken',
      JSON.stringify(chatEvent({ eventId: 'p4', occurredAt: at })),
      JSON.stringify(chatEvent({ eventId: 'p5', occurredAt: at })),
      JSON.stringify(chatEvent({ eventId: 'p6', occurredAt: at, surface: 'telepathy' })),
      '[1,',
    ];
    writeFileSync(file, lines.join('\n') + '\n');
    const r = await cli(['ingest', file, '--json'], { env: { ...env, CHATSIGNAL_BATCH_SIZE: '2' } });
    const summary = JSON.parse(r.stdout);
    expect(summary.counts).toEqual({ kept: 3, invalid: 4 });
    expect(summary.errors.map((e: { line: number }) => e.line)).toEqual([2, 3, 6, 7]);
  });

  it('shows a profile as text and JSON, and 1 with a message for unknown ids', async () => {
    const json = await cli(['profile', 'acct-1', '--json'], { env });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).interests.length).toBeGreaterThan(0);
    const text = await cli(['profile', 'acct-1'], { env });
    expect(text.stdout).toMatch(/interest/);
    const missing = await cli(['profile', 'nobody'], { env });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('not found');
  });

  it('refuses a bad config value with the variable named', async () => {
    const r = await cli(['profile', 'acct-1'], { env: { CHATSIGNAL_PORT: 'abc' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('CHATSIGNAL_PORT');
  });
});
