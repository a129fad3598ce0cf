// Validation of create/update bodies as the sandbox sees them, independent of the app's rules. It checks only
// what a request sends, never what the store holds; silent points follow ../shared/FLEX_API.md's choices.
import type { JsonObject } from './store';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly param?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

const invalid = (message: string, param?: string) => new ApiError(400, 'invalid_request', message, param);

export const CUSTOMER_ID = /^fcus_[0-9A-HJKMNP-TV-Z]{26}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const E164 = /^\+[1-9]\d{1,14}$/;
// Control characters (C0, DEL, C1) are refused in every text field.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

export const METADATA_LIMITS = { maxKeys: 50, maxKeyLength: 40, maxDepth: 5, maxBytes: 8192 } as const;
const MAX_TEXT = 500;

const CONTACT_FIELDS = ['first_name', 'last_name', 'email', 'phone', 'employer'] as const;
const SHIPPING_FIELDS = ['line1', 'line2', 'city', 'state', 'postal_code', 'country'] as const;
const CREATE_FIELDS = new Set<string>([...CONTACT_FIELDS, 'shipping', 'metadata', 'checkout_session_id']);
const UPDATE_FIELDS = new Set<string>([...CONTACT_FIELDS, 'shipping', 'metadata']);

export type ShippingInput = Record<(typeof SHIPPING_FIELDS)[number], string>;
export type CustomerInput = {
  first_name?: string | null;
  last_name?: string | null;
  email?: string | null;
  phone?: string | null;
  employer?: string | null;
  shipping?: ShippingInput | null; // null: clear the address
  metadata?: JsonObject;
};

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function text(value: unknown, param: string, field: string): string | null {
  if (value === null) return null;
  if (typeof value !== 'string') throw invalid(`Invalid ${field}: must be a string`, param);
  if (CONTROL.test(value)) throw invalid(`Invalid ${field}: contains control characters`, param);
  if (value.length > MAX_TEXT) throw invalid(`Invalid ${field}: longer than ${MAX_TEXT} characters`, param);
  return value.trim();
}

function depthOf(value: unknown): number {
  if (Array.isArray(value)) return 1 + Math.max(0, ...value.map(depthOf));
  if (isPlainObject(value)) return 1 + Math.max(0, ...Object.values(value).map(depthOf));
  return 0;
}

/** Metadata arrives as a string holding a JSON object (the Flex quirk) and is replaced whole. */
export function parseMetadata(raw: unknown): JsonObject {
  const param = 'customer.metadata';
  if (typeof raw !== 'string')
    throw invalid('Invalid metadata: must be a string holding a JSON object', param);
  if (Buffer.byteLength(raw, 'utf8') > METADATA_LIMITS.maxBytes)
    throw invalid(`Invalid metadata: larger than ${METADATA_LIMITS.maxBytes} bytes`, param);
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw invalid('Invalid metadata: not valid JSON', param);
  }
  if (!isPlainObject(parsed)) throw invalid('Invalid metadata: must be a JSON object', param);
  const keys = Object.keys(parsed);
  if (keys.length > METADATA_LIMITS.maxKeys)
    throw invalid(`Invalid metadata: more than ${METADATA_LIMITS.maxKeys} keys`, param);
  for (const key of keys) {
    if (key.length < 1 || key.length > METADATA_LIMITS.maxKeyLength)
      throw invalid(
        `Invalid metadata: key "${key.slice(0, 50)}" must be 1-${METADATA_LIMITS.maxKeyLength} characters`,
        param,
      );
  }
  // The metadata object itself is level 1.
  if (depthOf(parsed) > METADATA_LIMITS.maxDepth)
    throw invalid(`Invalid metadata: nested deeper than ${METADATA_LIMITS.maxDepth} levels`, param);
  // It came from JSON.parse, so every value in it is JSON.
  return parsed as JsonObject;
}

function parseShipping(raw: unknown): ShippingInput | null {
  const base = 'customer.shipping';
  if (raw === null) return null;
  if (!isPlainObject(raw)) throw invalid('Invalid shipping: must be an object', base);
  if (Object.keys(raw).length === 0) return null;
  for (const key of Object.keys(raw)) {
    if (!(SHIPPING_FIELDS as readonly string[]).includes(key))
      throw invalid(`Received unknown parameter: shipping.${key}`, `${base}.${key}`);
  }
  const out = {} as ShippingInput;
  for (const f of SHIPPING_FIELDS) {
    out[f] = text(raw[f] ?? '', `${base}.${f}`, f) ?? '';
  }
  for (const f of ['line1', 'city', 'postal_code', 'country'] as const) {
    if (out[f] === '') throw invalid(`Missing required parameter: shipping.${f}`, `${base}.${f}`);
  }
  out.country = out.country.toUpperCase();
  if (!/^[A-Z]{2}$/.test(out.country))
    throw invalid(
      `Invalid country: ${out.country.slice(0, 20)} (use an ISO 3166-1 alpha-2 code)`,
      `${base}.country`,
    );
  return out;
}

export function parseCustomerBody(body: unknown, kind: 'create' | 'update'): CustomerInput {
  if (!isPlainObject(body) || !isPlainObject(body.customer))
    throw invalid('Missing required parameter: customer', 'customer');
  const input = body.customer;
  const allowed = kind === 'create' ? CREATE_FIELDS : UPDATE_FIELDS;
  for (const key of Object.keys(input)) {
    if (!allowed.has(key)) throw invalid(`Received unknown parameter: ${key}`, `customer.${key}`);
  }
  const out: CustomerInput = {};
  for (const f of CONTACT_FIELDS) {
    if (f in input) out[f] = text(input[f], `customer.${f}`, f);
  }
  if (out.email) {
    if (!EMAIL.test(out.email)) throw invalid(`Invalid email: ${out.email.slice(0, 100)}`, 'customer.email');
  }
  if (out.phone) {
    if (!E164.test(out.phone))
      throw invalid(
        `Invalid phone: ${out.phone.slice(0, 40)} (use E.164, e.g. +15555555555)`,
        'customer.phone',
      );
  }
  if ('shipping' in input) out.shipping = parseShipping(input.shipping);
  if ('metadata' in input) out.metadata = parseMetadata(input.metadata);
  if (
    'checkout_session_id' in input &&
    input.checkout_session_id !== null &&
    typeof input.checkout_session_id !== 'string'
  )
    throw invalid('Invalid checkout_session_id: must be a string', 'customer.checkout_session_id');
  return out;
}
