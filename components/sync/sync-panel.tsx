'use client';
// The sync's state for admins, refreshed every two seconds: how many customers the index holds, the walk
// in progress (progress bar, rate, ETA), webhooks and their lag, errors, and the button for a full re-walk.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { fetchSyncStatus, startFullWalk } from '@/app/sync/actions';
import { primaryButtonClass } from '@/components/ui/field';
import type { SyncStatus } from '@/lib/sync/status-types';

const number = new Intl.NumberFormat('en-US');

function ago(iso: string | null): string {
  if (!iso) return 'never';
  const s = Math.max(0, Math.round((Date.now() - new Date(iso).getTime()) / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86_400) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86_400)} days ago`;
}

function duration(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex gap-4 border-b border-line py-2">
      <dt className="w-48 shrink-0 text-muted">{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export function SyncPanel({ initial }: { initial: SyncStatus }) {
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { data: s = initial } = useQuery({
    queryKey: ['sync-status'],
    queryFn: async (): Promise<SyncStatus> => {
      const r = await fetchSyncStatus();
      if (!r.ok) throw new Error(r.message);
      return r.value;
    },
    initialData: initial,
    refetchInterval: 2000,
  });
  const b = s.backfill;
  const walkName = b.walkNo <= 1 ? 'First backfill' : 'Full walk';

  const rewalk = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const r = await startFullWalk();
      setMessage(r.ok ? r.value.message : r.message);
      await queryClient.invalidateQueries({ queryKey: ['sync-status'] });
    } catch {
      setMessage('The Customer Desk server could not be reached. Try again.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="max-w-3xl">
      {b.running ? (
        <div className="mb-6" aria-live="polite">
          <h2 className="mb-2 font-semibold">{walkName} running</h2>
          <progress
            className="h-3 w-full"
            aria-label={`${walkName} progress`}
            max={1}
            value={b.progress ?? undefined}
          />
          <p className="mt-1 text-sm">
            {number.format(b.seen)} of{' '}
            {b.total === null ? 'an unknown number of' : `about ${number.format(b.total)}`} customers read
            {b.progress !== null && ` (${Math.round(b.progress * 100)}%)`}
            {b.rate !== null && ` · ${b.rate.toFixed(1)} customers/s`}
            {b.etaSeconds !== null && ` · about ${duration(b.etaSeconds)} left`}
          </p>
        </div>
      ) : (
        <p className="mb-6" aria-live="polite">
          {s.firstBackfillDone
            ? `No walk running. The last full walk finished ${ago(s.lastFullWalkAt)}.`
            : 'The first backfill has not started yet.'}
        </p>
      )}
      <dl className="mb-6">
        <Row label="Customers indexed">{number.format(s.indexed)}</Row>
        <Row label="Newest customers polled">{ago(s.lastPollAt)}</Row>
        <Row label="Last webhook received">{ago(s.lastWebhookAt)}</Row>
        <Row label="Webhooks (last 24 h)">
          {number.format(s.webhooks.last24h)} received · {number.format(s.webhooks.queued)} waiting ·{' '}
          {number.format(s.webhooks.failed)} failed
        </Row>
        <Row label="Lag">
          {s.webhooks.lastLagMs === null
            ? 'no webhook worked yet'
            : `last webhook indexed ${(s.webhooks.lastLagMs / 1000).toFixed(1)} s after it arrived`}
        </Row>
        <Row label="Leading server">{s.leader ?? 'none right now (another takes over within seconds)'}</Row>
        <Row label="Errors">
          {s.errors.count === 0 ? 'none' : `${number.format(s.errors.count)}`}
          {s.errors.throttled > 0 && ` · Flex asked to slow down ${number.format(s.errors.throttled)} times`}
          {s.errors.last && (
            <span className="block text-danger">
              Last: {s.errors.last} ({ago(s.errors.lastAt)})
            </span>
          )}
        </Row>
      </dl>
      <button type="button" className={primaryButtonClass} disabled={busy || b.running} onClick={rewalk}>
        Start a full re-walk
      </button>
      {message && (
        <p role="status" className="mt-2 text-sm">
          {message}
        </p>
      )}
    </div>
  );
}
