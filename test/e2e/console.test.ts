/**
 * The web console in a real browser: Debian's Chromium driven by playwright-core against a
 * server started in-process on demo-like data. Skipped (with a warning) when Chromium is not
 * installed, except under CI=true, where that fails. Screenshots go to test-artifacts/screenshots.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/app/config.js';
import { createApp, type App } from '../../src/app/container.js';
import { AccountSchema } from '../../src/core/model/account.js';
import type { CampaignInput } from '../../src/core/model/campaign.js';
import type { Signal } from '../../src/core/profile/types.js';
import type { AuditRecord } from '../../src/ports/store.js';
import { buildServer } from '../../src/http/server.js';
import { loadWorld } from '../../src/app/demo.js';
import { generateWorld } from '../../src/demo/generate-world.js';

/** Debian's Chromium; CHATSIGNAL_TEST_CHROMIUM points elsewhere (never a downloaded browser build). */
const CHROMIUM = process.env.CHATSIGNAL_TEST_CHROMIUM ?? '/usr/bin/chromium';
const SHOTS = join(process.cwd(), 'test-artifacts', 'screenshots');
const ADMIN_KEY = 'e2e-admin-key-0123456789abcdef';
const ADVERTISER_KEY = 'e2e-advertiser-key-0123456789abcdef';
const TOKEN_SECRET = 'e2e-token-secret-0123456789abcdef0123456789';
const PEOPLE = 150;
const DAY = 86_400_000;
const CAMPING = '677';
const COOKING = '216';
const SOCCER = '533';
const POLITICS = '386';

function registerSuite(name: string, body: () => void): void {
  if (existsSync(CHROMIUM)) {
    // A browser on two shared cores: give each test room.
    describe(name, { timeout: 60_000 }, body);
    return;
  }
  const why = `${name}: ${CHROMIUM} is missing (apt-get install chromium)`;
  if (process.env.CI === 'true') {
    describe(name, () => {
      it('needs Chromium under CI', () => {
        throw new Error(`${why}. Under CI=true this fails instead of skipping.`);
      });
    });
    return;
  }
  console.warn(`SKIPPED ${why}.`);
  describe.skip(name, body);
}

/** Builds the web app from the current sources (fast) so that the test sees what it checks. */
function buildWeb(): void {
  const r = spawnSync('npx', ['vite', 'build', 'web', '--logLevel', 'error'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`vite build failed:\n${r.stdout}\n${r.stderr}`);
}

/** Demo-like data: 150 adults (US, BR) who talk about camping and cooking, which the assertions rely on, plus a generated world. */
async function seed(app: App): Promise<void> {
  const now = Date.now();
  const audit: AuditRecord[] = [];
  const signals: Signal[] = [];
  const surfaces = ['assistant_chat', 'voice', 'group_chat'] as const;
  const langs = ['en', 'es', 'pt'];
  for (let i = 0; i < PEOPLE; i++) {
    const accountId = `e2e-${i}`;
    await app.store.upsertAccount(
      AccountSchema.parse({
        accountId,
        birthYear: 1980 + (i % 20),
        region: i % 5 === 0 ? 'BR' : 'US',
        locale: i % 5 === 0 ? 'pt-BR' : 'en-US',
        linkedAdAccounts: [{ platform: 'facebook', id: `fb-${i}` }],
        noticeShownAt: '2025-12-20T00:00:00Z',
      }),
    );
    const topics = i % 2 === 0 ? [CAMPING, COOKING, SOCCER] : [CAMPING, COOKING];
    topics.forEach((nodeId, t) => {
      for (let k = 0; k < 3; k++) {
        const eventKey = `e2e-${i}-${t}-${k}`;
        const occurredAt = now - (k * 2 + t + 1) * DAY;
        const surface = surfaces[(i + k) % surfaces.length]!;
        audit.push({
          eventKey,
          accountId,
          occurredAt,
          processedAt: now,
          surface,
          lang: langs[(i + t) % 3]!,
          outcome: 'kept',
          detail: null,
          signals: 1,
        });
        signals.push({
          eventKey,
          accountId,
          nodeId,
          weight: 1,
          occurredAt,
          surface,
          strength: k === 0 ? 'declared' : 'mention',
          context: k % 2 === 0 ? 'whatsapp' : 'assistant',
        });
      }
    });
    // Some excluded traffic for the operations charts.
    audit.push({
      eventKey: `e2e-${i}-x`,
      accountId,
      occurredAt: now - DAY,
      processedAt: now,
      surface: 'group_chat',
      lang: 'en',
      outcome: i % 3 === 0 ? 'excluded:sensitive' : 'excluded:not_addressed',
      detail: null,
      signals: 0,
    });
  }
  await app.store.commitBatch({ audit, signals });
  // A small generated demo world around them (its own accounts, events and campaigns).
  // Its campaigns are left out so that the ads asserted on are the only ones competing.
  await loadWorld(app, { ...generateWorld({ seed: 7, accounts: 200, events: 2000 }), campaigns: [] });
  const campaign = (
    id: string,
    name: string,
    topic: string,
    headline: string,
    cpm: number,
  ): CampaignInput => ({
    campaignId: id,
    advertiserId: 'e2e-brand',
    name,
    schedule: { start: new Date(now - 7 * DAY).toISOString() },
    budget: { total: 5000, daily: 200 },
    bid: { model: 'cpm', amount: cpm },
    creatives: [
      {
        id: 'c1',
        headline,
        body: `An ad for people into ${name.toLowerCase()}.`,
        url: 'https://example.com/',
      },
    ],
    targeting: {
      interests: { anyOf: [topic], allOf: [], noneOf: [] },
      countries: ['US', 'BR'],
      ageRange: { min: 18, max: 99 },
    },
  });
  for (const c of [
    campaign('e2e-camp', 'Camping gear', CAMPING, 'Camp under the stars', 6),
    campaign('e2e-cook', 'Cookware', COOKING, 'Cook like a chef', 4),
  ]) {
    const r = await app.serving.saveCampaign(c);
    if (!r.ok) throw new Error(`seed campaign refused: ${JSON.stringify(r.problems)}`);
  }
}

registerSuite('web console (Chromium)', () => {
  let app: App;
  let server: FastifyInstance;
  let browser: Browser;
  let base: string;
  const contexts: BrowserContext[] = [];
  /** Script errors and CSP refusals seen in any page: there must be none. */
  const pageErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    buildWeb();
    app = await createApp(
      loadConfig({
        CHATSIGNAL_STORE: 'sqlite::memory:',
        CHATSIGNAL_ADMIN_KEY: ADMIN_KEY,
        CHATSIGNAL_API_KEYS: `advertiser:${ADVERTISER_KEY}`,
        CHATSIGNAL_TOKEN_SECRET: TOKEN_SECRET,
        CHATSIGNAL_PORT: '0',
        CHATSIGNAL_LOG_LEVEL: 'silent',
      }),
    );
    await seed(app);
    server = await buildServer(app);
    base = await server.listen({ host: '127.0.0.1', port: 0 });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
  });

  afterEach(() => {
    expect(pageErrors.splice(0)).toEqual([]);
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await server?.close();
    await app?.close();
  });

  async function userToken(accountId: string): Promise<string> {
    const r = await fetch(`${base}/v1/accounts/${accountId}/token`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(r.status).toBe(201);
    return ((await r.json()) as { token: string }).token;
  }

  async function open(width = 1280, height = 900): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height }, acceptDownloads: true });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text()))
        pageErrors.push(m.text());
    });
    return page;
  }

  /** Signs in through the form, as a person would. */
  async function signIn(page: Page, credential: string): Promise<void> {
    await page.goto(`${base}/`);
    await page.getByLabel('API key or user token').fill(credential);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  const shot = (page: Page, name: string) =>
    page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

  // Browser-side checks, as source text: the test's own TypeScript has no DOM types.
  const horizontalOverflow = (page: Page) =>
    page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');

  /** Every form control has an accessible name from a label or ARIA. */
  const unlabelled = (page: Page) =>
    page.evaluate<string[]>(`[...document.querySelectorAll('input, select, textarea')]
      .filter((el) => el.type !== 'hidden')
      .filter((el) => !(el.labels && el.labels.length > 0 && el.labels[0].textContent.trim() !== '')
        && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby'))
      .map((el) => el.outerHTML.slice(0, 120))`);

  /** Text whose contrast with its background is below WCAG AA (4.5:1, or 3:1 for large text); disabled controls are exempt. */
  const lowContrast = (page: Page) =>
    page.evaluate<string[]>(`(() => {
      const rgb = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
      const lum = ([r, g, b]) => {
        const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
      };
      const bgOf = (el) => {
        for (let e = el; e; e = e.parentElement) {
          const c = rgb(getComputedStyle(e).backgroundColor);
          if (c.length === 3 || (c.length === 4 && c[3] === 1)) return c.slice(0, 3);
        }
        return [255, 255, 255];
      };
      const out = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement;
        if (!el || n.textContent.trim() === '' || el.closest('[disabled], .sr-only, svg')) continue;
        const s = getComputedStyle(el);
        if (s.visibility === 'hidden' || s.display === 'none' || el.getClientRects().length === 0) continue;
        const a = lum(rgb(s.color).slice(0, 3)), b = lum(bgOf(el));
        const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
        const size = parseFloat(s.fontSize), bold = Number(s.fontWeight) >= 700;
        const need = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
        if (ratio < need) out.push(n.textContent.trim().slice(0, 40) + ' ' + ratio.toFixed(2));
      }
      return out;
    })()`);

  const FOCUSED = `(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const s = getComputedStyle(el);
    return {
      name: (el.getAttribute('aria-label') ?? el.textContent ?? '').trim(),
      visible: s.outlineStyle !== 'none' && s.outlineWidth !== '0px',
      tag: el.tagName,
    };
  })()`;

  /** Tabs through the page; returns the accessible text of each focused element and whether focus was visible. */
  async function tabThrough(page: Page, presses: number): Promise<{ names: string[]; invisible: string[] }> {
    await page.evaluate('document.activeElement && document.activeElement.blur()');
    const names: string[] = [];
    const invisible: string[] = [];
    for (let i = 0; i < presses; i++) {
      await page.keyboard.press('Tab');
      const r = await page.evaluate<{ name: string; visible: boolean; tag: string } | null>(FOCUSED);
      if (!r) continue;
      names.push(r.name);
      if (!r.visible) invisible.push(`${r.tag} ${r.name}`);
    }
    return { names, invisible };
  }

  it('privacy center: notice, interests, why this ad; mute (gone from profile and ads), delete, reset, opt out, places, export, erase', async () => {
    const page = await open();
    await signIn(page, await userToken('e2e-0'));
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Privacy center');
    await page.getByText('Effective 16 December 2025').waitFor();
    const interests = page.getByRole('list', { name: 'Your interests' });
    await interests.getByRole('heading', { name: 'Camping' }).waitFor();
    await interests.getByRole('heading', { name: 'Cooking' }).waitFor();
    // Where and when, in plain language.
    await expect
      .poll(() => interests.locator('[data-topic="677"]').textContent())
      .toMatch(/Came up \d+ times in .*first on/);
    const ads = page.getByRole('list', { name: 'Ads you would see now' });
    await ads.getByText('Camp under the stars').waitFor();
    await ads.getByText('Why this ad?').first().click();
    await shot(page, 'privacy-center');

    // Mute, confirm, and see it gone from the profile and the ads at once.
    await page.getByRole('button', { name: 'Mute Camping' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Mute “Camping”?').waitFor();
    await dialog.getByRole('button', { name: 'Mute topic' }).click();
    await page.getByRole('status').getByText('Muted “Camping”').waitFor();
    await expect.poll(() => interests.getByRole('heading', { name: 'Camping' }).count()).toBe(0);
    await interests.getByRole('heading', { name: 'Cooking' }).waitFor();
    await page.getByRole('list', { name: 'Muted topics' }).getByText('Camping').waitFor();
    await expect.poll(() => ads.getByText('Camp under the stars').count()).toBe(0);
    await ads.getByText('Cook like a chef').waitFor();
    await shot(page, 'privacy-center-muted');

    // Delete one interest: gone at once (not muted).
    await page.getByRole('button', { name: 'Delete Soccer' }).click();
    await dialog.getByRole('button', { name: 'Delete interest' }).click();
    await page.getByRole('status').getByText('Deleted “Soccer” from your profile.').waitFor();
    await expect.poll(() => interests.getByRole('heading', { name: 'Soccer' }).count()).toBe(0);

    // Reset: every interest deleted, settings kept.
    await page.getByRole('button', { name: 'Reset profile' }).click();
    await dialog.getByRole('button', { name: 'Reset profile' }).click();
    await page.getByTestId('empty-profile').getByText('no interests are being used').waitFor();
    await page.getByRole('list', { name: 'Muted topics' }).getByText('Camping').waitFor();

    // Opt out: ads are no longer personalised, and the page says why; then opt back in.
    await page.getByRole('button', { name: 'Opt out' }).click();
    await dialog.getByRole('button', { name: 'Opt out' }).click();
    await page
      .getByText('Ads are not personalised for you because you opted out of personalised ads.')
      .waitFor();
    await page.getByRole('button', { name: 'Opt back in' }).click();
    await dialog.getByRole('button', { name: 'Opt in' }).click();
    await page.getByRole('status').getByText('You opted in').waitFor();

    // Places: stop learning from voice.
    await page.getByRole('checkbox', { name: 'voice' }).uncheck();
    await page.getByRole('button', { name: 'Save places' }).click();
    await page.getByRole('status').getByText('nothing is learned from voice any more').waitFor();
    await expect.poll(() => page.getByRole('checkbox', { name: 'voice' }).isChecked()).toBe(false);

    // Export downloads a JSON file of the account.
    await page.getByRole('button', { name: 'Download my data' }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('button', { name: 'Download JSON' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('chatsignal-export-e2e-0.json');
    const exported = JSON.parse(readFileSync((await download.path())!, 'utf8')) as {
      account: { accountId: string; mutedTopics: string[] };
    };
    expect(exported.account.accountId).toBe('e2e-0');
    expect(exported.account.mutedTopics).toContain(CAMPING);

    // Erase: confirmed, then an empty profile.
    await page.getByRole('button', { name: 'Erase everything' }).click();
    await dialog.getByRole('button', { name: 'Erase for good' }).click();
    await page.getByTestId('empty-profile').getByText('everything about this account was erased').waitFor();
    await expect.poll(() => page.getByRole('list', { name: 'Your interests' }).count()).toBe(0);
    const after = await fetch(`${base}/v1/accounts/e2e-0/profile`, {
      headers: { authorization: `Bearer ${ADMIN_KEY}` },
    });
    expect(after.status).toBe(404);
    await shot(page, 'privacy-center-erased');
  });

  it('advertiser console: sensitive topics are refused; a new campaign shows its estimate and is saved', async () => {
    const page = await open();
    await signIn(page, ADVERTISER_KEY);
    const table = page.getByRole('table');
    await table.getByText('Camping gear').waitFor();
    await table.getByText('Cookware').waitFor();
    await shot(page, 'advertiser-campaigns');

    await page.getByRole('button', { name: 'New campaign' }).click();
    await page.getByLabel('Campaign name').fill('Weekend trips');
    await page.getByLabel('Headline').fill('Pack your tent');
    await page.getByLabel('Countries').fill('US, BR');

    // Sensitive topics are found (here in Spanish) but cannot be picked, with the reason shown.
    const search = page.getByLabel(/Search topics/);
    await search.fill('política');
    const results = page.getByRole('list', { name: 'Matching topics' });
    await results.getByRole('button', { name: 'Target Politics', exact: true }).waitFor();
    expect(await results.getByRole('button', { name: 'Target Politics', exact: true }).isDisabled()).toBe(
      true,
    );
    await results
      .getByText(/Not available: sensitive category \(politics\)/)
      .first()
      .waitFor();
    await shot(page, 'advertiser-sensitive-disabled');

    // Forcing it by id: the server refuses the campaign and the console says why.
    await page.getByLabel('Or add a topic by its taxonomy id').fill(POLITICS);
    await page.getByRole('button', { name: 'Add id' }).click();
    await page.getByRole('list', { name: 'Targeted topics' }).getByText('Politics').waitFor();
    // Nobody can be reached through a sensitive topic.
    const estimate = page.getByTestId('estimate');
    await expect
      .poll(() => estimate.textContent(), { timeout: 10_000 })
      .toMatch(/^(?!.*Updating).*fewer than 100 people/);
    await page.getByRole('button', { name: 'Save campaign' }).click();
    await page
      .getByRole('status')
      .getByText(/campaign refused: .*sensitive category/)
      .first()
      .waitFor();
    await shot(page, 'advertiser-sensitive-refused');
    await page.getByRole('button', { name: 'Remove Politics' }).click();

    // Pick by a Spanish alias; the estimate follows the targeting.
    await search.fill('acampar');
    await results.getByRole('button', { name: 'Target Camping', exact: true }).click();
    await expect
      .poll(() => estimate.textContent(), { timeout: 10_000 })
      .toMatch(/^(?!.*Updating).*about \d[\d,]* people/);
    await page.getByLabel('Countries').fill('JP');
    await expect
      .poll(() => estimate.textContent(), { timeout: 10_000 })
      .toMatch(/^(?!.*Updating).*fewer than 100 people/);
    await page.getByLabel('Countries').fill('US, BR');
    await expect
      .poll(() => estimate.textContent(), { timeout: 10_000 })
      .toMatch(/^(?!.*Updating).*about \d[\d,]* people/);
    await shot(page, 'advertiser-editor');
    await page.getByRole('button', { name: 'Save campaign' }).click();
    await page.getByRole('status').getByText('Saved campaign “Weekend trips”.').waitFor();
    await table.getByText('Weekend trips').waitFor();
    const saved = await fetch(`${base}/v1/campaigns`, {
      headers: { authorization: `Bearer ${ADVERTISER_KEY}` },
    });
    const names = (
      (await saved.json()) as { campaigns: { name: string; targeting: { interests: { anyOf: string[] } } }[] }
    ).campaigns;
    expect(names.find((c) => c.name === 'Weekend trips')?.targeting.interests.anyOf).toEqual([CAMPING]);

    // Editing an existing campaign keeps its topics and saves the change.
    await page.getByRole('button', { name: 'Edit Cookware' }).click();
    await page.getByRole('list', { name: 'Targeted topics' }).getByText('Cooking').waitFor();
    await page.getByLabel('Daily budget').fill('150');
    await page.getByRole('button', { name: 'Save campaign' }).click();
    await page.getByRole('status').getByText('Saved campaign “Cookware”.').waitFor();
    await table.getByText('0.00 of 150.00 today').waitFor();
  });

  it('operations: live charts of events, outcomes, languages, surfaces and interests by country', async () => {
    const page = await open();
    await signIn(page, ADMIN_KEY);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Operations');
    await page.getByRole('list', { name: 'Events by outcome' }).getByText('Kept').waitFor();
    await page.getByRole('list', { name: 'Events by outcome' }).getByText('Excluded: sensitive').waitFor();
    await page
      .getByRole('list', { name: 'Events by language (recent sample)' })
      .getByText('Spanish (es)')
      .waitFor();
    await page.getByRole('list', { name: 'Events by surface (recent sample)' }).getByText('voice').waitFor();
    await page.getByRole('list', { name: 'Top interests in US' }).getByText('Cooking').waitFor();
    // Live: new events show up in the next refresh.
    const before = Number(
      (await page.getByText('Events processed').locator('..').locator('strong').textContent())!.replace(
        /,/g,
        '',
      ),
    );
    const r = await fetch(`${base}/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify(
        [1, 2, 3].map((n) => ({
          eventId: `live-${n}`,
          accountId: 'e2e-3',
          occurredAt: new Date().toISOString(),
          surface: 'assistant_chat',
          app: 'assistant',
          text: 'Any tips for cooking pasta?',
          region: 'US',
        })),
      ),
    });
    expect(r.status).toBe(202);
    await expect
      .poll(
        async () =>
          Number(
            (await page.getByText('Events processed').locator('..').locator('strong').textContent())!.replace(
              /,/g,
              '',
            ),
          ),
        { timeout: 10_000 },
      )
      .toBe(before + 3);
    await shot(page, 'operations');

    // The admin can open any account's privacy center (support).
    await page.getByRole('link', { name: 'Privacy center' }).click();
    await page.getByLabel('Account id').fill('e2e-4');
    await page.getByRole('button', { name: 'Open' }).click();
    await page
      .getByRole('list', { name: 'Your interests' })
      .getByRole('heading', { name: 'Cooking' })
      .waitFor();
  });

  it('phone width (375 px): no horizontal scroll on any page', async () => {
    const token = await userToken('e2e-1');
    const cases: [string, string, string][] = [
      ['privacy', token, 'Cooking'],
      ['advertiser', ADVERTISER_KEY, 'Camping gear'],
      ['operations', ADMIN_KEY, 'Kept'],
    ];
    for (const [name, credential, text] of cases) {
      const page = await open(375, 812);
      await page.goto(`${base}/`);
      expect(await horizontalOverflow(page), 'sign-in').toBeLessThanOrEqual(0);
      if (name === 'operations') {
        // A credential handed over in the address is taken, then removed from it.
        await page.goto(`${base}/console/#key=${encodeURIComponent(credential)}`);
        await page.getByRole('heading', { name: 'Operations', level: 1 }).waitFor();
        expect(page.url()).not.toContain(credential);
      } else {
        await signIn(page, credential);
      }
      await page.getByText(text).first().waitFor();
      expect(await horizontalOverflow(page), name).toBeLessThanOrEqual(0);
      await shot(page, `${name}-phone`);
      if (name === 'advertiser') {
        await page.getByRole('button', { name: 'New campaign' }).click();
        await page.getByLabel(/Search topics/).fill('fútbol');
        await page.getByRole('button', { name: 'Target Soccer', exact: true }).waitFor();
        expect(await horizontalOverflow(page), 'campaign editor').toBeLessThanOrEqual(0);
        await shot(page, 'advertiser-editor-phone');
      }
    }
  });

  it('accessibility basics: labelled inputs, AA contrast, keyboard reaches the main buttons with visible focus', async () => {
    const page = await open();
    await page.goto(`${base}/`);
    await page.getByLabel('API key or user token').waitFor();
    await shot(page, 'sign-in');
    expect(await unlabelled(page)).toEqual([]);
    const signInTabs = await tabThrough(page, 4);
    expect(signInTabs.names).toContain('Sign in');
    // Keyboard-only sign-in.
    await page.getByLabel('API key or user token').focus();
    await page.keyboard.type(await userToken('e2e-2'));
    await page.keyboard.press('Enter');
    await page
      .getByRole('list', { name: 'Your interests' })
      .getByRole('heading', { name: 'Cooking' })
      .waitFor();
    expect(await unlabelled(page)).toEqual([]);
    expect(await lowContrast(page)).toEqual([]);
    const privacyTabs = await tabThrough(page, 25);
    for (const name of [
      'Mute Camping',
      'Delete Camping',
      'Download my data',
      'Reset profile',
      'Opt out',
      'Erase everything',
    ]) {
      expect(privacyTabs.names, name).toContain(name);
    }
    expect(privacyTabs.invisible).toEqual([]);
    // A dialog opened from the keyboard takes focus and closes with Escape.
    await page.getByRole('button', { name: 'Reset profile' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').waitFor();
    expect(await page.evaluate<string>('document.activeElement.textContent')).toBe('Cancel');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);

    const adv = await open();
    await signIn(adv, ADVERTISER_KEY);
    await adv.getByRole('button', { name: 'New campaign' }).click();
    await adv.getByLabel('Campaign name').waitFor();
    expect(await unlabelled(adv)).toEqual([]);
    await adv.getByLabel(/Search topics/).fill('salud');
    await adv.getByRole('button', { name: 'Target Medical Health', exact: true }).waitFor();
    expect(await lowContrast(adv)).toEqual([]);
    const editorTabs = await tabThrough(adv, 40);
    expect(editorTabs.names).toContain('Save campaign');
    expect(editorTabs.invisible).toEqual([]);
  });
});
