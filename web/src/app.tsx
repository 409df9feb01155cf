import { useEffect, useState } from 'preact/hooks';
import { loadSession, saveSession, type Session, signIn } from './api';
import { AdvertiserConsole } from './advertiser';
import { Operations } from './operations';
import { PrivacyCenter } from './privacy';
import { errorNotice, type Notice, StatusMessage } from './ui';

type Page = 'privacy' | 'advertiser' | 'operations';

const PAGES: { page: Page; label: string; roles: Session['role'][] }[] = [
  { page: 'privacy', label: 'Privacy center', roles: ['user', 'admin'] },
  { page: 'advertiser', label: 'Advertiser console', roles: ['advertiser', 'admin'] },
  { page: 'operations', label: 'Operations', roles: ['admin'] },
];

function currentHash(): { page: string; param: string } {
  const h = location.hash.replace(/^#\/?/, '');
  const [page = '', ...rest] = h.split('/');
  return { page, param: decodeURIComponent(rest.join('/')) };
}

function defaultPage(role: Session['role']): Page {
  return role === 'user' ? 'privacy' : role === 'advertiser' ? 'advertiser' : 'operations';
}

/**
 * A credential handed over in the address (`/console/#key=…`, e.g. printed by `chatsignal demo`)
 * is taken once and removed from the address bar and history.
 */
function credentialFromAddress(): string | null {
  const m = /^#(?:key|token)=([^&]+)/.exec(location.hash);
  if (!m) return null;
  history.replaceState(null, '', location.pathname + location.search);
  return decodeURIComponent(m[1]!);
}

function SignIn({ onSignedIn }: { onSignedIn: (s: Session) => void }) {
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (value.trim() === '') {
      setNotice({ kind: 'error', text: 'Enter an API key or a user token.' });
      return;
    }
    setBusy(true);
    try {
      onSignedIn(await signIn(value));
    } catch (err) {
      setNotice(errorNotice(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="page narrow">
      <h1>Sign in</h1>
      <p>
        Use your <strong>user token</strong> to see and control what chatsignal knows about you, an{' '}
        <strong>advertiser key</strong> to manage campaigns, or the <strong>admin key</strong> for operations.
      </p>
      <StatusMessage notice={notice} />
      <form onSubmit={(e) => void submit(e)} class="card">
        <div class="field">
          <label for="credential">API key or user token</label>
          <input
            id="credential"
            name="credential"
            type="password"
            autocomplete="off"
            spellcheck={false}
            value={value}
            onInput={(e) => setValue(e.currentTarget.value)}
            aria-describedby="credential-hint"
          />
          <span id="credential-hint" class="small muted">
            Kept in this browser tab only, and sent only to this server.
          </span>
        </div>
        <button type="submit" disabled={busy}>
          {busy ? 'Checking…' : 'Sign in'}
        </button>
      </form>
      <p class="small muted">
        Operators: keys are set with <code>CHATSIGNAL_ADMIN_KEY</code> and <code>CHATSIGNAL_API_KEYS</code>;{' '}
        <code>chatsignal token ACCOUNT_ID</code> makes a person's user token.
      </p>
    </div>
  );
}

function AdminAccountPicker({ onOpen }: { onOpen: (id: string) => void }) {
  const [id, setId] = useState('');
  return (
    <div class="page narrow">
      <h1>Privacy center</h1>
      <p>
        As an administrator you can open any account's privacy center, for support. People use their own user
        token.
      </p>
      <form
        class="card"
        onSubmit={(e) => {
          e.preventDefault();
          if (id.trim()) onOpen(id.trim());
        }}
      >
        <div class="field">
          <label for="account-id">Account id</label>
          <input
            id="account-id"
            value={id}
            onInput={(e) => setId(e.currentTarget.value)}
            autocomplete="off"
          />
        </div>
        <button type="submit">Open</button>
      </form>
    </div>
  );
}

export function App() {
  const [session, setSession] = useState<Session | null>(() => loadSession());
  const [route, setRoute] = useState(currentHash);
  const [handover, setHandover] = useState<Notice>(null);

  useEffect(() => {
    const takeHandover = () => {
      const given = credentialFromAddress();
      if (!given) return false;
      signIn(given)
        .then((s) => {
          saveSession(s);
          setSession(s);
          setHandover(null);
          location.hash = `#/${defaultPage(s.role)}`;
        })
        .catch((e: unknown) => setHandover(errorNotice(e)));
      return true;
    };
    const onHash = () => {
      if (!takeHandover()) setRoute(currentHash());
    };
    window.addEventListener('hashchange', onHash);
    takeHandover();
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  useEffect(() => {
    const main = document.getElementById('main');
    main?.focus({ preventScroll: true });
  }, [route.page]);

  const signedIn = (s: Session) => {
    saveSession(s);
    setSession(s);
    location.hash = `#/${defaultPage(s.role)}`;
  };
  const signOut = () => {
    saveSession(null);
    setSession(null);
    location.hash = '#/';
  };

  const allowed = session ? PAGES.filter((p) => p.roles.includes(session.role)) : [];
  const page = session
    ? (allowed.find((p) => p.page === route.page)?.page ?? defaultPage(session.role))
    : null;

  let body;
  if (!session || !page) body = <SignIn onSignedIn={signedIn} />;
  else if (page === 'privacy') {
    const accountId = session.role === 'user' ? session.accountId : route.param;
    body = accountId ? (
      <PrivacyCenter key={accountId} credential={session.credential} accountId={accountId} />
    ) : (
      <AdminAccountPicker onOpen={(id) => (location.hash = `#/privacy/${encodeURIComponent(id)}`)} />
    );
  } else if (page === 'advertiser') body = <AdvertiserConsole credential={session.credential} />;
  else body = <Operations credential={session.credential} />;

  return (
    <>
      <a
        class="skip"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        Skip to content
      </a>
      <header class="top">
        <a class="brand" href="#/">
          chatsignal
        </a>
        {session && (
          <nav aria-label="Console pages">
            <ul>
              {allowed.map((p) => (
                <li key={p.page}>
                  <a href={`#/${p.page}`} aria-current={p.page === page ? 'page' : undefined}>
                    {p.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        )}
        {session && (
          <button type="button" class="secondary small-btn" onClick={signOut}>
            Sign out
          </button>
        )}
      </header>
      <main id="main" tabIndex={-1}>
        <StatusMessage notice={handover} />
        {body}
      </main>
    </>
  );
}
