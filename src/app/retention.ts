import type { App } from './container.js';

const DAY_MS = 86_400_000;

export interface RetentionReport {
  /** Epoch ms: signals that occurred before this were deleted. */
  cutoff: number;
  retentionDays: number;
  deleted: number;
}

/**
 * Deletes every signal older than the policy's retention window. Profiles already ignore such
 * signals when scores are computed; this removes them from storage. Safe to run at any time
 * and as often as wanted (e.g. daily from cron).
 */
export async function runRetention(app: Pick<App, 'store' | 'policy' | 'now'>): Promise<RetentionReport> {
  const cutoff = app.now() - app.policy.retentionDays * DAY_MS;
  const deleted = await app.store.deleteSignalsBefore(cutoff);
  return { cutoff, retentionDays: app.policy.retentionDays, deleted };
}
