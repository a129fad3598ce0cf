// The one choke point for Flex: builds safe URLs, adds the key, times out, retries what is safe to retry,
// parses answers permissively and turns every failure into a FlexError.
import 'server-only';
import type { z } from 'zod';
import { log as defaultLog } from '@/lib/log/logger';
import { countFlexCall } from '@/lib/metrics';
import { isCustomerId, type Customer, type CustomerFields } from '@/lib/customers/types';
import type { CustomerPatch } from '@/lib/customers/patch';
import { FlexError } from './errors';
import {
  customerEnvelope,
  errorEnvelope,
  listEnvelope,
  toCustomer,
  toWireBody,
  type RawCustomer,
} from './wire';

export type FlexClientOptions = {
  baseUrl: string;
  apiKey: string;
  timeoutMs: number;
  maxAttempts?: number;
  retryAfterCapMs?: number;
  backoffBaseMs?: number;
  backoffCapMs?: number;
  logger?: Pick<typeof defaultLog, 'info' | 'warn'>;
};

export type ListParams = {
  limit?: number;
  startingAfter?: string;
  endingBefore?: string;
  offset?: number;
  email?: string;
};

type Method = 'GET' | 'POST' | 'PATCH';
type Answer<T> = { data: T; requestId: string | undefined; status: number };
export type UpstreamMeta = {
  requestId?: string | undefined;
  status?: number;
  /** The customer exactly as Flex sent it, unknown fields and nulls included. */
  raw?: RawCustomer;
};

// Connection failures that prove nothing was sent, so even a write may be retried.
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT']);
const RETRY_STATUS_IDEMPOTENT = new Set([429, 502, 503, 504]);

function causeCode(e: unknown): string | undefined {
  const cause = (e as { cause?: { code?: unknown } })?.cause;
  return typeof cause?.code === 'string' ? cause.code : undefined;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function createFlexClient(opts: FlexClientOptions) {
  const maxAttempts = opts.maxAttempts ?? 4;
  const retryAfterCapMs = opts.retryAfterCapMs ?? 5_000;
  const backoffBaseMs = opts.backoffBaseMs ?? 100;
  const backoffCapMs = opts.backoffCapMs ?? 2_000;
  const logger = opts.logger ?? defaultLog;
  // A record read with a test key is test data (Flex keeps the modes apart): the mode of one without test_mode.
  const keyIsTest = opts.apiKey.startsWith('fsk_test_');
  const base = new URL(opts.baseUrl.replace(/\/+$/, '') + '/');

  function assertId(id: unknown): asserts id is string {
    if (!isCustomerId(id))
      throw new FlexError({ kind: 'invalid_id', message: 'Not a customer id', maybeReachedFlex: false });
  }

  function buildUrl(relative: string, query?: Record<string, string | number | undefined>): URL {
    const url = new URL(relative, base);
    // The id is already checked, but the URL is the last line of defence: same origin, exact path.
    if (url.origin !== base.origin || url.pathname !== base.pathname + relative)
      throw new FlexError({
        kind: 'invalid_id',
        message: 'Refused to build an unsafe URL',
        maybeReachedFlex: false,
      });
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    return url;
  }

  function backoff(attempt: number, retryAfterSec: number | undefined): number {
    if (retryAfterSec !== undefined) return Math.min(retryAfterSec * 1000, retryAfterCapMs);
    return Math.random() * Math.min(backoffCapMs, backoffBaseMs * 2 ** attempt); // full jitter
  }

  async function once<T>(
    method: Method,
    url: URL,
    template: string,
    body: unknown,
    schema: z.ZodType<T>,
    attempt: number,
  ): Promise<Answer<T>> {
    const started = performance.now();
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        headers: {
          Authorization: `Bearer ${opts.apiKey}`,
          Accept: 'application/json',
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(opts.timeoutMs),
        cache: 'no-store',
        redirect: 'error',
      });
    } catch (e) {
      const ms = Math.round(performance.now() - started);
      const code = causeCode(e);
      const timedOut = e instanceof DOMException && e.name === 'TimeoutError';
      countFlexCall(method, timedOut ? 'timeout' : 'network', ms / 1000);
      logger.warn(
        {
          method,
          path: template,
          attempt,
          durationMs: ms,
          error: timedOut ? 'timeout' : (code ?? 'network'),
        },
        'flex call failed',
      );
      if (timedOut)
        throw new FlexError({ kind: 'timeout', message: `Flex did not answer within ${opts.timeoutMs} ms` });
      const notSent = code !== undefined && NOT_SENT_CODES.has(code);
      throw new FlexError({
        kind: 'network',
        message: `Could not reach Flex (${code ?? 'network error'})`,
        retryable: method === 'GET' || notSent,
        maybeReachedFlex: !notSent,
      });
    }
    const requestId = res.headers.get('request-id') ?? res.headers.get('x-request-id') ?? undefined;
    let text: string;
    try {
      text = await res.text();
    } catch (e) {
      const timedOut = e instanceof DOMException && e.name === 'TimeoutError';
      countFlexCall(method, timedOut ? 'timeout' : 'network', (performance.now() - started) / 1000);
      throw new FlexError({
        kind: timedOut ? 'timeout' : 'network',
        message: timedOut
          ? `Flex did not finish answering within ${opts.timeoutMs} ms`
          : 'The connection to Flex broke mid-answer',
        status: res.status,
        requestId,
        retryable: method === 'GET',
      });
    }
    const ms = Math.round(performance.now() - started);
    countFlexCall(method, res.status, ms / 1000);
    logger.info(
      { method, path: template, status: res.status, durationMs: ms, attempt, requestId },
      'flex call',
    );
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (!res.ok) {
      const err = errorEnvelope.safeParse(json);
      const retryAfterRaw = res.headers.get('retry-after');
      const retryAfter = retryAfterRaw && /^\d+$/.test(retryAfterRaw) ? Number(retryAfterRaw) : undefined;
      const retryable = res.status === 429 || (method === 'GET' && RETRY_STATUS_IDEMPOTENT.has(res.status));
      throw new FlexError({
        kind: 'http',
        status: res.status,
        code: err.success ? err.data.error.code : undefined,
        param: err.success ? err.data.error.param : undefined,
        message:
          err.success && err.data.error.message ? err.data.error.message : `Flex answered ${res.status}`,
        requestId,
        retryable,
        retryAfter,
        // A 429 or 401 means Flex refused before doing anything.
        maybeReachedFlex: !(res.status === 429 || res.status === 401 || res.status === 403),
      });
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new FlexError({
        kind: 'bad_response',
        status: res.status,
        requestId,
        message:
          json === undefined
            ? 'Flex sent an answer that is not JSON'
            : 'Flex sent an answer without the fields every record has (customer_id, created_at)',
      });
    }
    return { data: parsed.data, requestId, status: res.status };
  }

  async function call<T>(
    method: Method,
    url: URL,
    template: string,
    body: unknown,
    schema: z.ZodType<T>,
  ): Promise<Answer<T>> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await once(method, url, template, body, schema, attempt);
      } catch (e) {
        if (!(e instanceof FlexError) || !e.retryable || attempt >= maxAttempts) throw e;
        await sleep(backoff(attempt, e.retryAfter));
      }
    }
  }

  return {
    /** `meta`, when given, receives the record as Flex sent it. */
    async getCustomer(id: string, meta?: UpstreamMeta): Promise<Customer> {
      assertId(id);
      const out = await call(
        'GET',
        buildUrl(`customers/${id}`),
        '/customers/{id}',
        undefined,
        customerEnvelope,
      );
      if (meta) {
        meta.requestId = out.requestId;
        meta.status = out.status;
        meta.raw = out.data.raw;
      }
      return toCustomer(out.data.customer, keyIsTest);
    },
    async listCustomers(params: ListParams = {}): Promise<Customer[]> {
      if (params.startingAfter !== undefined) assertId(params.startingAfter);
      if (params.endingBefore !== undefined) assertId(params.endingBefore);
      const url = buildUrl('customers', {
        limit: params.limit,
        starting_after: params.startingAfter,
        ending_before: params.endingBefore,
        offset: params.offset,
        email: params.email,
      });
      const out = await call('GET', url, '/customers', undefined, listEnvelope);
      return out.data.customers.map((w) => toCustomer(w, keyIsTest));
    },
    async createCustomer(fields: Partial<CustomerFields>): Promise<Customer> {
      const out = await call(
        'POST',
        buildUrl('customers'),
        '/customers',
        toWireBody(fields),
        customerEnvelope,
      );
      return toCustomer(out.data.customer, keyIsTest);
    },
    /** `meta`, when given, receives Flex's request id and status for the audit trail, and the raw record. */
    async updateCustomer(id: string, patch: CustomerPatch, meta?: UpstreamMeta): Promise<Customer> {
      assertId(id);
      const out = await call(
        'PATCH',
        buildUrl(`customers/${id}`),
        '/customers/{id}',
        toWireBody(patch),
        customerEnvelope,
      );
      if (meta) {
        meta.requestId = out.requestId;
        meta.status = out.status;
        meta.raw = out.data.raw;
      }
      return toCustomer(out.data.customer, keyIsTest);
    },
  };
}

export type FlexClient = ReturnType<typeof createFlexClient>;
