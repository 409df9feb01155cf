/**
 * The labelled sets that `npm run eval` scores and `scripts/calibrate.ts` fits on: the
 * development sets (../shared/eval, measure only) and the project's own sentences (eval/own,
 * eval/own-requests), each own set split into a tuning half (even lines) and a check half.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SENSITIVE_CLASSES, type SensitiveClass } from '../src/core/model/sensitive.js';
import type { Taxonomy } from '../src/core/taxonomy/taxonomy.js';

export interface Row {
  text: string;
  lang: string;
  /** A coarse interest label; null when the row has none; undefined when it is not scored. */
  interest: string | null | undefined;
  sensitive: SensitiveClass | null;
}

export interface LabelledSet {
  name: string;
  rows: Row[];
}

interface Coarse {
  interest: Record<string, string[]>;
}

/**
 * eval/own labels clean sentences by topic; six topics map to a coarse interest label. The others
 * (science, geography, business, assistant) only count towards false-sensitive.
 */
const OWN_INTEREST: Record<string, string | undefined> = {
  travel: 'travel',
  sports: 'sports_fitness',
  technology: 'tech',
  entertainment: 'entertainment',
  food: 'food_cooking',
  home: 'home',
};

/**
 * A folder of `<lang>.tsv` files (`label<TAB>text`) as two halves. `interestOf` maps a clean
 * label to a coarse interest label (null: the row has none; undefined: not scored).
 */
function ownSets(
  dir: string,
  title: string,
  interestOf: (label: string) => string | null | undefined,
): LabelledSet[] {
  if (!existsSync(dir)) return [];
  const halves: LabelledSet[] = [
    { name: `${title}, tuning half`, rows: [] },
    { name: `${title}, check half`, rows: [] },
  ];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.tsv'))
    .sort()) {
    const lang = file.slice(0, -4);
    readFileSync(join(dir, file), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .forEach((line, i) => {
        const [label = '', text = ''] = line.split('\t');
        const sensitive = (SENSITIVE_CLASSES as readonly string[]).includes(label)
          ? (label as SensitiveClass)
          : null;
        halves[i % 2]?.rows.push({ text, lang, sensitive, interest: sensitive ? null : interestOf(label) });
      });
  }
  return halves;
}

/** Both own folders: eval/own (topics, special categories) and eval/own-requests (assistant requests). */
export function loadOwnSets(repo: string): LabelledSet[] {
  return [
    ...ownSets(join(repo, 'eval', 'own'), 'own', (l) => OWN_INTEREST[l]),
    // Requests are labelled with the coarse labels themselves; `none` is a request with no interest.
    ...ownSets(join(repo, 'eval', 'own-requests'), 'own requests', (l) => (l === 'none' ? null : l)),
  ];
}

/** The development sets, one per folder holding `<name>/<name>.jsonl`. */
export function loadDevSets(evalDir: string): LabelledSet[] {
  return readdirSync(evalDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(evalDir, d.name, `${d.name}.jsonl`)))
    .map((d) => d.name)
    .sort()
    .map((name) => ({
      name,
      rows: readFileSync(join(evalDir, name, `${name}.jsonl`), 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => JSON.parse(l) as Row),
    }));
}

/** Whether an interest lies under a coarse label (its tier-1 ancestor or the node is listed). */
export function coarseMatcher(
  evalDir: string,
  taxonomy: Taxonomy,
): (interestId: string | undefined, label: string) => boolean {
  const coarse = JSON.parse(readFileSync(join(evalDir, 'coarse-labels.json'), 'utf8')) as Coarse;
  return (interestId, label) => {
    if (interestId === undefined) return false;
    const node = taxonomy.get(interestId);
    if (!node) return false;
    const ids = coarse.interest[label] ?? [];
    return ids.some((id) => id === node.tier1Id || taxonomy.isWithin(interestId, id));
  };
}
