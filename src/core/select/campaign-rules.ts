import type { Campaign } from '../model/campaign.js';
import type { Taxonomy, TaxonomyNode } from '../taxonomy/taxonomy.js';
import { INTEREST_TARGETING_MIN_AGE } from './compile.js';

export const CAMPAIGN_PROBLEM_CODES = [
  'unknown_interest',
  'sensitive_interest',
  'not_ad_eligible',
  'interest_targets_minors',
  'below_topic_min_age',
  'contradictory_interests',
  'invalid_schedule',
  'audience_below_k',
] as const;
export type CampaignProblemCode = (typeof CAMPAIGN_PROBLEM_CODES)[number];

export interface CampaignProblem {
  code: CampaignProblemCode;
  /** Dotted path into the campaign, e.g. "targeting.interests.anyOf[2]". */
  path: string;
  message: string;
}

/**
 * Problems that make a campaign unsafe or meaningless to serve at all: the index refuses
 * campaigns that have any of them. The others (age floors, audience size) are enforced by the
 * engine anyway, so they are reported to the advertiser but do not block serving.
 */
export const BLOCKING_PROBLEMS: ReadonlySet<CampaignProblemCode> = new Set([
  'unknown_interest',
  'sensitive_interest',
  'not_ad_eligible',
  'invalid_schedule',
]);

export const DEFAULT_K_ANONYMITY = 100;

const LISTS = ['anyOf', 'allOf', 'noneOf'] as const;
type ListName = (typeof LISTS)[number];

const describe = (n: TaxonomyNode): string => `"${n.path.join(' > ')}" (${n.id})`;

/** Per-node rules, read from node data (sensitive class, adEligible), never from ids. */
function nodeProblem(taxonomy: Taxonomy, id: string, list: ListName, path: string): CampaignProblem | null {
  const verb = list === 'noneOf' ? 'exclude' : 'target';
  const node = taxonomy.get(id);
  // SAFETY: an id the taxonomy does not know is refused rather than ignored.
  if (!node) return { code: 'unknown_interest', path, message: `unknown taxonomy id "${id}"` };
  if (node.sensitive !== null) {
    return {
      code: 'sensitive_interest',
      path,
      message: `cannot ${verb} ${describe(node)}: it is a sensitive category (${node.sensitive})`,
    };
  }
  if (!node.adEligible) {
    return {
      code: 'not_ad_eligible',
      path,
      message: `cannot ${verb} ${describe(node)}: it is not ad-eligible`,
    };
  }
  return null;
}

function interestProblems(c: Campaign, taxonomy: Taxonomy): CampaignProblem[] {
  const out: CampaignProblem[] = [];
  for (const list of LISTS) {
    c.targeting.interests[list].forEach((id, i) => {
      const p = nodeProblem(taxonomy, id, list, `targeting.interests.${list}[${i}]`);
      if (p) out.push(p);
    });
  }
  return out;
}

function ageProblems(c: Campaign, taxonomy: Taxonomy): CampaignProblem[] {
  const { anyOf, allOf, noneOf } = c.targeting.interests;
  const range = c.targeting.ageRange;
  if (anyOf.length + allOf.length + noneOf.length === 0 || range === undefined) return [];
  const out: CampaignProblem[] = [];
  if (range.min < INTEREST_TARGETING_MIN_AGE) {
    out.push({
      code: 'interest_targets_minors',
      path: 'targeting.ageRange.min',
      message: `interest targeting is for adults only: ageRange.min must be at least ${INTEREST_TARGETING_MIN_AGE} (is ${range.min})`,
    });
  }
  for (const list of ['anyOf', 'allOf'] as const) {
    c.targeting.interests[list].forEach((id, i) => {
      const node = taxonomy.get(id);
      if (node && range.min < node.minAge) {
        out.push({
          code: 'below_topic_min_age',
          path: `targeting.interests.${list}[${i}]`,
          message: `${describe(node)} may only be used for people aged ${node.minAge}+, but ageRange.min is ${range.min}`,
        });
      }
    });
  }
  return out;
}

/** An anyOf/allOf node inside a noneOf node can never match. */
function contradictionProblems(c: Campaign, taxonomy: Taxonomy): CampaignProblem[] {
  const { noneOf } = c.targeting.interests;
  const out: CampaignProblem[] = [];
  for (const list of ['anyOf', 'allOf'] as const) {
    c.targeting.interests[list].forEach((id, i) => {
      const excluder = noneOf.find((n) => taxonomy.isWithin(id, n));
      if (excluder !== undefined) {
        out.push({
          code: 'contradictory_interests',
          path: `targeting.interests.${list}[${i}]`,
          message: `"${id}" is also excluded by noneOf "${excluder}", so it can never match`,
        });
      }
    });
  }
  return out;
}

function scheduleProblems(c: Campaign): CampaignProblem[] {
  const start = Date.parse(c.schedule.start);
  const end = c.schedule.end === undefined ? Infinity : Date.parse(c.schedule.end);
  if (Number.isNaN(start))
    return [{ code: 'invalid_schedule', path: 'schedule.start', message: 'start is not a valid date' }];
  if (Number.isNaN(end) || end <= start) {
    return [
      { code: 'invalid_schedule', path: 'schedule.end', message: 'end must be a valid date after start' },
    ];
  }
  return [];
}

/**
 * Everything wrong with a campaign, in a stable order; empty when it may run.
 *
 * Decisions:
 * - a node that is itself sensitive or not ad-eligible is refused in anyOf, allOf and noneOf;
 *   a broader node that merely contains such nodes is allowed, and matching never uses them;
 * - interest criteria are for adults: an ageRange starting below 18 (or below a node's minAge)
 *   is reported; without an ageRange the engine applies a floor of max(18, nodes' minAge), so
 *   interest campaigns never reach minors or people of unknown age either way;
 * - when `audience` is given, fewer than `k` eligible accounts is reported.
 */
export function checkCampaign(
  campaign: Campaign,
  taxonomy: Taxonomy,
  audience?: { eligible: number },
  k: number = DEFAULT_K_ANONYMITY,
): CampaignProblem[] {
  const out = [
    ...interestProblems(campaign, taxonomy),
    ...ageProblems(campaign, taxonomy),
    ...contradictionProblems(campaign, taxonomy),
    ...scheduleProblems(campaign),
  ];
  if (audience !== undefined && audience.eligible < k) {
    out.push({
      code: 'audience_below_k',
      path: 'targeting',
      message: `the targeting reaches fewer than ${k} eligible people; broaden it so no one can be singled out`,
    });
  }
  return out;
}

/** The problems that stop a campaign from serving at all (see BLOCKING_PROBLEMS). */
export function blockingProblems(campaign: Campaign, taxonomy: Taxonomy): CampaignProblem[] {
  return checkCampaign(campaign, taxonomy).filter((p) => BLOCKING_PROBLEMS.has(p.code));
}
