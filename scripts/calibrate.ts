/**
 * Fits the interest-score calibration (src/core/understand/calibration.ts) on the project's own
 * labelled sentences — the check halves of eval/own and eval/own-requests, never the development
 * sets — and prints how well calibrated the scores are on both halves before and after.
 *
 * Why the check halves: lexicon work reads the tuning halves, so the KB is fitted to them and its
 * scores there are too good to learn confidence from. The check halves are text the KB has never
 * been tuned on, like real traffic. Fitting five coefficients reads no sentence; the dev sets stay
 * the independent measure (`npm run eval`).
 *
 *   npx tsx scripts/calibrate.ts           # fit and print
 *   npx tsx scripts/calibrate.ts --write   # also write the coefficients into calibration.ts
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTaxonomy } from '../src/app/assets.js';
import {
  calibratedScore,
  featureVector,
  INTEREST_CALIBRATION,
  type ScoreCalibration,
  type ScoreFeatures,
} from '../src/core/understand/calibration.js';
import { redact } from '../src/core/understand/redact.js';
import { createUnderstander } from '../src/core/understand/understand.js';
import { coarseMatcher, loadOwnSets } from './eval-data.js';
import { expectedCalibrationError } from './metrics.js';

interface Example {
  features: ScoreFeatures;
  /** 1 when the interest lies under the row's label, 0 otherwise (any interest of a `none` row). */
  y: number;
  top: boolean;
}

/** L2-regularised logistic regression by Newton's method (5 parameters: no need for more). */
function fit(examples: readonly Example[], l2 = 1e-2): number[] {
  const dim = 5;
  const w = new Array<number>(dim).fill(0);
  const xs = examples.map((e) => [1, ...featureVector(e.features)]);
  for (let iter = 0; iter < 50; iter++) {
    const grad = new Array<number>(dim).fill(0);
    const hess = Array.from({ length: dim }, () => new Array<number>(dim).fill(0));
    for (let n = 0; n < xs.length; n++) {
      const x = xs[n] ?? [];
      const z = x.reduce((s, v, i) => s + v * (w[i] ?? 0), 0);
      const p = 1 / (1 + Math.exp(-z));
      const r = p - (examples[n]?.y ?? 0);
      for (let i = 0; i < dim; i++) {
        grad[i] = (grad[i] ?? 0) + r * (x[i] ?? 0);
        const row = hess[i] ?? [];
        for (let j = 0; j < dim; j++) row[j] = (row[j] ?? 0) + p * (1 - p) * (x[i] ?? 0) * (x[j] ?? 0);
      }
    }
    // The bias is not regularised.
    for (let i = 1; i < dim; i++) {
      grad[i] = (grad[i] ?? 0) + l2 * xs.length * (w[i] ?? 0);
      const row = hess[i] ?? [];
      row[i] = (row[i] ?? 0) + l2 * xs.length;
    }
    const step = solve(hess, grad);
    let moved = 0;
    for (let i = 0; i < dim; i++) {
      w[i] = (w[i] ?? 0) - (step[i] ?? 0);
      moved = Math.max(moved, Math.abs(step[i] ?? 0));
    }
    if (moved < 1e-9) break;
  }
  return w;
}

/** Gaussian elimination with partial pivoting (a tiny dense system). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i] ?? 0]);
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]?.[c] ?? 0) > Math.abs(m[piv]?.[c] ?? 0)) piv = r;
    [m[c], m[piv]] = [m[piv] ?? [], m[c] ?? []];
    const pr = m[c] ?? [];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const row = m[r] ?? [];
      const f = (row[c] ?? 0) / (pr[c] ?? 1);
      for (let k = c; k <= n; k++) row[k] = (row[k] ?? 0) - f * (pr[k] ?? 0);
    }
  }
  return m.map((row, i) => (row[n] ?? 0) / (row[i] ?? 1));
}

function main(): void {
  const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const evalDir = process.env['CHATSIGNAL_EVAL_DIR'] ?? resolve(repo, '..', 'shared', 'eval');
  // Only coarse-labels.json is read from there (the label → taxonomy map), never a sentence.
  if (!existsSync(evalDir)) throw new Error(`calibrate: no coarse-labels.json under ${evalDir}`);
  const taxonomy = loadTaxonomy();
  const correct = coarseMatcher(evalDir, taxonomy);
  let ranked: ReadonlyArray<{ id: string; features: ScoreFeatures }> = [];
  const understand = createUnderstander(taxonomy, undefined, {
    scoreFeatures: (r) => {
      ranked = r;
    },
  });

  const examplesOf = (rows: ReturnType<typeof loadOwnSets>[number]['rows']): Example[] => {
    const out: Example[] = [];
    for (const row of rows) {
      if (row.sensitive || row.interest === undefined) continue;
      ranked = [];
      understand({ text: redact(row.text).text });
      ranked.forEach((r, i) => {
        const y = row.interest === null ? 0 : Number(correct(r.id, row.interest ?? ''));
        out.push({ features: r.features, y, top: i === 0 });
      });
    }
    return out;
  };

  const sets = loadOwnSets(repo);
  const train = sets.filter((s) => s.name.endsWith('check half')).flatMap((s) => examplesOf(s.rows));
  const w = fit(train);
  const fitted: ScoreCalibration = {
    bias: round(w[0]),
    raw: round(w[1]),
    share: round(w[2]),
    length: round(w[3]),
    declared: round(w[4]),
  };
  console.log(`fitted on ${train.length} ranked interests:`, fitted);
  for (const set of sets) {
    const ex = examplesOf(set.rows).filter((e) => e.top);
    const ece = (c: ScoreCalibration): string =>
      (
        100 *
        expectedCalibrationError(
          ex.map((e) => calibratedScore(e.features, c)),
          ex.map((e) => e.y),
        )
      ).toFixed(1);
    console.log(
      `${set.name}: top interests ${ex.length}, ECE now ${ece(INTEREST_CALIBRATION)}%, fitted ${ece(fitted)}%`,
    );
  }
  if (process.argv.includes('--write')) {
    const file = resolve(repo, 'src', 'core', 'understand', 'calibration.ts');
    const src = readFileSync(file, 'utf8');
    const fields = Object.entries(fitted).map(([k, v]) => `  ${k}: ${v},`);
    const block = [
      '// <fit> written by scripts/calibrate.ts',
      'export const INTEREST_CALIBRATION: ScoreCalibration = {',
      ...fields,
      '};',
      '// </fit>',
    ].join('\n');
    writeFileSync(file, src.replace(/\/\/ <fit>[\s\S]*?\/\/ <\/fit>/, block));
    console.log(`wrote ${file}`);
  }
}

const round = (v: number | undefined): number => Math.round((v ?? 0) * 1e4) / 1e4;

main();
