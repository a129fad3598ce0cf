// What a failed Flex call means to a person, in words they can act on (no HTTP jargon).
import type { FlexErrorKind } from '@/lib/shared/flex-error-kinds';
import type { Failure } from './action-result';

export type FailureInfo = {
  kind: FlexErrorKind;
  status?: number | undefined;
  retryAfter?: number | undefined;
};

export function describeFailure(f: FailureInfo): { title: string; detail: string; canRetry: boolean } {
  if (f.kind === 'invalid_id')
    return {
      title: 'Not a customer id',
      detail: 'Customer ids start with fcus_ followed by 26 letters and digits.',
      canRetry: false,
    };
  if (f.kind === 'timeout')
    return {
      title: 'Flex is not answering',
      detail: 'Flex took too long to answer. Try again in a moment.',
      canRetry: true,
    };
  if (f.kind === 'network')
    return {
      title: 'Flex could not be reached',
      detail: 'The connection to Flex failed. Try again in a moment.',
      canRetry: true,
    };
  if (f.kind === 'bad_response')
    return {
      title: 'Flex sent an answer we could not read',
      detail:
        'This is usually a passing problem on Flex’s side. Try again; if it keeps happening, tell an admin.',
      canRetry: true,
    };
  const s = f.status ?? 0;
  if (s === 401 || s === 403)
    return {
      title: 'The Flex key was refused',
      detail: 'The Flex key was refused: tell an admin.',
      canRetry: false,
    };
  if (s === 404)
    return {
      title: 'This customer no longer exists',
      detail: 'Flex has no customer with this id.',
      canRetry: false,
    };
  if (s === 429)
    return {
      title: 'Flex is rate limiting',
      detail: `Flex is rate limiting: try again in ${f.retryAfter ?? 1} s.`,
      canRetry: true,
    };
  if (s >= 500)
    return {
      title: 'Flex is having a problem',
      detail: 'Flex had an internal problem. Try again in a moment.',
      canRetry: true,
    };
  return { title: 'Flex refused the request', detail: 'Flex refused the request.', canRetry: false };
}

/** A failed Flex call as an action's answer: its words, whether trying again can help, and what Flex said. */
export function flexFailure(f: FailureInfo): Failure {
  const d = describeFailure(f);
  return {
    ok: false,
    kind: 'upstream',
    message: d.detail,
    canRetry: d.canRetry,
    retryAfter: f.retryAfter,
    flex: f,
  };
}
