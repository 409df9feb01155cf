import { loadConfig } from '../../src/app/config.js';
import { createApp, type App, type AppOverrides } from '../../src/app/container.js';
import { AccountSchema, type Account, type AccountInput } from '../../src/core/model/account.js';

export const ADMIN_KEY = 'test-admin-key-0123456789abcdef';
export const TOKEN_SECRET = 'test-token-secret-0123456789abcdef0123456789';
export const NOW = Date.parse('2026-06-01T12:00:00Z');
export const AUTH = { authorization: `Bearer ${ADMIN_KEY}` };

export function testConfig(env: Record<string, string> = {}) {
  return loadConfig({
    CHATSIGNAL_STORE: 'sqlite::memory:',
    CHATSIGNAL_ADMIN_KEY: ADMIN_KEY,
    CHATSIGNAL_TOKEN_SECRET: TOKEN_SECRET,
    CHATSIGNAL_LOG_LEVEL: 'silent',
    ...env,
  });
}

/** A real app on an in-memory SQLite store, at a fixed time. */
export function testApp(overrides: AppOverrides = {}, env: Record<string, string> = {}): Promise<App> {
  return createApp(testConfig(env), { now: () => NOW, ...overrides });
}

/** An adult US account that passes every gate rule. */
export function adult(overrides: Partial<AccountInput> = {}): Account {
  return AccountSchema.parse({
    accountId: 'acct-1',
    birthYear: 1990,
    region: 'US',
    locale: 'en-US',
    linkedAdAccounts: [{ platform: 'facebook', id: 'fb-1' }],
    noticeShownAt: '2025-12-01T00:00:00Z',
    ...overrides,
  });
}

let n = 0;
/** A valid event JSON object; override any field. */
export function chatEvent(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  n++;
  return {
    eventId: `evt-${n}`,
    accountId: 'acct-1',
    occurredAt: '2026-05-30T10:00:00Z',
    surface: 'assistant_chat',
    app: 'assistant',
    conversationId: 'conv-1',
    text: 'Can you plan a three day hiking trip in the Rocky Mountains with camping gear?',
    region: 'US',
    ...overrides,
  };
}
