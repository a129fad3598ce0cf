// How complete and fresh the index is, as search results say it: from the sync's state (lib/sync/status).
import 'server-only';
import { log } from '@/lib/log/logger';
import { readSyncStatus } from '@/lib/sync/status';
import type { Coverage } from './view';

export async function indexCoverage(): Promise<Coverage | null> {
  try {
    const s = await readSyncStatus();
    const times = [s.lastWebhookAt, s.lastPollAt, s.lastFullWalkAt].filter((t): t is string => !!t).sort();
    return {
      firstBackfillDone: s.firstBackfillDone,
      indexed: s.indexed,
      total: s.backfill.total,
      progress: s.backfill.progress,
      lastSyncAt: times.at(-1) ?? null,
    };
  } catch (e) {
    // Results still show; only the freshness line is missing.
    log.warn(
      { err: e instanceof Error ? e.message : String(e) },
      'could not read the sync status for search',
    );
    return null;
  }
}
