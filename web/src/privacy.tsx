import { useCallback, useEffect, useState } from 'preact/hooks';
import { api, ApiError, type Account, type AdsResult, type Interest, type Policy, type Profile } from './api';
import {
  ago,
  ConfirmDialog,
  errorNotice,
  formatDate,
  listWords,
  type Notice,
  type PendingAction,
  Section,
  StatusMessage,
  SURFACE_WORDS,
} from './ui';

const REASONS: Record<string, string> = {
  erased: 'this account was erased',
  unknown_account: 'we know nothing about this account',
  region: 'personalised ads are not offered in your country',
  before_effective_date: 'the policy is not in effect yet',
  opted_out: 'you opted out of personalised ads',
  age_unknown: 'your age is not known',
  minor: 'you are under the minimum age',
  unlinked: 'no ad account is linked to this assistant account',
  no_notice: 'the privacy notice has not been shown to you yet',
  surface_disabled: 'you turned this off for this place',
  no_profile: 'there are no interests in your profile',
  no_rule: 'no rule allows it',
};

function reasonText(reason: string | undefined): string {
  if (!reason) return 'personalisation is off for this account';
  return REASONS[reason] ?? reason.replace(/_/g, ' ');
}

/** "Inferred from 4 chats with the assistant and voice (in WhatsApp), first 12 March 2026, last 2 days ago." */
function whereWhen(i: Interest): string {
  const times = i.evidence === 1 ? 'once' : `${i.evidence} times`;
  const where = listWords(i.surfaces.map((s) => SURFACE_WORDS[s] ?? s));
  const apps = i.contexts.length > 0 ? ` (in ${listWords(i.contexts)})` : '';
  const when =
    formatDate(i.firstSeen) === formatDate(i.lastSeen)
      ? `on ${formatDate(i.lastSeen)}`
      : `first on ${formatDate(i.firstSeen)}, last ${ago(i.lastSeen)}`;
  const lead = i.declared ? 'You said you like this.' : 'Inferred from what you talked about.';
  return `${lead} Came up ${times} in ${where || 'your conversations'}${apps}, ${when}.`;
}

function strength(score: number): string {
  return score >= 0.66 ? 'strong' : score >= 0.33 ? 'medium' : 'weak';
}

const SURFACES = ['assistant_chat', 'group_chat', 'voice', 'glasses_image', 'imagine', 'vibes'];

function SurfaceChoices({ disabled, onSave }: { disabled: string[]; onSave: (disabled: string[]) => void }) {
  const [off, setOff] = useState<string[]>(disabled);
  useEffect(() => setOff(disabled), [disabled]);
  const changed = off.length !== disabled.length || off.some((x) => !disabled.includes(x));
  return (
    <Section title="Where interests may be learned" id="surfaces-h">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onSave(off);
        }}
      >
        <fieldset class="bare">
          <legend class="small muted">
            Untick a place to stop learning from it (what was learned there is kept until you delete it).
          </legend>
          <div class="checks">
            {SURFACES.map((x) => (
              <label key={x} class="check">
                <input
                  type="checkbox"
                  checked={!off.includes(x)}
                  onChange={(e) =>
                    setOff((cur) => (e.currentTarget.checked ? cur.filter((y) => y !== x) : [...cur, x]))
                  }
                />
                <span>{SURFACE_WORDS[x] ?? x}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <button type="submit" class="secondary" disabled={!changed}>
          Save places
        </button>
      </form>
    </Section>
  );
}

export function PrivacyCenter({ credential, accountId }: { credential: string; accountId: string }) {
  const base = `/v1/accounts/${encodeURIComponent(accountId)}`;
  const [policy, setPolicy] = useState<Policy | null>(null);
  const [account, setAccount] = useState<Account | null>(null);
  const [profile, setProfile] = useState<Profile | null>(null);
  const [ads, setAds] = useState<AdsResult | null>(null);
  const [erased, setErased] = useState(false);
  const [loading, setLoading] = useState(true);
  const [notice, setNotice] = useState<Notice>(null);
  const [pending, setPending] = useState<PendingAction | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const p = await api<Policy>(credential, 'GET', '/v1/policy').catch(() => null);
      setPolicy(p);
      const [a, pr, ad] = await Promise.all([
        api<Account>(credential, 'GET', base),
        api<Profile>(credential, 'GET', `${base}/profile`),
        api<AdsResult>(credential, 'GET', `${base}/ads`),
      ]);
      setAccount(a);
      setProfile(pr);
      setAds(ad);
      setErased(false);
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) {
        // Erased (or never known): there is nothing about this account to show.
        setAccount(null);
        setProfile({ accountId, asOf: Date.now(), interests: [] });
        setAds({ personalised: false, reason: 'unknown_account', ads: [] });
        setErased(true);
      } else {
        setNotice(errorNotice(e));
      }
    } finally {
      setLoading(false);
    }
  }, [credential, base, accountId]);

  useEffect(() => {
    void load();
  }, [load]);

  const act = (a: Omit<PendingAction, 'run'> & { call: () => Promise<unknown>; done: string }) =>
    setPending({
      ...a,
      run: async () => {
        try {
          await a.call();
          setNotice({ kind: 'ok', text: a.done });
        } catch (e) {
          setNotice(errorNotice(e));
        }
        await load();
      },
    });

  const mute = (i: { id: string; name: string }) =>
    act({
      title: `Mute “${i.name}”?`,
      message: `“${i.name}” and the topics under it will no longer be used for your ads or recommendations, and what was learned about them is deleted. You can unmute later.`,
      confirmLabel: 'Mute topic',
      call: () => api(credential, 'POST', `${base}/mutes`, { topicId: i.id }),
      done: `Muted “${i.name}”. It is gone from your profile and will not be used for ads.`,
    });

  const unmute = (m: { id: string; name: string }) =>
    act({
      title: `Unmute “${m.name}”?`,
      message: `“${m.name}” may be learned again from future conversations.`,
      confirmLabel: 'Unmute',
      call: () => api(credential, 'DELETE', `${base}/mutes/${encodeURIComponent(m.id)}`),
      done: `Unmuted “${m.name}”.`,
    });

  const remove = (i: Interest) =>
    act({
      title: `Delete “${i.name}”?`,
      message: `Everything learned about “${i.name}” is deleted now. It can come back if you talk about it again; mute it to stop that.`,
      confirmLabel: 'Delete interest',
      call: () => api(credential, 'DELETE', `${base}/interests/${encodeURIComponent(i.id)}`),
      done: `Deleted “${i.name}” from your profile.`,
    });

  const reset = () =>
    act({
      title: 'Reset your profile?',
      message: 'Every inferred interest is deleted. Your settings (mutes, opt-out) stay as they are.',
      confirmLabel: 'Reset profile',
      danger: true,
      call: () => api(credential, 'POST', `${base}/reset`),
      done: 'Your profile was reset: it has no interests now.',
    });

  const toggleOptOut = () =>
    account?.optedOut
      ? act({
          title: 'Turn personalised ads back on?',
          message: 'Interests will be learned from your conversations again and used to choose ads.',
          confirmLabel: 'Opt in',
          call: () => api(credential, 'POST', `${base}/opt-in`),
          done: 'You opted in: personalised ads are on.',
        })
      : act({
          title: 'Opt out of personalised ads?',
          message:
            'Nothing more is learned from your conversations, what was learned is deleted, and ads are no longer chosen from your interests.',
          confirmLabel: 'Opt out',
          danger: true,
          call: () => api(credential, 'POST', `${base}/opt-out`),
          done: 'You opted out: nothing is learned from your conversations and ads are not personalised.',
        });

  const exportData = () =>
    act({
      title: 'Download your data?',
      message:
        'A JSON file with your account, profile, the decisions made about your messages and your setting changes. It never contains message text: chatsignal does not keep any.',
      confirmLabel: 'Download JSON',
      call: async () => {
        const data = await api<unknown>(credential, 'GET', `${base}/export`);
        const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
        const url = URL.createObjectURL(blob);
        const a = document.createElement('a');
        a.href = url;
        a.download = `chatsignal-export-${accountId}.json`;
        document.body.append(a);
        a.click();
        a.remove();
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
      },
      done: 'Your data was downloaded as a JSON file.',
    });

  const erase = () =>
    act({
      title: 'Erase everything?',
      message:
        'Your account record, profile, history and settings are deleted for good, and nothing about this account is processed again. This cannot be undone.',
      confirmLabel: 'Erase for good',
      danger: true,
      call: () => api(credential, 'DELETE', base),
      done: 'Everything about this account was erased. Your profile is empty.',
    });

  const interests = profile?.interests ?? [];
  const muted = profile?.mutedTopics ?? account?.mutedTopics.map((id) => ({ id, name: id })) ?? [];

  return (
    <div class="page" aria-busy={loading}>
      <h1>Privacy center</h1>
      <p class="lede">
        Account <code>{accountId}</code>
        {erased ? ' — erased' : account?.optedOut ? ' — opted out of personalised ads' : ''}
      </p>
      <StatusMessage notice={notice} />

      <Section title="How your conversations are used" id="notice-h">
        {policy ? (
          <>
            <p>
              <strong>Effective {formatDate(policy.effectiveDate)}.</strong> Topics you talk about with the
              assistant can be used to choose the ads and content you see.
            </p>
            <ul class="plain">
              <li>We keep topics, never the words you wrote or said.</li>
              <li>
                Health, politics, religion, sexual orientation and ethnic origin are never used for ads.
              </li>
              <li>
                Interests fade over time (half of their weight every {policy.halfLifeDays} days) and are
                deleted after {policy.retentionDays} days.
              </li>
              <li>
                Only for people aged {policy.minimumAge} or over, and not in {policy.excludedRegions.length}{' '}
                countries where it is not offered.
              </li>
              {policy.allowOptOut && <li>You can mute topics, delete them, or opt out at any time below.</li>}
            </ul>
            {account?.noticeShownAt && (
              <p class="small muted">
                This notice was first shown to you on {formatDate(account.noticeShownAt)}.
              </p>
            )}
          </>
        ) : (
          <p class="muted">Loading the notice…</p>
        )}
      </Section>

      <Section title="What we think you are interested in" id="interests-h">
        {erased ? (
          <p data-testid="empty-profile">Your profile is empty: everything about this account was erased.</p>
        ) : interests.length === 0 ? (
          <p data-testid="empty-profile">
            {loading ? 'Loading…' : 'Your profile is empty: no interests are being used.'}
          </p>
        ) : (
          <ul class="interests" aria-label="Your interests">
            {interests.map((i) => (
              <li key={i.id} class="interest" data-topic={i.id}>
                <div class="interest-head">
                  <h3>{i.name}</h3>
                  <span class={`chip ${strength(i.score)}`}>{strength(i.score)}</span>
                </div>
                <p class="muted small">{i.path.join(' › ')}</p>
                <p>{whereWhen(i)}</p>
                <div class="row">
                  <button
                    type="button"
                    class="secondary"
                    onClick={() => mute(i)}
                    aria-label={`Mute ${i.name}`}
                  >
                    Mute
                  </button>
                  <button
                    type="button"
                    class="secondary"
                    onClick={() => remove(i)}
                    aria-label={`Delete ${i.name}`}
                  >
                    Delete
                  </button>
                </div>
              </li>
            ))}
          </ul>
        )}
        {muted.length > 0 && (
          <>
            <h3>Muted topics</h3>
            <ul class="chips" aria-label="Muted topics">
              {muted.map((m) => (
                <li key={m.id}>
                  <span>{m.name}</span>
                  <button
                    type="button"
                    class="link"
                    onClick={() => unmute(m)}
                    aria-label={`Unmute ${m.name}`}
                  >
                    Unmute
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
      </Section>

      <Section title="Why you see these ads" id="ads-h">
        {ads === null ? (
          <p class="muted">Loading…</p>
        ) : (
          <>
            {!ads.personalised && <p>Ads are not personalised for you because {reasonText(ads.reason)}.</p>}
            {ads.ads.length === 0 ? (
              <p data-testid="no-ads">No ads would be shown to you right now.</p>
            ) : (
              <ul class="ads" aria-label="Ads you would see now">
                {ads.ads.map((ad, n) => (
                  <li key={`${ad.campaignId ?? ''}-${n}`} class="ad">
                    <p class="ad-headline">{ad.headline}</p>
                    {ad.body && <p class="small">{ad.body}</p>}
                    <details>
                      <summary>Why this ad?</summary>
                      <p>
                        {ad.why?.sentence ??
                          'Chosen by the place it is shown and your country, not by your interests.'}
                      </p>
                    </details>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </Section>

      {account && !erased && (
        <SurfaceChoices
          disabled={account.disabledSurfaces}
          onSave={(disabled) =>
            void (async () => {
              try {
                await api(credential, 'PUT', `${base}/surfaces`, { disabled });
                setNotice({
                  kind: 'ok',
                  text:
                    disabled.length === 0
                      ? 'Saved: interests may be learned everywhere you use the assistant.'
                      : `Saved: nothing is learned from ${listWords(disabled.map((x) => SURFACE_WORDS[x] ?? x))} any more.`,
                });
              } catch (e) {
                setNotice(errorNotice(e));
              }
              await load();
            })()
          }
        />
      )}

      <Section title="Your choices" id="choices-h">
        <div class="actions">
          <div>
            <button type="button" onClick={exportData} disabled={erased}>
              Download my data
            </button>
            <p class="small muted">A JSON file of everything kept about you.</p>
          </div>
          <div>
            <button type="button" class="secondary" onClick={reset} disabled={erased}>
              Reset profile
            </button>
            <p class="small muted">Delete every interest; keep your settings.</p>
          </div>
          <div>
            <button
              type="button"
              class="secondary"
              onClick={toggleOptOut}
              disabled={erased || account === null}
            >
              {account?.optedOut ? 'Opt back in' : 'Opt out'}
            </button>
            <p class="small muted">
              {account?.optedOut ? 'Personalised ads are off.' : 'Stop personalised ads.'}
            </p>
          </div>
          <div>
            <button type="button" class="danger" onClick={erase} disabled={erased}>
              Erase everything
            </button>
            <p class="small muted">Delete the account and all data for good.</p>
          </div>
        </div>
      </Section>
      <ConfirmDialog action={pending} onDone={() => setPending(null)} />
    </div>
  );
}
