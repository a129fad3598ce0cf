// The app database's tables as Kysely sees them (PostgreSQL). Times are ISO-8601 UTC strings and booleans
// 0/1 integers, as in the earlier SQLite database, so imported audit rows hash the same.
import 'server-only';

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

export type SqliteImportTable = {
  file: string;
  imported_at: string;
  staff: number;
  audit_rows: number;
  chain_ok: number;
};

export type DB = {
  staff: StaffTable;
  sessions: SessionTable;
  sign_in_throttle: ThrottleTable;
  audit_log: AuditTable;
  audit_head: AuditHeadTable;
  recently_viewed: RecentTable;
  sqlite_import: SqliteImportTable;
};
