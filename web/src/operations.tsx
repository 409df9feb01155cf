import { useEffect, useRef, useState } from 'preact/hooks';
import { api, type Stats } from './api';
import { type Bar, BarList, Sparkline } from './charts';
import { errorNotice, num, type Notice, Section, StatusMessage, SURFACE_WORDS } from './ui';

const POLL_MS = 2_000;
const HISTORY = 60;

const OUTCOME_WORDS: Record<string, string> = {
  kept: 'Kept',
  duplicate: 'Duplicate (ignored)',
  invalid: 'Invalid',
};

function outcomeLabel(o: string): string {
  if (OUTCOME_WORDS[o]) return OUTCOME_WORDS[o];
  if (o.startsWith('excluded:')) return `Excluded: ${o.slice('excluded:'.length).replace(/_/g, ' ')}`;
  return o;
}

const languageNames = (() => {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' });
  } catch {
    return undefined;
  }
})();

function languageLabel(code: string): string {
  if (code === 'und' || code === '') return 'Undetermined';
  const name = languageNames?.of(code);
  return name && name !== code ? `${name} (${code})` : code;
}

const toBars = (rec: Record<string, number>, label: (k: string) => string = (k) => k): Bar[] =>
  Object.entries(rec)
    .sort(([, a], [, b]) => b - a)
    .map(([k, v]) => ({ label: label(k), value: v }));

export function Operations({ credential }: { credential: string }) {
  const [stats, setStats] = useState<Stats | null>(null);
  const [rates, setRates] = useState<number[]>([]);
  const [live, setLive] = useState(true);
  const [notice, setNotice] = useState<Notice>(null);
  const last = useRef<{ at: number; total: number } | null>(null);

  useEffect(() => {
    let stopped = false;
    const tick = async () => {
      try {
        const s = await api<Stats>(credential, 'GET', '/v1/stats');
        if (stopped) return;
        const now = performance.now();
        const prev = last.current;
        if (prev) {
          const rate = Math.max(0, (s.eventsTotal - prev.total) / ((now - prev.at) / 1000));
          setRates((r) => [...r, rate].slice(-HISTORY));
        }
        last.current = { at: now, total: s.eventsTotal };
        setStats(s);
        setNotice(null);
      } catch (e) {
        if (!stopped) setNotice(errorNotice(e));
      }
    };
    void tick();
    if (!live) return () => void (stopped = true);
    const t = setInterval(() => void tick(), POLL_MS);
    return () => {
      stopped = true;
      clearInterval(t);
    };
  }, [credential, live]);

  const kept = stats?.outcomes.kept ?? 0;
  const excluded = Object.entries(stats?.outcomes ?? {})
    .filter(([k]) => k.startsWith('excluded:'))
    .reduce((a, [, v]) => a + v, 0);
  const rate = rates[rates.length - 1] ?? 0;

  return (
    <div class="page">
      <div class="title-row">
        <h1>Operations</h1>
        <button type="button" class="secondary" onClick={() => setLive((l) => !l)} aria-pressed={live}>
          {live ? 'Pause live updates' : 'Resume live updates'}
        </button>
      </div>
      <p class="small muted">
        {live ? `Refreshes every ${POLL_MS / 1000} seconds.` : 'Paused.'}
        {stats && ` Last update ${new Date(stats.asOf).toLocaleTimeString('en-GB')}.`}
      </p>
      <StatusMessage notice={notice} />
      <div class="kpis">
        <div class="kpi">
          <span class="muted small">Events per second</span>
          <strong data-testid="rate">{rate.toFixed(1)}</strong>
          <Sparkline values={rates} label="Events per second over the last two minutes" />
        </div>
        <div class="kpi">
          <span class="muted small">Events processed</span>
          <strong>{num(stats?.eventsTotal ?? 0)}</strong>
        </div>
        <div class="kpi">
          <span class="muted small">Kept / excluded</span>
          <strong>
            {num(kept)} / {num(excluded)}
          </strong>
        </div>
        <div class="kpi">
          <span class="muted small">Accounts</span>
          <strong>{num(stats?.accounts ?? 0)}</strong>
        </div>
      </div>
      <div class="two-col">
        <Section title="Kept vs excluded, by reason" id="outcomes-h">
          <BarList
            label="Events by outcome"
            bars={toBars(stats?.outcomes ?? {}, outcomeLabel).map((b) => ({
              ...b,
              tone: b.label === 'Kept' ? 'ok' : b.label.startsWith('Excluded') ? 'warn' : 'muted',
            }))}
          />
        </Section>
        <Section title="Languages" id="languages-h">
          <BarList
            label="Events by language (recent sample)"
            bars={toBars(stats?.languages ?? {}, languageLabel)}
          />
        </Section>
        <Section title="Surfaces" id="surfaces-h">
          <BarList
            label="Events by surface (recent sample)"
            bars={toBars(stats?.surfaces ?? {}, (k) => SURFACE_WORDS[k] ?? k)}
          />
        </Section>
        <Section title="Top interests by country" id="top-h">
          {(stats?.topInterestsByCountry ?? []).length === 0 ? (
            <p class="muted">No profiles yet.</p>
          ) : (
            <div class="countries">
              {stats!.topInterestsByCountry.slice(0, 6).map((c) => (
                <div key={c.country} class="country">
                  <h3>
                    {c.country} <span class="muted small">({num(c.accounts)} profiles)</span>
                  </h3>
                  <BarList
                    label={`Top interests in ${c.country}`}
                    shares={false}
                    bars={c.interests.map((i) => ({ label: i.name, value: i.accounts }))}
                  />
                </div>
              ))}
            </div>
          )}
        </Section>
      </div>
    </div>
  );
}
