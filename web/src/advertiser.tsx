import type { JSX } from 'preact';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import {
  api,
  ApiError,
  type Campaign,
  type Delivery,
  type Estimate,
  type TaxonomyNode,
  type Targeting,
} from './api';
import { PaceBar } from './charts';
import { errorNotice, money, num, type Notice, Section, StatusMessage } from './ui';

interface Draft {
  isNew: boolean;
  campaignId: string;
  advertiserId: string;
  name: string;
  status: Campaign['status'];
  start: string;
  end: string;
  daily: string;
  total: string;
  bidModel: 'cpm' | 'cpc';
  bidAmount: string;
  predictedCtr: string;
  headline: string;
  body: string;
  url: string;
  countries: string;
  languages: string;
  ageMin: string;
  ageMax: string;
  include: TaxonomyNode[];
  exclude: TaxonomyNode[];
}

const today = () => new Date().toISOString().slice(0, 10);

function newDraft(): Draft {
  return {
    isNew: true,
    campaignId: `cmp-${Date.now().toString(36)}`,
    advertiserId: 'my-brand',
    name: '',
    status: 'active',
    start: today(),
    end: '',
    daily: '50',
    total: '1000',
    bidModel: 'cpm',
    bidAmount: '2.5',
    predictedCtr: '0.01',
    headline: '',
    body: '',
    url: 'https://example.com/',
    countries: 'US',
    languages: '',
    ageMin: '18',
    ageMax: '',
    include: [],
    exclude: [],
  };
}

const splitCodes = (s: string, upper: boolean) =>
  s
    .split(/[\s,]+/)
    .map((x) => (upper ? x.toUpperCase() : x.toLowerCase()))
    .filter(Boolean);

function targetingOf(d: Draft): Targeting {
  const min = Number.parseInt(d.ageMin, 10);
  const max = Number.parseInt(d.ageMax, 10);
  const hasAge = Number.isFinite(min) || Number.isFinite(max);
  return {
    interests: { anyOf: d.include.map((n) => n.id), allOf: [], noneOf: d.exclude.map((n) => n.id) },
    countries: splitCodes(d.countries, true),
    languages: splitCodes(d.languages, false),
    surfaces: [],
    ...(hasAge
      ? { ageRange: { min: Number.isFinite(min) ? min : 18, max: Number.isFinite(max) ? max : 120 } }
      : {}),
  };
}

function campaignOf(d: Draft): Campaign {
  const amount = Number(d.bidAmount);
  return {
    campaignId: d.campaignId.trim(),
    advertiserId: d.advertiserId.trim(),
    name: d.name.trim(),
    status: d.status,
    schedule: { start: `${d.start}T00:00:00Z`, ...(d.end ? { end: `${d.end}T23:59:59Z` } : {}) },
    budget: { daily: Number(d.daily), total: Number(d.total) },
    bid:
      d.bidModel === 'cpm'
        ? { model: 'cpm', amount }
        : { model: 'cpc', amount, predictedCtr: Number(d.predictedCtr) },
    creatives: [{ id: 'main', headline: d.headline.trim(), body: d.body.trim(), url: d.url.trim() }],
    targeting: targetingOf(d),
  };
}

function draftOf(c: Campaign, nodes: Map<string, TaxonomyNode>): Draft {
  const node = (id: string): TaxonomyNode =>
    nodes.get(id) ?? { id, name: id, path: [id], tier: 0, sensitive: null, adEligible: true, minAge: 0 };
  const cr = c.creatives[0];
  return {
    isNew: false,
    campaignId: c.campaignId,
    advertiserId: c.advertiserId,
    name: c.name,
    status: c.status,
    start: c.schedule.start.slice(0, 10),
    end: c.schedule.end?.slice(0, 10) ?? '',
    daily: String(c.budget.daily),
    total: String(c.budget.total),
    bidModel: c.bid.model,
    bidAmount: String(c.bid.amount),
    predictedCtr: c.bid.model === 'cpc' ? String(c.bid.predictedCtr) : '0.01',
    headline: cr?.headline ?? '',
    body: cr?.body ?? '',
    url: cr?.url ?? '',
    countries: c.targeting.countries.join(', '),
    languages: c.targeting.languages.join(', '),
    ageMin: c.targeting.ageRange ? String(c.targeting.ageRange.min) : '',
    ageMax: c.targeting.ageRange ? String(c.targeting.ageRange.max) : '',
    include: [...c.targeting.interests.anyOf, ...c.targeting.interests.allOf].map(node),
    exclude: c.targeting.interests.noneOf.map(node),
  };
}

/** Search the taxonomy in several languages; unsafe topics are listed but cannot be picked. */
function TopicPicker({
  credential,
  onPick,
  idPrefix,
}: {
  credential: string;
  onPick: (n: TaxonomyNode, list: 'include' | 'exclude') => void;
  idPrefix: string;
}) {
  const [q, setQ] = useState('');
  const [results, setResults] = useState<TaxonomyNode[]>([]);
  const [byId, setById] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (q.trim().length < 2) {
      setResults([]);
      return;
    }
    const t = setTimeout(() => {
      api<{ nodes: TaxonomyNode[] }>(credential, 'GET', `/v1/taxonomy?q=${encodeURIComponent(q)}&limit=12`)
        .then((r) => {
          setResults(r.nodes);
          setError(null);
        })
        .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
    }, 200);
    return () => clearTimeout(t);
  }, [q, credential]);

  const addById = async (list: 'include' | 'exclude') => {
    const id = byId.trim();
    if (!id) return;
    try {
      const r = await api<{ nodes: TaxonomyNode[] }>(
        credential,
        'GET',
        `/v1/taxonomy?ids=${encodeURIComponent(id)}`,
      );
      // Added as given: the server checks every id when the campaign is saved.
      onPick(
        r.nodes[0] ?? {
          id,
          name: `Unknown topic ${id}`,
          path: [id],
          tier: 0,
          sensitive: null,
          adEligible: true,
          minAge: 0,
        },
        list,
      );
      setById('');
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <div class="picker">
      <label for={`${idPrefix}-search`}>
        Search topics (English, Español, Português, Français, Deutsch, हिन्दी, 日本語…)
      </label>
      <input
        id={`${idPrefix}-search`}
        type="search"
        value={q}
        onInput={(e) => setQ(e.currentTarget.value)}
        placeholder="e.g. camping, fútbol, 旅行"
        autocomplete="off"
      />
      {error && <p class="error-text">{error}</p>}
      <p class="sr-only" role="status">
        {q.trim().length >= 2 ? `${results.length} topics match` : ''}
      </p>
      {q.trim().length >= 2 && (
        <ul class="results" aria-label="Matching topics">
          {results.length === 0 && <li class="muted">No topic matches “{q}”.</li>}
          {results.map((n) => {
            const blocked = n.sensitive !== null || !n.adEligible;
            return (
              <li key={n.id} class={blocked ? 'blocked' : ''} data-topic={n.id}>
                <span class="result-name">
                  <strong>{n.name}</strong>
                  {n.matched && <span class="muted"> — “{n.matched}”</span>}
                  <span class="muted small block">{n.path.join(' › ')}</span>
                  {blocked && (
                    <span class="reason small block" id={`${idPrefix}-why-${n.id}`}>
                      Not available: {n.reason ?? 'not ad-eligible'}
                    </span>
                  )}
                </span>
                <span class="row">
                  <button
                    type="button"
                    class="small-btn"
                    disabled={blocked}
                    aria-describedby={blocked ? `${idPrefix}-why-${n.id}` : undefined}
                    onClick={() => onPick(n, 'include')}
                    aria-label={`Target ${n.name}`}
                  >
                    Target
                  </button>
                  <button
                    type="button"
                    class="small-btn secondary"
                    disabled={blocked}
                    onClick={() => onPick(n, 'exclude')}
                    aria-label={`Exclude ${n.name}`}
                  >
                    Exclude
                  </button>
                </span>
              </li>
            );
          })}
        </ul>
      )}
      <div class="by-id">
        <label for={`${idPrefix}-byid`}>Or add a topic by its taxonomy id</label>
        <div class="row">
          <input
            id={`${idPrefix}-byid`}
            value={byId}
            onInput={(e) => setById(e.currentTarget.value)}
            inputMode="text"
            autocomplete="off"
          />
          <button type="button" class="secondary" onClick={() => void addById('include')}>
            Add id
          </button>
        </div>
      </div>
    </div>
  );
}

function Chips({
  nodes,
  label,
  onRemove,
}: {
  nodes: TaxonomyNode[];
  label: string;
  onRemove: (id: string) => void;
}) {
  if (nodes.length === 0) return <p class="muted small">{label}: none</p>;
  return (
    <div class="chip-group">
      <p class="small">
        <strong>{label}</strong>
      </p>
      <ul class="chips" aria-label={label}>
        {nodes.map((n) => {
          const blocked = n.sensitive !== null || !n.adEligible;
          return (
            <li key={n.id} class={blocked ? 'blocked' : ''}>
              <span title={n.path.join(' › ')}>
                {n.name}
                {blocked && <span class="reason"> (cannot be used: {n.reason ?? 'not ad-eligible'})</span>}
              </span>
              <button
                type="button"
                class="link"
                onClick={() => onRemove(n.id)}
                aria-label={`Remove ${n.name}`}
              >
                ×
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function Field({
  id,
  label,
  value,
  onInput,
  type = 'text',
  hint,
  required,
  ...rest
}: {
  id: string;
  label: string;
  value: string;
  onInput: (v: string) => void;
  type?: 'text' | 'number' | 'date' | 'url';
  hint?: string;
  required?: boolean;
  step?: string;
  min?: string;
  inputMode?: 'numeric' | 'decimal' | 'text';
}) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        {...({
          id,
          type,
          value,
          required,
          'aria-describedby': hint ? `${id}-hint` : undefined,
          ...rest,
        } as JSX.IntrinsicElements['input'])}
        onInput={(e) => onInput(e.currentTarget.value)}
      />
      {hint && (
        <span id={`${id}-hint`} class="small muted">
          {hint}
        </span>
      )}
    </div>
  );
}

function Editor({
  credential,
  initial,
  onSaved,
  onCancel,
}: {
  credential: string;
  initial: Draft;
  onSaved: (msg: string) => void;
  onCancel: () => void;
}) {
  const [d, setD] = useState<Draft>(initial);
  const [estimate, setEstimate] = useState<Estimate | null>(null);
  const [estimateError, setEstimateError] = useState<string | null>(null);
  const [estimating, setEstimating] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);
  const [saving, setSaving] = useState(false);
  const statusRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // A refusal is shown at the top of a long form: bring it into view.
    if (notice?.kind === 'error') statusRef.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }, [notice]);
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setD((x) => ({ ...x, [k]: v }));
  const targeting = useMemo(() => targetingOf(d), [d]);
  const key = JSON.stringify(targeting);
  const seq = useRef(0);

  useEffect(() => {
    const n = ++seq.current;
    setEstimating(true);
    const t = setTimeout(() => {
      api<Estimate>(credential, 'POST', '/v1/audience/estimate', { targeting })
        .then((r) => {
          if (n !== seq.current) return;
          setEstimate(r);
          setEstimateError(null);
          setEstimating(false);
        })
        .catch((e: unknown) => {
          if (n !== seq.current) return;
          setEstimate(null);
          setEstimateError(e instanceof ApiError ? e.message : String(e));
          setEstimating(false);
        });
    }, 250);
    return () => clearTimeout(t);
  }, [key, credential]);

  // A refusal is about the topics: once they change, it no longer describes the form.
  const topicsKey = [...d.include, ...d.exclude].map((n) => n.id).join(',');
  const shownFor = useRef(topicsKey);
  useEffect(() => {
    if (topicsKey !== shownFor.current && notice?.kind === 'error') setNotice(null);
    shownFor.current = topicsKey;
  }, [topicsKey, notice]);

  const pick = (n: TaxonomyNode, list: 'include' | 'exclude') =>
    setD((x) => {
      const other = list === 'include' ? 'exclude' : 'include';
      return {
        ...x,
        [list]: x[list].some((m) => m.id === n.id) ? x[list] : [...x[list], n],
        [other]: x[other].filter((m) => m.id !== n.id),
      };
    });

  const save = async (e: Event) => {
    e.preventDefault();
    setSaving(true);
    try {
      await api(credential, 'POST', '/v1/campaigns', campaignOf(d));
      onSaved(`Saved campaign “${d.name}”.`);
    } catch (err) {
      setNotice(errorNotice(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form class="editor" onSubmit={(e) => void save(e)} aria-labelledby="editor-h" noValidate>
      <h2 id="editor-h">{d.isNew ? 'New campaign' : `Edit “${initial.name}”`}</h2>
      <div ref={statusRef}>
        <StatusMessage notice={notice} />
      </div>
      <fieldset>
        <legend>Basics</legend>
        <div class="grid">
          <Field id="c-name" label="Campaign name" value={d.name} onInput={(v) => set('name', v)} required />
          <Field
            id="c-id"
            label="Campaign id"
            value={d.campaignId}
            onInput={(v) => set('campaignId', v)}
            required
            hint={d.isNew ? 'Saving the same id again updates the campaign.' : undefined}
          />
          <Field
            id="c-adv"
            label="Advertiser"
            value={d.advertiserId}
            onInput={(v) => set('advertiserId', v)}
            required
          />
          <div class="field">
            <label for="c-status">Status</label>
            <select
              id="c-status"
              value={d.status}
              onChange={(e) => set('status', e.currentTarget.value as Draft['status'])}
            >
              <option value="active">Active</option>
              <option value="paused">Paused</option>
              <option value="ended">Ended</option>
            </select>
          </div>
          <Field
            id="c-start"
            label="Start date"
            type="date"
            value={d.start}
            onInput={(v) => set('start', v)}
            required
          />
          <Field
            id="c-end"
            label="End date (optional)"
            type="date"
            value={d.end}
            onInput={(v) => set('end', v)}
          />
        </div>
      </fieldset>
      <fieldset>
        <legend>Budget and bid</legend>
        <div class="grid">
          <Field
            id="c-daily"
            label="Daily budget"
            type="number"
            step="0.01"
            min="0"
            inputMode="decimal"
            value={d.daily}
            onInput={(v) => set('daily', v)}
            required
          />
          <Field
            id="c-total"
            label="Total budget"
            type="number"
            step="0.01"
            min="0"
            inputMode="decimal"
            value={d.total}
            onInput={(v) => set('total', v)}
            required
          />
          <div class="field">
            <label for="c-model">Bid model</label>
            <select
              id="c-model"
              value={d.bidModel}
              onChange={(e) => set('bidModel', e.currentTarget.value as Draft['bidModel'])}
            >
              <option value="cpm">CPM (per 1,000 views)</option>
              <option value="cpc">CPC (per click)</option>
            </select>
          </div>
          <Field
            id="c-bid"
            label="Bid amount"
            type="number"
            step="0.01"
            min="0"
            inputMode="decimal"
            value={d.bidAmount}
            onInput={(v) => set('bidAmount', v)}
            required
          />
          {d.bidModel === 'cpc' && (
            <Field
              id="c-ctr"
              label="Expected click rate (0–1)"
              type="number"
              step="0.001"
              min="0"
              inputMode="decimal"
              value={d.predictedCtr}
              onInput={(v) => set('predictedCtr', v)}
            />
          )}
        </div>
      </fieldset>
      <fieldset>
        <legend>Ad</legend>
        <div class="grid">
          <Field
            id="c-headline"
            label="Headline"
            value={d.headline}
            onInput={(v) => set('headline', v)}
            required
          />
          <Field id="c-url" label="Link" type="url" value={d.url} onInput={(v) => set('url', v)} required />
        </div>
        <div class="field">
          <label for="c-body">Text</label>
          <textarea id="c-body" rows={2} value={d.body} onInput={(e) => set('body', e.currentTarget.value)} />
        </div>
      </fieldset>
      <fieldset>
        <legend>Audience</legend>
        <div class="grid">
          <Field
            id="c-countries"
            label="Countries"
            value={d.countries}
            onInput={(v) => set('countries', v)}
            hint="ISO codes, e.g. US, BR, IN; empty for all"
          />
          <Field
            id="c-languages"
            label="Languages"
            value={d.languages}
            onInput={(v) => set('languages', v)}
            hint="e.g. en, es; empty for all"
          />
          <Field
            id="c-agemin"
            label="Minimum age"
            type="number"
            min="18"
            inputMode="numeric"
            value={d.ageMin}
            onInput={(v) => set('ageMin', v)}
            hint="Interest targeting is for adults only"
          />
          <Field
            id="c-agemax"
            label="Maximum age (optional)"
            type="number"
            min="18"
            inputMode="numeric"
            value={d.ageMax}
            onInput={(v) => set('ageMax', v)}
          />
        </div>
        <TopicPicker credential={credential} onPick={pick} idPrefix="c-topic" />
        <Chips
          nodes={d.include}
          label="Targeted topics"
          onRemove={(id) =>
            set(
              'include',
              d.include.filter((n) => n.id !== id),
            )
          }
        />
        <Chips
          nodes={d.exclude}
          label="Excluded topics"
          onRemove={(id) =>
            set(
              'exclude',
              d.exclude.filter((n) => n.id !== id),
            )
          }
        />
        <div class="estimate" role="status" aria-live="polite" data-testid="estimate">
          <span class="muted small">Estimated audience</span>
          <strong aria-busy={estimating} class={estimating ? 'stale' : ''}>
            {estimateError ? 'Cannot estimate' : estimate ? `${estimate.display} people` : '…'}
          </strong>
          {estimating && <span class="small muted">Updating for your latest changes…</span>}
          {estimateError && <span class="small error-text">{estimateError}</span>}
          {estimate?.belowFloor && (
            <span class="small muted">
              Audiences under 100 are never counted exactly, so nobody can be singled out, and such campaigns
              cannot be saved.
            </span>
          )}
          {[...d.include, ...d.exclude].some((n) => n.sensitive !== null || !n.adEligible) && (
            <span class="small error-text">
              Some chosen topics cannot be used: remove them, or the campaign will be refused.
            </span>
          )}
        </div>
      </fieldset>
      <div class="row end form-actions">
        <button type="button" class="secondary" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" disabled={saving}>
          {saving ? 'Saving…' : 'Save campaign'}
        </button>
      </div>
    </form>
  );
}

/** Today's spend against the share of the (UTC) day gone. */
function pacing(status: Campaign['status'], share: number, dayElapsed: number): string {
  if (status !== 'active') return status;
  if (share >= 1) return 'daily budget spent';
  if (share > dayElapsed + 0.15) return 'ahead of pace';
  if (share < dayElapsed - 0.15) return 'behind pace';
  return 'on pace';
}

export function AdvertiserConsole({ credential }: { credential: string }) {
  const [campaigns, setCampaigns] = useState<Campaign[] | null>(null);
  const [delivery, setDelivery] = useState<Delivery | null>(null);
  const [editing, setEditing] = useState<Draft | null>(null);
  const [notice, setNotice] = useState<Notice>(null);

  const load = useCallback(async () => {
    try {
      const [c, d] = await Promise.all([
        api<{ campaigns: Campaign[] }>(credential, 'GET', '/v1/campaigns'),
        api<Delivery>(credential, 'GET', '/v1/delivery').catch(() => null),
      ]);
      setCampaigns(c.campaigns);
      setDelivery(d);
    } catch (e) {
      setNotice(errorNotice(e));
    }
  }, [credential]);

  useEffect(() => {
    void load();
    const t = setInterval(() => void load(), 15_000);
    return () => clearInterval(t);
  }, [load]);

  const edit = async (c: Campaign) => {
    const ids = [
      ...c.targeting.interests.anyOf,
      ...c.targeting.interests.allOf,
      ...c.targeting.interests.noneOf,
    ];
    const nodes = new Map<string, TaxonomyNode>();
    if (ids.length > 0) {
      const r = await api<{ nodes: TaxonomyNode[] }>(
        credential,
        'GET',
        `/v1/taxonomy?ids=${encodeURIComponent(ids.join(','))}`,
      ).catch(() => ({ nodes: [] }));
      for (const n of r.nodes) nodes.set(n.id, n);
    }
    setNotice(null);
    setEditing(draftOf(c, nodes));
  };

  const byId = new Map((delivery?.campaigns ?? []).map((r) => [r.campaignId, r]));
  const now = Date.now();
  const dayElapsed =
    (now -
      Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth(), new Date(now).getUTCDate())) /
    86_400_000;

  if (editing) {
    return (
      <div class="page">
        <h1>Advertiser console</h1>
        <Editor
          key={editing.campaignId}
          credential={credential}
          initial={editing}
          onCancel={() => setEditing(null)}
          onSaved={(msg) => {
            setEditing(null);
            setNotice({ kind: 'ok', text: msg });
            void load();
          }}
        />
      </div>
    );
  }

  return (
    <div class="page">
      <h1>Advertiser console</h1>
      <StatusMessage notice={notice} />
      <Section
        title="Campaigns"
        id="campaigns-h"
        actions={
          <button type="button" onClick={() => setEditing(newDraft())}>
            New campaign
          </button>
        }
      >
        {campaigns === null ? (
          <p class="muted">Loading…</p>
        ) : campaigns.length === 0 ? (
          <p>No campaigns yet.</p>
        ) : (
          <div class="table-wrap">
            <table class="campaigns">
              <caption class="sr-only">Campaigns with delivery so far and today's pacing</caption>
              <thead>
                <tr>
                  <th scope="col">Campaign</th>
                  <th scope="col">Status</th>
                  <th scope="col" class="num">
                    Impressions
                  </th>
                  <th scope="col" class="num">
                    Clicks
                  </th>
                  <th scope="col" class="num">
                    Spend
                  </th>
                  <th scope="col">Today's pacing</th>
                  <th scope="col">
                    <span class="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {campaigns.map((c) => {
                  const r = byId.get(c.campaignId);
                  const share = (r?.spendToday ?? 0) / c.budget.daily;
                  const ctr = r && r.impressions > 0 ? r.clicks / r.impressions : 0;
                  return (
                    <tr key={c.campaignId} data-campaign={c.campaignId}>
                      <th scope="row" data-label="Campaign">
                        {c.name}
                        <span class="muted small block">{c.campaignId}</span>
                      </th>
                      <td data-label="Status">{c.status}</td>
                      <td data-label="Impressions" class="num">
                        {num(r?.impressions ?? 0)}
                      </td>
                      <td data-label="Clicks" class="num">
                        {num(r?.clicks ?? 0)}
                        {ctr > 0 && <span class="muted small block">{(ctr * 100).toFixed(2)}% CTR</span>}
                      </td>
                      <td data-label="Spend" class="num">
                        {money(r?.spend ?? 0)}
                        <span class="muted small block">of {money(c.budget.total)}</span>
                      </td>
                      <td data-label="Pacing">
                        <PaceBar share={share} target={dayElapsed} label={c.name} />
                        <span class="small block">
                          {money(r?.spendToday ?? 0)} of {money(c.budget.daily)} today —{' '}
                          {pacing(c.status, share, dayElapsed)}
                        </span>
                      </td>
                      <td data-label="">
                        <button
                          type="button"
                          class="secondary"
                          onClick={() => void edit(c)}
                          aria-label={`Edit ${c.name}`}
                        >
                          Edit
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </Section>
    </div>
  );
}
