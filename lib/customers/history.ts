// The shape of an audit entry as /audit shows it, and the smaller HistoryEntry a customer's History shows and
// sends the browser (client-safe types only).
export type FieldChange = { before: unknown; after: unknown };
export type Changes = Record<string, FieldChange>;

export type AuditEntry = {
  id: number;
  at: string;
  actorEmail: string | null;
  actorRole: string | null;
  action: string;
  customerId: string | null;
  testMode: boolean | null;
  changes: Changes | null;
  outcome: string;
  upstreamStatus: number | null;
  upstreamRequestId: string | null;
  durationMs: number | null;
  requestId: string | null;
  ip: string | null;
  userAgent: string | null;
  detail: string | null;
  completedAt: string | null;
  /** Why (EDIT_REASONS code), in the person's words, and the ticket; null on rows from before reasons. */
  reasonCode: string | null;
  reasonDetail: string | null;
  ticket: string | null;
  /** The entry (pending row id) this change reverts. */
  revertsId: number | null;
  /** The bulk run this change was a row of. */
  bulkRunId?: string | null;
};

/** What a customer's History shows of a change and what Revert and Undo take back. */
const HISTORY_FIELDS = [
  'id',
  'at',
  'actorEmail',
  'action',
  'outcome',
  'detail',
  'changes',
  'reasonCode',
  'reasonDetail',
  'ticket',
  'revertsId',
] as const;

/**
 * A change as a customer's History shows it: no request metadata (the address, browser and request ids stay
 * in the audit trail, on /audit), so the page sends none of it.
 */
export type HistoryEntry = Pick<AuditEntry, (typeof HISTORY_FIELDS)[number]>;

export function historyEntryOf(e: AuditEntry): HistoryEntry {
  return Object.fromEntries(HISTORY_FIELDS.map((k) => [k, e[k]])) as HistoryEntry;
}

/**
 * A saved update with changes: what Revert can take back (the role is asked separately). Here, not beside the
 * Revert button: History's rows render on the server, and a server component cannot call a client module.
 */
export function revertable(e: HistoryEntry): boolean {
  return e.action === 'customer.update' && e.outcome === 'success' && e.changes !== null;
}
