// The states of a bulk run and of its rows. Client-safe: the run page shows them, the worker moves them.
export const RUN_STATES = ['planning', 'planned', 'running', 'paused', 'done', 'cancelled'] as const;
export type RunState = (typeof RUN_STATES)[number];

export const ITEM_STATES = ['unread', 'planned', 'sending', 'done', 'conflict', 'failed', 'skipped'] as const;
export type ItemState = (typeof ITEM_STATES)[number];

export type RunKind = 'apply' | 'retry' | 'undo';

/** A run the worker still has to move on (the page polls while it is in one of these). */
export const ACTIVE_RUN_STATES: readonly RunState[] = ['planning', 'planned', 'running', 'paused'];
