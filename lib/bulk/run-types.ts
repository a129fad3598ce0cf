// A bulk run and its rows as the app passes them around: the shapes only, client-safe, so the run page
// names them without importing the server modules that read them.
import type { EditReason } from '@/lib/customers/reason';
import type { Address } from '@/lib/customers/types';
import type { ItemState, RunKind, RunState } from '@/lib/shared/bulk-states';
import type { BlankRules, Mapping } from './mapping';
import type { PlannedRow, RowKind } from './plan';

export type Run = {
  id: string;
  kind: RunKind;
  parentId: string | null;
  state: RunState;
  createdAt: string;
  createdBy: string;
  createdByEmail: string;
  createdByRole: string;
  testMode: boolean;
  fileName: string;
  fileHash: string;
  header: string[];
  mapping: Mapping;
  blanks: BlankRules;
  reason: EditReason | null;
  owner: string | null;
  leaseUntil: string | null;
  confirmedAt: string | null;
  /** Who confirmed the run (null before): its rows are written in their name. */
  confirmedBy: { id: string; email: string; role: string } | null;
  startedAt: string | null;
  finishedAt: string | null;
  throttled: number;
};

export type Item = {
  line: number;
  customerId: string;
  cells: string[];
  kind: RowKind | null;
  before: Address | null;
  after: Address | null;
  errors: PlannedRow['errors'];
  state: ItemState;
  error: string | null;
  auditId: number | null;
};

export type RunCounts = {
  total: number;
  byState: Record<ItemState, number>;
  byKind: Record<RowKind | 'unread', number>;
};

export type RunView = {
  run: Omit<Run, 'owner' | 'leaseUntil'> & { working: boolean };
  counts: RunCounts;
  /** Rows finished per second since the run started, and seconds left at that pace (null: not known). */
  rate: number | null;
  etaSeconds: number | null;
  items: Item[];
  filter: string;
};
