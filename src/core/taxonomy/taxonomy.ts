import { z } from 'zod';
import { SensitiveClassSchema, type SensitiveClass } from '../model/sensitive.js';

export interface TaxonomyNode {
  readonly id: string;
  readonly parentId: string | null;
  readonly name: string;
  readonly tier: number;
  /** Names from tier 1 down to this node, e.g. ["Travel", "Travel Type", "Camping"]. */
  readonly path: readonly string[];
  readonly tier1Id: string;
  readonly childIds: readonly string[];
  /** Inherited from the closest rule on this node or an ancestor. */
  readonly sensitive: SensitiveClass | null;
  readonly adEligible: boolean;
  readonly minAge: number;
}

export interface Taxonomy {
  readonly nodes: ReadonlyMap<string, TaxonomyNode>;
  get(id: string): TaxonomyNode | undefined;
  /** The node and all its ancestors, closest first. */
  ancestorsOf(id: string): TaxonomyNode[];
  /** The node and all its descendants. */
  descendantsOf(id: string): TaxonomyNode[];
  /** True when `id` is `ancestorId` or lies below it. */
  isWithin(id: string, ancestorId: string): boolean;
}

const NodeRuleSchema = z
  .object({
    id: z.string().min(1),
    name: z.string().optional(),
    sensitive: SensitiveClassSchema.optional(),
    adEligible: z.boolean().optional(),
    minAge: z.number().int().min(0).max(120).optional(),
  })
  .strict();
export const NodeRulesSchema = z.object({ about: z.string().optional(), rules: z.array(NodeRuleSchema) });
export type NodeRules = z.infer<typeof NodeRulesSchema>;

interface RawNode {
  id: string;
  parentId: string | null;
  name: string;
}

/** Parses the IAB Content Taxonomy TSV (two header lines, then id, parent, name, tiers..., extension). */
export function parseTaxonomyTsv(tsv: string): RawNode[] {
  const lines = tsv.split(/\r?\n/);
  const out: RawNode[] = [];
  for (let i = 2; i < lines.length; i++) {
    const line = lines[i];
    if (line === undefined || line.trim() === '') continue;
    const cols = line.split('\t');
    const id = cols[0]?.trim() ?? '';
    const name = cols[2]?.trim() ?? '';
    if (id === '' || name === '') throw new Error(`taxonomy line ${i + 1}: missing id or name`);
    const parent = cols[1]?.trim() ?? '';
    out.push({ id, parentId: parent === '' ? null : parent, name });
  }
  return out;
}

export function buildTaxonomy(raw: readonly RawNode[], rules: NodeRules): Taxonomy {
  const byId = new Map(raw.map((n) => [n.id, n]));
  const children = new Map<string, string[]>();
  for (const n of raw) {
    if (n.parentId === null) continue;
    if (!byId.has(n.parentId)) throw new Error(`taxonomy node ${n.id}: unknown parent ${n.parentId}`);
    const list = children.get(n.parentId) ?? [];
    list.push(n.id);
    children.set(n.parentId, list);
  }
  const ruleById = new Map(rules.rules.map((r) => [r.id, r]));
  for (const r of rules.rules) {
    if (!byId.has(r.id)) throw new Error(`node rule for unknown taxonomy id ${r.id}`);
  }

  const nodes = new Map<string, TaxonomyNode>();
  const resolve = (id: string): TaxonomyNode => {
    const done = nodes.get(id);
    if (done) return done;
    const n = byId.get(id);
    if (!n) throw new Error(`unknown taxonomy id ${id}`);
    const parent = n.parentId === null ? null : resolve(n.parentId);
    const rule = ruleById.get(id);
    const sensitive = rule?.sensitive ?? parent?.sensitive ?? null;
    const node: TaxonomyNode = {
      id,
      parentId: n.parentId,
      name: n.name,
      tier: parent ? parent.tier + 1 : 1,
      path: parent ? [...parent.path, n.name] : [n.name],
      tier1Id: parent ? parent.tier1Id : id,
      childIds: children.get(id) ?? [],
      sensitive,
      // SAFETY: a sensitive node is never ad-eligible, whatever a rule says.
      adEligible: sensitive === null && (rule?.adEligible ?? parent?.adEligible ?? true),
      minAge: Math.max(rule?.minAge ?? 0, parent?.minAge ?? 0),
    };
    nodes.set(id, node);
    return node;
  };
  for (const n of raw) resolve(n.id);

  const get = (id: string) => nodes.get(id);
  return {
    nodes,
    get,
    ancestorsOf(id) {
      const out: TaxonomyNode[] = [];
      for (let n = get(id); n; n = n.parentId === null ? undefined : get(n.parentId)) out.push(n);
      return out;
    },
    descendantsOf(id) {
      const start = get(id);
      if (!start) return [];
      const out: TaxonomyNode[] = [];
      const stack = [start];
      for (let n = stack.pop(); n; n = stack.pop()) {
        out.push(n);
        for (const c of n.childIds) {
          const child = get(c);
          if (child) stack.push(child);
        }
      }
      return out;
    },
    isWithin(id, ancestorId) {
      for (let n = get(id); n; n = n.parentId === null ? undefined : get(n.parentId)) {
        if (n.id === ancestorId) return true;
      }
      return false;
    },
  };
}
