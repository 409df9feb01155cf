/**
 * Scores the understand engine on the development evaluation sets (../shared/eval, or
 * $CHATSIGNAL_EVAL_DIR) and writes eval/REPORT.md. Measurement only: nothing here feeds the KB.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTaxonomy } from '../src/app/assets.js';
import { redact } from '../src/core/understand/redact.js';
import { createUnderstander, SENSITIVE_THRESHOLD } from '../src/core/understand/understand.js';
import type { SensitiveClass } from '../src/core/model/sensitive.js';
import { coarseMatcher, loadDevSets, loadOwnSets } from './eval-data.js';
import { expectedCalibrationError } from './metrics.js';

interface Tally {
  interestRows: number;
  interestHits: number;
  nullRows: number;
  nullAbstained: number;
  cleanRows: number;
  falseSensitive: number;
  sensitiveRows: Map<string, { n: number; hit: number }>;
  leaks: number;
  langHits: number;
  rows: number;
}

const newTally = (): Tally => ({
  interestRows: 0,
  interestHits: 0,
  nullRows: 0,
  nullAbstained: 0,
  cleanRows: 0,
  falseSensitive: 0,
  sensitiveRows: new Map(),
  leaks: 0,
  langHits: 0,
  rows: 0,
});

const pct = (a: number, n: number): string => (n === 0 ? '—' : `${((100 * a) / n).toFixed(1)}%`);

function main(): void {
  const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const evalDir = process.env['CHATSIGNAL_EVAL_DIR'] ?? resolve(repo, '..', 'shared', 'eval');
  if (!existsSync(evalDir)) {
    console.log(`eval: no evaluation sets at ${evalDir} (set CHATSIGNAL_EVAL_DIR); nothing to score.`);
    return;
  }
  const taxonomy = loadTaxonomy();
  const correct = coarseMatcher(evalDir, taxonomy);
  let evidence: ReadonlyMap<SensitiveClass, number> = new Map();
  const understand = createUnderstander(taxonomy, undefined, {
    evidence: (byClass) => {
      evidence = byClass;
    },
  });
  // Per set: the evidence of each sensitive row for its own class, and the strongest evidence
  // of each clean row, to show what another threshold would trade (recall against false alarms).
  const curves: Array<{ set: string; pos: number[]; neg: number[] }> = [];
  // Per set: each top interest's score and whether it was right (under the row's label; on a
  // row with no interest, any interest is wrong), to show how well scores read as probabilities.
  const calibration: Array<{ set: string; scores: number[]; right: number[] }> = [];

  const sets = [...loadDevSets(evalDir), ...loadOwnSets(repo)];

  const lines: string[] = [];
  const out = (s: string): void => {
    lines.push(s);
  };
  out('# chatsignal understand — evaluation report');
  out('');
  out(
    `Sets from \`${evalDir}\`, then the project's own sentences (\`eval/own\`, written for chatsignal, in a tuning half and a check half that lexicon work never reads). Text is redacted first, as in the pipeline; no locale hint is given, so language detection is part of what is measured.`,
  );
  out(
    "Top-1 = the top interest lies under one of the coarse label's IDs (or its tier-1 ancestor is listed). Abstain = no interest on rows whose `interest` is null. Recall per sensitive class; false-sensitive = clean rows flagged with any class; leaks = sensitive rows still ad-eligible.",
  );
  out('');
  out(
    '| set | lang | rows | lang-id | top-1 (interest rows) | abstain (null rows) | sensitive recall | false-sensitive | leaks |',
  );
  out('|---|---|---:|---:|---:|---:|---|---:|---:|');

  const t0 = performance.now();
  let total = 0;
  for (const { name: set, rows } of sets) {
    const byLang = new Map<string, Tally>();
    const all = newTally();
    const curve = { set, pos: [] as number[], neg: [] as number[] };
    curves.push(curve);
    const cal = { set, scores: [] as number[], right: [] as number[] };
    calibration.push(cal);
    for (const row of rows) {
      total++;
      const u = understand({ text: redact(row.text).text });
      if (row.sensitive) curve.pos.push(evidence.get(row.sensitive) ?? 0);
      else curve.neg.push(Math.max(0, ...evidence.values()));
      const top = u.interests[0];
      if (top && !row.sensitive && row.interest !== undefined) {
        cal.scores.push(top.score);
        cal.right.push(row.interest !== null && correct(top.id, row.interest) ? 1 : 0);
      }
      for (const t of [all, byLang.get(row.lang) ?? byLang.set(row.lang, newTally()).get(row.lang)!]) {
        t.rows++;
        if (u.lang === row.lang) t.langHits++;
        if (row.sensitive) {
          const s = t.sensitiveRows.get(row.sensitive) ?? { n: 0, hit: 0 };
          s.n++;
          if (u.sensitive.includes(row.sensitive)) s.hit++;
          t.sensitiveRows.set(row.sensitive, s);
          if (u.adEligible || u.interests.length > 0) t.leaks++;
        } else {
          t.cleanRows++;
          if (u.sensitive.length > 0) t.falseSensitive++;
          if (row.interest) {
            t.interestRows++;
            if (correct(u.interests[0]?.id, row.interest)) t.interestHits++;
          } else if (row.interest === null) {
            t.nullRows++;
            if (u.interests.length === 0) t.nullAbstained++;
          }
        }
      }
    }
    const fmt = (lang: string, t: Tally): string => {
      const rec =
        [...t.sensitiveRows.entries()].map(([c, s]) => `${c} ${pct(s.hit, s.n)} (${s.n})`).join(', ') || '—';
      return `| ${set} | ${lang} | ${t.rows} | ${pct(t.langHits, t.rows)} | ${pct(t.interestHits, t.interestRows)} (${t.interestRows}) | ${pct(t.nullAbstained, t.nullRows)} (${t.nullRows}) | ${rec} | ${pct(t.falseSensitive, t.cleanRows)} (${t.falseSensitive}/${t.cleanRows}) | ${t.leaks} |`;
    };
    for (const [lang, t] of [...byLang.entries()].sort()) out(fmt(lang, t));
    if (byLang.size > 1) out(fmt('all', all));
  }
  const ms = performance.now() - t0;
  out('');
  out(`${total} rows in ${(ms / 1000).toFixed(2)} s (redact + understand, one core, incl. warm-up).`);
  out('');
  out('## Operating points of the sensitive threshold');
  out('');
  out(
    `A class is flagged when its evidence reaches ${SENSITIVE_THRESHOLD} (a plain lexicon word is 1, a \`^\` word 0.5, context 0.15). Recall / false-sensitive over all classes if the threshold were moved; the shipped one is in bold. Sets without sensitive rows are left out.`,
  );
  out('');
  const cuts = [0.4, 0.5, SENSITIVE_THRESHOLD, 0.8, 1, 1.2, 1.5, 2];
  out(`| set | ${cuts.map((c) => (c === SENSITIVE_THRESHOLD ? `**${c}**` : String(c))).join(' | ')} |`);
  out(`|---|${cuts.map(() => '---:').join('|')}|`);
  for (const { set, pos, neg } of curves) {
    if (pos.length === 0) continue;
    const at = (c: number): string => {
      const rec = pos.filter((e) => e >= c - 1e-9).length;
      const fs = neg.filter((e) => e >= c - 1e-9).length;
      return `${pct(rec, pos.length)} / ${pct(fs, neg.length)}`;
    };
    out(`| ${set} | ${cuts.map(at).join(' | ')} |`);
  }
  out('');
  out('## Calibration of interest scores');
  out('');
  out(
    'A score should read as the chance that the interest is right. Per set, over the top interest of each scored clean row (right = under the row’s label; on a row with no interest, any interest is wrong): mean score, share right, and the expected calibration error (ECE, 10 bins). The model is fitted by `scripts/calibrate.ts` on the own sets’ check halves (text the lexicons were never tuned on), so the dev sets are its independent measure.',
  );
  out('');
  out('| set | top interests | mean score | right | ECE |');
  out('|---|---:|---:|---:|---:|');
  for (const { set, scores, right } of calibration) {
    if (scores.length === 0) continue;
    const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
    const hits = right.reduce((a, b) => a + b, 0);
    const ece = expectedCalibrationError(scores, right);
    out(
      `| ${set} | ${scores.length} | ${mean.toFixed(2)} | ${pct(hits, scores.length)} | ${(100 * ece).toFixed(1)}% |`,
    );
  }

  const report = lines.join('\n') + '\n';
  console.log(report);
  mkdirSync(join(repo, 'eval'), { recursive: true });
  writeFileSync(join(repo, 'eval', 'REPORT.md'), report);
}

main();
