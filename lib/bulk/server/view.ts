// A bulk run as its page shows it: state, counts by outcome, rate and ETA, and a page of rows.
import 'server-only';
import { ITEM_STATES } from '@/lib/shared/bulk-states';
import { ROW_KINDS } from '../plan';
import type { RunView } from '../run-types';
import { getRun, runCounts, runItems } from './runs';

export type { RunView } from '../run-types';

const KIND_FILTERS = new Set<string>(ROW_KINDS);
const STATE_FILTERS = new Set<string>(ITEM_STATES);

export async function runView(id: string, filter: string): Promise<RunView | null> {
  const run = await getRun(id);
  if (!run) return null;
  const counts = await runCounts(id);
  const items = await runItems(id, {
    kind: KIND_FILTERS.has(filter) ? filter : undefined,
    state: STATE_FILTERS.has(filter) ? filter : undefined,
    limit: 500,
  });
  const finished = counts.byState.done + counts.byState.conflict + counts.byState.failed;
  const left = counts.byState.planned + counts.byState.sending;
  let rate: number | null = null;
  if (run.startedAt && finished > 0) {
    const end = run.finishedAt ? Date.parse(run.finishedAt) : Date.now();
    const secs = Math.max(0.001, (end - Date.parse(run.startedAt)) / 1000);
    rate = finished / secs;
  }
  const { owner, leaseUntil, ...rest } = run;
  return {
    run: { ...rest, working: !!owner && !!leaseUntil && Date.parse(leaseUntil) > Date.now() },
    counts,
    rate,
    etaSeconds: rate && run.state === 'running' ? Math.round(left / rate) : null,
    items,
    filter,
  };
}
