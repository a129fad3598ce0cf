// The states of a bulk run and of its rows. Client-safe: the run page shows them, the worker moves them.
export const RUN_STATES = ['planning', 'planned', 'running', 'paused', 'done', 'cancelled'] as const;
export type RunState = (typeof RUN_STATES)[number];

export const ITEM_STATES = ['unread', 'planned', 'sending', 'done', 'conflict', 'failed', 'skipped'] as const;
export type ItemState = (typeof ITEM_STATES)[number];

export type RunKind = 'apply' | 'retry' | 'undo';

/** A run that has not ended: it can still be cancelled. */
export const ACTIVE_RUN_STATES: readonly RunState[] = ['planning', 'planned', 'running', 'paused'];

/** A run the worker is moving on by itself (the run page polls while it is in one of these). */
export const WORKING_RUN_STATES: readonly RunState[] = ['planning', 'running'];

/** A dry run, read or ready to review: nothing has been written yet, so rows have no outcome. */
export const DRY_RUN_STATES: readonly RunState[] = ['planning', 'planned'];

/**
 * A run that is not moving (finished, cancelled or paused): its failed rows can be retried and what it
 * wrote can be undone.
 */
export const UNDOABLE_RUN_STATES: readonly RunState[] = ['done', 'cancelled', 'paused'];

/** The outcomes of a row that was sent or set aside, in the order the run page lists them. */
export const ROW_OUTCOMES = ['done', 'conflict', 'failed', 'skipped'] as const satisfies readonly ItemState[];
