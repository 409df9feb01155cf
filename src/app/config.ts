import { z } from 'zod';
import { AppError, issuesToDetails } from '../core/errors.js';

/**
 * The one place that reads the environment. Parsed once at start; a bad value stops the
 * program with a message that names the variable and says how to fix it.
 */
const EnvSchema = z.object({
  CHATSIGNAL_STORE: z
    .string()
    .default('sqlite:./data/chatsignal.db')
    .refine((s) => /^(sqlite:|postgres(ql)?:\/\/)/.test(s), {
      message: 'use "sqlite:<path>" or "postgres://user@host:port/db"',
    }),
  CHATSIGNAL_BUS: z
    .string()
    .default('memory')
    .refine((s) => s === 'memory' || s.startsWith('nats://'), { message: 'use "memory" or "nats://host:port"' }),
  CHATSIGNAL_HOST: z.string().default('127.0.0.1'),
  CHATSIGNAL_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  CHATSIGNAL_POLICY: z.string().optional().describe('path to a policy JSON file'),
  CHATSIGNAL_MAX_BODY_BYTES: z.coerce.number().int().min(1024).max(1_073_741_824).default(10 * 1024 * 1024),
  CHATSIGNAL_BATCH_SIZE: z.coerce.number().int().min(1).max(100_000).default(1000),
  CHATSIGNAL_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('warn'),
  CHATSIGNAL_ADMIN_KEY: z.string().min(16).optional(),
  CHATSIGNAL_TOKEN_SECRET: z.string().min(32).optional(),
});

export type Config = {
  store: string;
  bus: string;
  host: string;
  port: number;
  policyPath: string | undefined;
  maxBodyBytes: number;
  batchSize: number;
  logLevel: z.infer<typeof EnvSchema>['CHATSIGNAL_LOG_LEVEL'];
  adminKey: string | undefined;
  tokenSecret: string | undefined;
};

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const details = issuesToDetails(parsed.error.issues);
    throw new AppError(
      500,
      'invalid_config',
      `invalid configuration: ${details.map((d) => `${d.path}: ${d.message}`).join('; ')}`,
      details,
    );
  }
  const e = parsed.data;
  return {
    store: e.CHATSIGNAL_STORE,
    bus: e.CHATSIGNAL_BUS,
    host: e.CHATSIGNAL_HOST,
    port: e.CHATSIGNAL_PORT,
    policyPath: e.CHATSIGNAL_POLICY,
    maxBodyBytes: e.CHATSIGNAL_MAX_BODY_BYTES,
    batchSize: e.CHATSIGNAL_BATCH_SIZE,
    logLevel: e.CHATSIGNAL_LOG_LEVEL,
    adminKey: e.CHATSIGNAL_ADMIN_KEY,
    tokenSecret: e.CHATSIGNAL_TOKEN_SECRET,
  };
}
