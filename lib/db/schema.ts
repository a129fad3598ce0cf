// The app database's tables as Kysely sees them (PostgreSQL). Times are ISO-8601 UTC strings and booleans
// 0/1 integers, as in the earlier SQLite database, so imported audit rows hash the same.
import 'server-only';
import type { ColumnType, JSONColumnType } from 'kysely';

export type StaffTable = {
  id: string;
  email: string; // stored lower-cased: unique, case-insensitive
  display_name: string;
  role: string;
  password_hash: string;
  disabled: number;
  created_at: string;
  last_sign_in_at: string | null;
};

export type SessionTable = {
  id_hash: string;
  staff_id: string;
  created_at: string;
  last_seen_at: string;
  ip: string | null;
  user_agent: string | null;
};

export type ThrottleTable = {
  key: string;
  failures: number;
  last_failure_at: string;
};

export type AuditTable = {
  id: number; // gapless: the head's last_id + 1
  at: string;
  actor_id: string | null;
  actor_email: string | null;
  actor_role: string | null;
  action: string;
  customer_id: string | null;
  test_mode: number | null;
  changes: string | null; // JSON: { field: { before, after } }
  outcome: string;
  upstream_status: number | null;
  upstream_request_id: string | null;
  duration_ms: number | null;
  request_id: string | null;
  ip: string | null;
  user_agent: string | null;
  detail: string | null;
  completes_id: number | null; // a completion row points at its pending row
  reason_code: string | null;
  reason_detail: string | null;
  ticket: string | null;
  reverts_id: number | null; // a revert (or undo) names the pending row of the change it takes back
  bulk_run_id: string | null; // a row written by a bulk run
  prev_hash: string;
  hash: string;
};

export type AuditHeadTable = {
  id: number; // always 1
  last_id: number;
  last_hash: string;
};

export type RecentTable = {
  staff_id: string;
  customer_id: string;
  label: string;
  viewed_at: string;
};

export type BulkRunTable = {
  id: string;
  kind: string;
  parent_id: string | null;
  state: string;
  created_at: string;
  created_by: string;
  created_by_email: string;
  created_by_role: string;
  test_mode: number;
  file_name: string;
  file_hash: string;
  header: string; // JSON: the file's header cells
  mapping: string; // JSON: Mapping
  blanks: string; // JSON: BlankRules
  reason: string | null; // JSON: EditReason
  owner: string | null;
  lease_until: string | null;
  confirmed_at: string | null;
  confirmed_by: string | null;
  confirmed_by_email: string | null;
  confirmed_by_role: string | null;
  started_at: string | null;
  finished_at: string | null;
  throttled: number; // 429s seen
  updated_at: string;
};

export type BulkItemTable = {
  run_id: string;
  line: number;
  customer_id: string;
  cells: string; // JSON: the row's cells as text
  kind: string | null;
  before: string | null; // JSON: Address | null
  after: string | null; // JSON: Address | null
  errors: string | null; // JSON: { field: message }
  state: string;
  error: string | null;
  audit_id: number | null;
  updated_at: string;
};

export type StaffOidcTable = {
  issuer: string;
  subject: string; // the ID token's `sub`
  staff_id: string;
  created_at: string;
};

export type OidcTransactionTable = {
  id_hash: string; // sha256 of the browser's transaction cookie
  state: string;
  nonce: string;
  code_verifier: string;
  next: string; // already passed through safeNext
  created_at: string;
};

export type SqliteImportTable = {
  file: string;
  imported_at: string;
  staff: number;
  audit_rows: number;
  chain_ok: number;
};

/** One Flex customer as the search index holds it (lib/search/index-store.ts writes it). */
export type CustomerIndexTable = {
  id: string;
  test_mode: boolean;
  first_name: string;
  last_name: string;
  email: string;
  phone: string;
  /** The digits of the national number ("(415) 555-0123" and "+1 415 555 0123" both give 4155550123). */
  phone_digits: string;
  employer: string;
  city: string;
  postal_code: string;
  /** Upper case, no spaces or dashes. */
  postal_norm: string;
  country: string;
  metadata: JSONColumnType<Record<string, unknown>>;
  created_at: Date;
  synced_at: Date;
  deleted_at: Date | null;
  /** The whole address as Flex sent it (JSON), for telling what a webhook changed; null before 009. */
  shipping: ColumnType<unknown, string | null | undefined, string | null>;
};

export type SyncStateTable = {
  id: number;
  owner: string | null;
  lease_until: Date | null;
  walk_no: number;
  walk_running: boolean;
  /** The oldest customer id indexed by the running walk: the next page starts after it. */
  walk_cursor: string | null;
  walk_started_at: Date | null;
  walk_seen: number;
  walk_pages: number;
  walk_total_estimate: number | null;
  walk_requested_at: Date | null;
  first_backfill_done_at: Date | null;
  last_full_done_at: Date | null;
  last_full_seen: number | null;
  last_poll_at: Date | null;
  last_page_at: Date | null;
  last_prune_at: Date | null;
  errors: number;
  throttled: number;
  last_error: string | null;
  last_error_at: Date | null;
};

export type SyncSeenTable = { id: string; walk_no: number };

export type FlexPacerTable = { name: string; next_at: Date; requests: ColumnType<string, number, number> };

export type WebhookEventTable = {
  id: string;
  received_at: ColumnType<Date, Date | undefined, Date>;
  sent_at: Date | null;
  type: string;
  customer_id: string | null;
  /** queued | working | done | ignored | failed */
  state: string;
  attempts: ColumnType<number, number | undefined, number>;
  not_before: ColumnType<Date, Date | undefined, Date>;
  claimed_by: string | null;
  claimed_until: Date | null;
  done_at: Date | null;
  error: string | null;
};

/** One open customer page (its SSE stream), kept alive by heartbeats: who else has the customer open. */
export type CustomerPresenceTable = {
  stream_id: string;
  customer_id: string;
  staff_id: string;
  display_name: string;
  role: string;
  seen_at: Date;
};

export type DB = {
  customer_index: CustomerIndexTable;
  customer_presence: CustomerPresenceTable;
  sync_state: SyncStateTable;
  sync_seen: SyncSeenTable;
  flex_pacer: FlexPacerTable;
  webhook_event: WebhookEventTable;
  staff_oidc: StaffOidcTable;
  oidc_transactions: OidcTransactionTable;
  bulk_run: BulkRunTable;
  bulk_item: BulkItemTable;
  staff: StaffTable;
  sessions: SessionTable;
  sign_in_throttle: ThrottleTable;
  audit_log: AuditTable;
  audit_head: AuditHeadTable;
  recently_viewed: RecentTable;
  sqlite_import: SqliteImportTable;
};
