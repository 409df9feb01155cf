import { parseArgs } from 'node:util';
import { loadConfig } from '../../app/config.js';
import {
  defaultPolicyCasesPath,
  evaluateCases,
  loadPolicyCases,
  type CaseResult,
} from '../../app/policy-cases.js';
import { loadPolicy } from '../../app/policy-file.js';
import { GATE_RULES, PRE_RULES } from '../../core/gate/gate.js';
import { type Command, type Io, UsageError, write } from '../command.js';

const label = (r: CaseResult) => {
  const d = r.decision;
  return d.kind === 'kept' ? 'kept' : `excluded:${d.reason}${d.detail === undefined ? '' : ` (${d.detail})`}`;
};

const expectedLabel = (r: CaseResult) =>
  r.expected.decision === 'kept'
    ? `kept by ${r.expected.rule}`
    : `excluded:${r.expected.reason} by ${r.expected.rule}`;

export function formatExplain(results: readonly CaseResult[], source: string): string {
  const width = Math.max(20, ...results.map((r) => label(r).length));
  const ruleWidth = Math.max(...results.map((r) => r.decision.rule.length));
  const lines = results.map((r) => {
    const mark = r.matches ? 'ok ' : 'DIFF';
    const line = `${mark.padEnd(4)} ${label(r).padEnd(width)}  rule ${r.decision.rule.padEnd(ruleWidth)}  ${r.name}`;
    return r.matches ? line : `${line}\n     expected ${expectedLabel(r)}`;
  });
  const same = results.filter((r) => r.matches).length;
  lines.push(
    '',
    `${same} of ${results.length} case(s) decided as expected under the policy from ${source}` +
      (same === results.length
        ? '.'
        : ' (expectations assume the default policy: DIFF shows what yours changes).'),
  );
  return lines.join('\n') + '\n';
}

export function formatRules(): string {
  const all = [...PRE_RULES, ...GATE_RULES];
  const width = Math.max(...all.map((r) => r.name.length));
  return [
    'Rules, in order (the first that denies decides; nothing allows before the last):',
    ...all.map((r, i) => `  ${String(i + 1).padStart(2)}. ${r.name.padEnd(width)}  ${r.summary}`),
    '',
  ].join('\n');
}

export const policyCommand: Command = {
  name: 'policy',
  summary: 'Show the policy in force, or explain the gate decision for each golden case',
  usage: 'chatsignal policy show [--json] | chatsignal policy explain [--cases FILE] [--json]',
  async run(args: string[], io: Io) {
    const { values, positionals } = parseArgs({
      args,
      options: { json: { type: 'boolean' }, cases: { type: 'string' } },
      allowPositionals: true,
    });
    const [sub, ...extra] = positionals;
    if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
    const config = loadConfig(io.env);
    const policy = loadPolicy(config.policyPath);
    const source = config.policyPath ?? 'the built-in defaults';
    switch (sub) {
      case 'show': {
        if (values.cases !== undefined) throw new UsageError('--cases belongs to "policy explain"');
        if (values.json) {
          await write(io.stdout, JSON.stringify(policy, null, 2) + '\n');
        } else {
          await write(
            io.stdout,
            `Policy in force (from ${source}):\n${JSON.stringify(policy, null, 2)}\n\n${formatRules()}`,
          );
        }
        return 0;
      }
      case 'explain': {
        const path = values.cases ?? defaultPolicyCasesPath();
        if (path === undefined)
          throw new UsageError('no golden cases found next to chatsignal: give --cases FILE');
        const results = evaluateCases(loadPolicyCases(path), policy);
        if (values.json) {
          const out = results.map((r) => ({
            name: r.name,
            decision: r.decision,
            expected: r.expected,
            matches: r.matches,
          }));
          await write(io.stdout, JSON.stringify(out) + '\n');
        } else {
          await write(io.stdout, formatExplain(results, source));
        }
        return 0;
      }
      case undefined:
        throw new UsageError('give a subcommand: show or explain');
      default:
        throw new UsageError(`unknown subcommand "${sub}": use show or explain`);
    }
  },
};
