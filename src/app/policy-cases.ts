import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { AppError, issuesToDetails } from '../core/errors.js';
import { gate, type GateDecision } from '../core/gate/gate.js';
import { AccountSchema, type Account } from '../core/model/account.js';
import { EXCLUSION_REASONS } from '../core/model/decision.js';
import { EventSchema, type ChatEvent } from '../core/model/event.js';
import { PolicySchema, type Policy } from '../core/model/policy.js';

/**
 * Golden policy cases: an event, an account and policy overrides, with the decision and the
 * rule expected. The same file drives the tests and `chatsignal policy explain`, so the rules
 * are documented by examples that are known to hold.
 */
const Obj = z.record(z.string(), z.unknown());

const ExpectSchema = z
  .object({
    decision: z.enum(['kept', 'excluded']),
    reason: z.enum(EXCLUSION_REASONS).optional(),
    rule: z.string().min(1),
  })
  .strict()
  .refine((e) => (e.decision === 'kept') === (e.reason === undefined), {
    message: 'an excluded case needs a reason; a kept case has none',
  });

const CaseSchema = z
  .object({
    name: z.string().min(1),
    /** Policy fields replacing those of the base policy. */
    policy: Obj.default({}),
    /** Fields replacing those of `baseAccount`; null: chatsignal holds no account record. */
    account: Obj.nullable().default({}),
    erased: z.boolean().default(false),
    /** Fields replacing those of `baseEvent`; null removes one. */
    event: Obj.default({}),
    expect: ExpectSchema,
  })
  .strict();
export type PolicyCase = z.infer<typeof CaseSchema>;

export const PolicyCasesFileSchema = z
  .object({
    about: z.string().optional(),
    baseEvent: Obj,
    baseAccount: Obj,
    cases: z.array(CaseSchema).min(1),
  })
  .strict();
export type PolicyCasesFile = z.infer<typeof PolicyCasesFileSchema>;

export interface CaseResult {
  name: string;
  decision: GateDecision;
  expected: PolicyCase['expect'];
  matches: boolean;
  event: ChatEvent;
  account: Account | undefined;
  policy: Policy;
}

const caseError = (where: string, issues: readonly { path: readonly PropertyKey[]; message: string }[]) => {
  const details = issuesToDetails(issues);
  return new AppError(
    400,
    'invalid_input',
    `${where}: ${details.map((d) => `${d.path}: ${d.message}`).join('; ')}`,
    details,
  );
};

/** Runs one case through the gate, on top of `basePolicy` (the defaults unless told otherwise). */
export function evaluateCase(file: PolicyCasesFile, c: PolicyCase, basePolicy: Policy): CaseResult {
  // Event fields are never null, so null in a case means "remove this base field".
  const merged = Object.fromEntries(
    Object.entries({ ...file.baseEvent, ...c.event }).filter(([, v]) => v !== null),
  );
  const ev = EventSchema.safeParse(merged);
  if (!ev.success) throw caseError(`case "${c.name}": event`, ev.error.issues);
  let account: Account | undefined;
  if (c.account !== null) {
    const a = AccountSchema.safeParse({ ...file.baseAccount, ...c.account, accountId: ev.data.accountId });
    if (!a.success) throw caseError(`case "${c.name}": account`, a.error.issues);
    account = a.data;
  }
  const p = PolicySchema.safeParse({ ...basePolicy, ...c.policy });
  if (!p.success) throw caseError(`case "${c.name}": policy`, p.error.issues);
  const decision = gate({ event: ev.data, account, erased: c.erased, policy: p.data });
  const matches =
    decision.kind === c.expect.decision &&
    decision.rule === c.expect.rule &&
    (decision.kind === 'kept' || decision.reason === c.expect.reason);
  return { name: c.name, decision, expected: c.expect, matches, event: ev.data, account, policy: p.data };
}

export function evaluateCases(file: PolicyCasesFile, basePolicy: Policy): CaseResult[] {
  return file.cases.map((c) => evaluateCase(file, c, basePolicy));
}

export function loadPolicyCases(path: string): PolicyCasesFile {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new AppError(400, 'invalid_input', `cannot read policy cases ${path}: ${(err as Error).message}`);
  }
  const parsed = PolicyCasesFileSchema.safeParse(raw);
  if (!parsed.success) throw caseError(`invalid policy cases ${path}`, parsed.error.issues);
  return parsed.data;
}

const CASES_PATH = join('test', 'golden', 'policy-cases.json');

/** The repository's golden cases, found from this file (src/ or dist/) or the working directory. */
export function defaultPolicyCasesPath(cwd = process.cwd()): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, CASES_PATH);
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  const fromCwd = resolve(cwd, CASES_PATH);
  return existsSync(fromCwd) ? fromCwd : undefined;
}
