// The kinds of a failed Flex call. Client-safe: pages say what a failure means without importing lib/flex.
export const FLEX_ERROR_KINDS = [
  'invalid_id', // refused before any request was built
  'http', // Flex answered with an error status
  'network', // no answer: connection refused, reset, DNS
  'timeout', // no answer in FLEX_TIMEOUT_MS
  'bad_response', // an answer we could not read (HTML, malformed JSON, missing fields)
] as const;
export type FlexErrorKind = (typeof FLEX_ERROR_KINDS)[number];
