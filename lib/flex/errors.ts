// The one error type for every failed Flex call: what happened, and whether trying again could help.
import 'server-only';

import type { FlexErrorKind } from '@/lib/shared/flex-error-kinds';

export type { FlexErrorKind };

export class FlexError extends Error {
  readonly kind: FlexErrorKind;
  readonly status: number | undefined;
  readonly code: string | undefined;
  readonly param: string | undefined;
  readonly requestId: string | undefined;
  readonly retryable: boolean;
  /** Seconds Flex asked us to wait (429). */
  readonly retryAfter: number | undefined;
  /** False only when we know the request never reached Flex; a write may have happened otherwise. */
  readonly maybeReachedFlex: boolean;

  constructor(init: {
    kind: FlexErrorKind;
    message: string;
    status?: number;
    code?: string;
    param?: string;
    requestId?: string;
    retryable?: boolean;
    retryAfter?: number;
    maybeReachedFlex?: boolean;
  }) {
    super(init.message);
    this.name = 'FlexError';
    this.kind = init.kind;
    this.status = init.status;
    this.code = init.code;
    this.param = init.param;
    this.requestId = init.requestId;
    this.retryable = init.retryable ?? false;
    this.retryAfter = init.retryAfter;
    this.maybeReachedFlex = init.maybeReachedFlex ?? true;
  }
}

export function isFlexError(e: unknown): e is FlexError {
  return e instanceof FlexError;
}

export type FlexResult<T> =
  | { ok: true; value: T }
  | {
      ok: false;
      failure: { kind: FlexErrorKind; status: number | undefined; retryAfter: number | undefined };
    };

/** Runs a Flex call for a page: expected failures become values the page renders, not exceptions. */
export async function tryFlex<T>(fn: () => Promise<T>): Promise<FlexResult<T>> {
  try {
    return { ok: true, value: await fn() };
  } catch (e) {
    if (!(e instanceof FlexError)) throw e;
    return { ok: false, failure: { kind: e.kind, status: e.status, retryAfter: e.retryAfter } };
  }
}
