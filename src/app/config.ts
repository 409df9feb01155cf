import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { AppError, issuesToDetails } from '../core/errors.js';

const MAX_UNDERSTAND_THREADS = 16;

/**
 * One core stays with the main thread (store reads, gate, commit); understanding, the largest
 * pure part of ingest, may use the others, up to 4 (one is already more than the main thread
 * can feed: the SQLite commit alone costs it about three times what understanding does).
 */
function defaultUnderstandThreads(): number {
  return Math.max(0, Math.min(availableParallelism() - 1, 4));
}

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
    .refine((s) => s === 'memory' || s.startsWith('nats://'), {
      message: 'use "memory" or "nats://host:port"',
    }),
  CHATSIGNAL_HOST: z.string().default('127.0.0.1'),
  CHATSIGNAL_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  CHATSIGNAL_POLICY: z.string().optional().describe('path to a policy JSON file'),
  CHATSIGNAL_MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(1_073_741_824)
    .default(10 * 1024 * 1024),
  CHATSIGNAL_BATCH_SIZE: z.coerce.number().int().min(1).max(100_000).default(1000),
  CHATSIGNAL_UNDERSTAND_THREADS: z.coerce
    .number({ error: 'use a whole number of threads, 0 to understand on the main thread' })
    .int('use a whole number of threads, 0 to understand on the main thread')
    .min(0, 'use 0 (understand on the main thread) or more')
    .max(MAX_UNDERSTAND_THREADS, `at most ${MAX_UNDERSTAND_THREADS} threads`)
    .default(defaultUnderstandThreads())
    .describe('worker threads that redact and understand events during ingest; 0 = on the main thread'),
  CHATSIGNAL_STREAM: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, "_" and "-" only')
    .default('CHATSIGNAL_EVENTS')
    .describe('NATS JetStream stream name'),
  CHATSIGNAL_PARTITIONS: z.coerce
    .number()
    .int()
    .min(1)
    .max(4096)
    .default(16)
    .describe('subjects events are spread over by account; fixed for the life of a stream'),
  CHATSIGNAL_STREAM_REPLICAS: z.coerce.number().int().min(1).max(5).default(1),
  CHATSIGNAL_LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('warn'),
  CHATSIGNAL_ADMIN_KEY: z.string().min(16).optional(),
  CHATSIGNAL_TOKEN_SECRET: z.string().min(32).optional(),
  CHATSIGNAL_API_KEYS: z
    .string()
    .optional()
    .transform((s, ctx) => parseApiKeys(s ?? '', ctx))
    .describe('comma-separated role:key pairs, roles admin|ingest|advertiser'),
});

export const API_ROLES = ['admin', 'ingest', 'advertiser'] as const;
export type ApiRole = (typeof API_ROLES)[number];
export interface ApiKey {
  role: ApiRole;
  key: string;
}

const ApiKeySchema = z.object({
  role: z.enum(API_ROLES),
  // SAFETY: short keys can be guessed; 16 characters is the floor, as for CHATSIGNAL_ADMIN_KEY.
  key: z
    .string()
    .min(16, 'a key needs at least 16 characters')
    .regex(/^[\x21-\x7e]+$/, 'a key is printable ASCII without spaces'),
});

function parseApiKeys(text: string, ctx: z.RefinementCtx): ApiKey[] {
  const out: ApiKey[] = [];
  for (const [i, part] of text.split(',').entries()) {
    const item = part.trim();
    if (item === '') continue;
    const colon = item.indexOf(':');
    const r = ApiKeySchema.safeParse({
      role: colon < 0 ? '' : item.slice(0, colon),
      key: colon < 0 ? item : item.slice(colon + 1),
    });
    if (!r.success) {
      // The key itself is never echoed: messages end up in logs.
      const what = r.error.issues.map((x) => `${String(x.path[0])}: ${x.message}`).join(', ');
      ctx.addIssue({
        code: 'custom',
        message: `entry ${i + 1}: ${what}; use "role:key,role:key" with roles admin, ingest, advertiser`,
      });
      continue;
    }
    if (out.some((k) => k.key === r.data.key)) {
      ctx.addIssue({ code: 'custom', message: `entry ${i + 1}: the same key is listed twice` });
      continue;
    }
    out.push(r.data);
  }
  return out;
}

export type Config = {
  store: string;
  bus: string;
  host: string;
  port: number;
  policyPath: string | undefined;
  maxBodyBytes: number;
  batchSize: number;
  /** Worker threads for the redact + understand step of ingest; 0 runs it on the main thread. */
  understandThreads: number;
  /** NATS only: stream name, partitions per stream and replicas (see docs/deployment.md). */
  stream: string;
  partitions: number;
  streamReplicas: number;
  logLevel: z.infer<typeof EnvSchema>['CHATSIGNAL_LOG_LEVEL'];
  adminKey: string | undefined;
  tokenSecret: string | undefined;
  /** From CHATSIGNAL_API_KEYS; CHATSIGNAL_ADMIN_KEY is added as an admin key by the auth module. */
  apiKeys: ApiKey[];
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
    understandThreads: e.CHATSIGNAL_UNDERSTAND_THREADS,
    stream: e.CHATSIGNAL_STREAM,
    partitions: e.CHATSIGNAL_PARTITIONS,
    streamReplicas: e.CHATSIGNAL_STREAM_REPLICAS,
    logLevel: e.CHATSIGNAL_LOG_LEVEL,
    adminKey: e.CHATSIGNAL_ADMIN_KEY,
    tokenSecret: e.CHATSIGNAL_TOKEN_SECRET,
    apiKeys: e.CHATSIGNAL_API_KEYS,
  };
}
