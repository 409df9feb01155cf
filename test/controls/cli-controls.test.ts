import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/app/config.js';
import { createApp } from '../../src/app/container.js';
import { adult, chatEvent, TOKEN_SECRET } from '../support/fixtures.js';
import { cli } from '../support/cli.js';
import { createAuth } from '../../src/app/auth.js';

const DAY = 86_400_000;
const dir = mkdtempSync(join(tmpdir(), 'chatsignal-cli-controls-'));
const env = { CHATSIGNAL_STORE: `sqlite:${join(dir, 'db.sqlite')}`, CHATSIGNAL_TOKEN_SECRET: TOKEN_SECRET };
// The CLI runs at the real time, so events are dated relative to it.
const recent = (days: number) => new Date(Date.now() - days * DAY).toISOString();
const TEXT = 'Can you plan a three day hiking trip in the Rocky Mountains with camping gear?';

async function seed(): Promise<void> {
  const app = await createApp(loadConfig({ ...env, CHATSIGNAL_LOG_LEVEL: 'silent' }));
  await app.store.upsertAccount(adult({ accountId: 'cli-1', noticeShownAt: recent(200) }));
  await app.ingest([
    chatEvent({ accountId: 'cli-1', occurredAt: recent(2), text: TEXT }),
    chatEvent({ accountId: 'cli-1', occurredAt: recent(1), text: TEXT, surface: 'voice', app: 'glasses' }),
    chatEvent({ accountId: 'cli-1', occurredAt: recent(190), text: TEXT }),
  ]);
  await app.close();
}

describe('user controls from the CLI', () => {
  it('runs every control end to end', async () => {
    await seed();
    const show = await cli(['account', 'show', 'cli-1'], { env });
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout).toMatch(/Account cli-1: \d+ interest\(s\)/);
    expect(show.stdout).toMatch(/Seen in \d+ interaction/);
    const retention = await cli(['retention', '--json'], { env });
    expect(retention.code, retention.stderr).toBe(0);
    expect(JSON.parse(retention.stdout)).toMatchObject({ retentionDays: 180 });
    expect(JSON.parse(retention.stdout).deleted).toBeGreaterThan(0);

    const json = JSON.parse((await cli(['account', 'show', 'cli-1', '--json'], { env })).stdout);
    const top = json.interests[0].id as string;

    const mute = await cli(['account', 'mute', 'cli-1', top], { env });
    expect(mute.code, mute.stderr).toBe(0);
    expect(mute.stdout).toMatch(new RegExp(`muted ${top}.*deleted \\d+ signal`));
    expect((await cli(['account', 'unmute', 'cli-1', top], { env })).stdout).toContain(`unmuted ${top}`);

    const bad = await cli(['account', 'mute', 'cli-1', 'nope'], { env });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/unknown topic "nope"/);
    const ghost = await cli(['account', 'reset', 'ghost'], { env });
    expect(ghost.code).toBe(1);
    expect(ghost.stderr).toMatch(/account "ghost" not found/);

    expect((await cli(['account', 'surfaces', 'cli-1', 'voice', 'glasses_image'], { env })).stdout).toBe(
      'turned off: glasses_image, voice\n',
    );
    expect((await cli(['account', 'surfaces', 'cli-1', 'telepathy'], { env })).code).toBe(2);
    expect((await cli(['account', 'surfaces', 'cli-1'], { env })).stdout).toBe('turned off: none\n');

    expect((await cli(['account', 'delete-interest', 'cli-1', top], { env })).code).toBe(0);
    expect((await cli(['account', 'reset', 'cli-1'], { env })).stdout).toMatch(/^profile reset/);
    expect((await cli(['account', 'opt-out', 'cli-1'], { env })).stdout).toMatch(/^opted out/);
    expect((await cli(['account', 'opt-in', 'cli-1'], { env })).stdout).toMatch(/^opted in/);
    expect(
      (await cli(['account', 'notice', 'cli-1', '--at', '2030-01-01T00:00:00Z'], { env })).stdout,
    ).toContain('notice in force since');
    const decisions = await cli(['account', 'decisions', 'cli-1'], { env });
    expect(decisions.stdout).toMatch(/kept/);

    const token = await cli(['token', 'cli-1', '--ttl', '3600'], { env });
    expect(token.code, token.stderr).toBe(0);
    const auth = createAuth({ adminKey: undefined, apiKeys: [], tokenSecret: TOKEN_SECRET });
    expect(auth.authenticate(token.stdout.trim())).toEqual({ kind: 'user', accountId: 'cli-1' });

    const exported = JSON.parse((await cli(['account', 'export', 'cli-1'], { env })).stdout);
    expect(
      exported.settingChanges.map((c: { actor: string; action: string }) => `${c.actor}:${c.action}`),
    ).toEqual([
      'cli:mute',
      'cli:unmute',
      'cli:surfaces',
      'cli:surfaces',
      'cli:interest.deleted',
      'cli:reset',
      'cli:opt-out',
      'cli:opt-in',
      'cli:notice',
      'cli:token.issued',
    ]);
    expect(JSON.stringify(exported)).not.toContain('Rocky');

    expect((await cli(['account', 'erase', 'cli-1'], { env })).code).toBe(2);
    const erase = await cli(['account', 'erase', 'cli-1', '--yes'], { env });
    expect(erase.stdout).toBe('erased cli-1\n');
    expect((await cli(['account', 'show', 'cli-1'], { env })).code).toBe(1);
    // Each command builds the app (taxonomy, understander, store) as a real run does: slow-ish.
  }, 300_000);

  it('explains the golden policy cases and shows the policy', async () => {
    const explain = await cli(['policy', 'explain'], { env: {} });
    expect(explain.code, explain.stderr).toBe(0);
    expect(explain.stdout).toMatch(/excluded:minor .* rule age +born 2008, event in 2026/);
    expect(explain.stdout).toMatch(
      /(\d+) of \1 case\(s\) decided as expected under the policy from the built-in defaults\./,
    );

    const announced = new URL('../../policies/announced.json', import.meta.url).pathname;
    const diff = await cli(['policy', 'explain', '--json'], { env: { CHATSIGNAL_POLICY: announced } });
    const rows = JSON.parse(diff.stdout) as { name: string; matches: boolean; decision: { kind: string } }[];
    const optOut = rows.find((r) => r.name === 'opted out, policy allows opting out');
    expect(optOut).toMatchObject({ matches: false, decision: { kind: 'kept' } });

    const show = await cli(['policy', 'show', '--json'], { env: { CHATSIGNAL_POLICY: announced } });
    expect(JSON.parse(show.stdout)).toMatchObject({
      allowOptOut: false,
      groupChat: 'all-participants',
      minimumAge: 18,
    });
    expect((await cli(['policy', 'show'], { env: {} })).stdout).toMatch(
      /Rules, in order[\s\S]*all-checks-passed/,
    );

    const casesFile = join(dir, 'cases.json');
    writeFileSync(casesFile, '{"cases": []}');
    const badCases = await cli(['policy', 'explain', '--cases', casesFile], { env: {} });
    expect(badCases.code).toBe(1);
    expect(badCases.stderr).toMatch(/invalid policy cases/);

    const badPolicy = await cli(['policy', 'show'], {
      env: { CHATSIGNAL_POLICY: join(dir, 'missing.json') },
    });
    expect(badPolicy.code).toBe(1);
    expect(badPolicy.stderr).toMatch(/cannot read policy file .*missing\.json: no such file/);
    expect((await cli(['policy'], { env: {} })).code).toBe(2);
  });
});
