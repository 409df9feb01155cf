import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from './api';

export interface PendingAction {
  title: string;
  message: string;
  confirmLabel: string;
  danger?: boolean;
  run: () => Promise<void>;
}

/** A modal confirmation (native <dialog>: focus moves in, Escape cancels, focus returns). */
export function ConfirmDialog({ action, onDone }: { action: PendingAction | null; onDone: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (action && !d.open) d.showModal();
    if (!action && d.open) d.close();
  }, [action]);
  const confirm = async () => {
    if (!action) return;
    setBusy(true);
    try {
      await action.run();
    } finally {
      setBusy(false);
      onDone();
    }
  };
  return (
    <dialog
      ref={ref}
      class="dialog"
      aria-labelledby="confirm-title"
      aria-describedby="confirm-message"
      onClose={onDone}
    >
      {action && (
        <form
          method="dialog"
          onSubmit={(e) => {
            e.preventDefault();
            void confirm();
          }}
        >
          <h2 id="confirm-title">{action.title}</h2>
          <p id="confirm-message">{action.message}</p>
          <div class="row end">
            <button type="button" class="secondary" onClick={onDone} autofocus>
              Cancel
            </button>
            <button type="submit" class={action.danger ? 'danger' : ''} disabled={busy}>
              {busy ? 'Working…' : action.confirmLabel}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}

export type Notice = { kind: 'ok' | 'error'; text: string; details?: string[] } | null;

/** Result of the last action, announced to screen readers. */
export function StatusMessage({ notice }: { notice: Notice }) {
  return (
    <div class="status-slot" role="status" aria-live="polite">
      {notice && (
        <div class={`notice ${notice.kind}`} data-testid="status">
          <p>{notice.text}</p>
          {notice.details && notice.details.length > 0 && (
            <ul>
              {notice.details.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}

export function errorNotice(e: unknown): Notice {
  if (e instanceof ApiError) {
    return {
      kind: 'error',
      text: e.message,
      details: e.details.map((d) => (d.path ? `${d.path}: ${d.message}` : d.message)),
    };
  }
  return { kind: 'error', text: e instanceof Error ? e.message : String(e) };
}

export function Section({
  title,
  id,
  children,
  actions,
}: {
  title: string;
  id: string;
  children: ComponentChildren;
  actions?: ComponentChildren;
}) {
  return (
    <section class="card" aria-labelledby={id}>
      <div class="card-head">
        <h2 id={id}>{title}</h2>
        {actions}
      </div>
      {children}
    </section>
  );
}

const DAY = 86_400_000;

export function formatDate(ms: number | string): string {
  const d = typeof ms === 'string' ? new Date(ms) : new Date(ms);
  return d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

export function ago(ms: number, now = Date.now()): string {
  const days = Math.floor((now - ms) / DAY);
  if (days <= 0) return 'today';
  if (days === 1) return 'yesterday';
  if (days < 31) return `${days} days ago`;
  const months = Math.round(days / 30);
  return months <= 1 ? 'a month ago' : `${months} months ago`;
}

export const SURFACE_WORDS: Record<string, string> = {
  assistant_chat: 'chats with the assistant',
  group_chat: 'group chats',
  voice: 'voice',
  glasses_image: 'photos from glasses',
  imagine: 'image prompts',
  vibes: 'Vibes videos',
};

export function listWords(xs: readonly string[]): string {
  if (xs.length <= 1) return xs[0] ?? '';
  return `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;
}

export const num = (n: number) => n.toLocaleString('en-US');
export const money = (n: number) =>
  n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
