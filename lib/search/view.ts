// What the finder shows of a search: the rows found, how they matched, and how fresh and complete the
// index behind them is. Plain data, client-safe (the page renders it on the server and hands it over).
import type { MatchedField } from './matched';

export type SearchHit = {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  city: string;
  postalCode: string;
  country: string;
  createdAt: string;
  /** When this row was last written from Flex's answer. */
  syncedAt: string;
  matched: MatchedField;
};

/** How much of Flex the index holds, and how recently it heard from Flex. */
export type Coverage = {
  firstBackfillDone: boolean;
  indexed: number;
  /** Flex's total when the running backfill knows it. */
  total: number | null;
  /** The running backfill's share done, 0..1. */
  progress: number | null;
  /** The latest of the last webhook and the last poll of Flex's newest page. */
  lastSyncAt: string | null;
};

export type SearchView = {
  text: string;
  truncated: boolean;
  hits: SearchHit[];
  /** More rows matched than are shown. */
  more: boolean;
  /** Rows from the misspelling fallback are included. */
  typo: boolean;
  error: string | null;
  coverage: Coverage | null;
  /** When the search ran, for "synced … ago" said from the same clock. */
  at: string;
};
