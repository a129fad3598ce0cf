// What the sync page shows, as a type both sides import: the server reads it (status.ts), the admin panel
// renders it. Client-safe: no server module behind it.
export type SyncStatus = {
  firstBackfillDone: boolean;
  /** Customers in the index not marked deleted. */
  indexed: number;
  backfill: {
    running: boolean;
    /** The running walk's share done, 0..1; null when Flex's total is not known yet. */
    progress: number | null;
    /** Which walk: 1 is the first backfill, later ones are full re-walks. */
    walkNo: number;
    seen: number;
    total: number | null;
    startedAt: string | null;
    /** Customers per second of the running walk. */
    rate: number | null;
    etaSeconds: number | null;
    requested: boolean;
  };
  lastFullWalkAt: string | null;
  lastPollAt: string | null;
  lastWebhookAt: string | null;
  webhooks: { queued: number; failed: number; last24h: number; lastLagMs: number | null };
  leader: string | null;
  errors: { count: number; throttled: number; last: string | null; lastAt: string | null };
};
