// Flex's wire format (envelopes, metadata as a string in requests) and its translation to the domain.
// Reading is permissive (FLEX_API.md): unknown fields are ignored; older records' messiness is read, not refused.
import 'server-only';
import * as phoneLib from 'libphonenumber-js/min';
import { z } from 'zod';
import { formatPhone } from '@/lib/customers/format';
import { phoneValidWith, registerPhoneLib } from '@/lib/customers/phone';
import {
  ADDRESS_FIELDS,
  type Address,
  type Customer,
  type CustomerFields,
  type JsonValue,
  type Metadata,
} from '@/lib/customers/types';
import type { CustomerPatch } from '@/lib/customers/patch';

/**
 * A documented text field as a record may hold it: a string today; null, absent or another type in older
 * records. A number or boolean is shown as text (an old import's ZIP stored as 2108); anything else reads as
 * no value rather than failing the whole answer. The form shows '' for no value and sends nothing unchanged.
 */
const wireText = z
  .unknown()
  .optional() // an absent key is allowed (zod 4 would otherwise require the key, even for unknown())
  .transform((v): string | null =>
    typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : null,
  );

/** An address: `{}`, null, absent, or an object missing lines, its id, or holding nulls and extra fields. */
const wireShipping = z
  .looseObject({
    shipping_address_id: wireText,
    line1: wireText,
    line2: wireText,
    city: wireText,
    state: wireText,
    postal_code: wireText,
    country: wireText,
  })
  .nullish()
  .catch(null);

export const wireCustomer = z.looseObject({
  // The only required fields. Flex sets both itself on every record (never typed in, never imported), so an
  // answer without them is not an old record but a different API, and refusing it (bad_response) is how a
  // person notices. Nothing can be opened or saved without the id; every list and page shows the date.
  customer_id: z.string().regex(/^fcus_/),
  created_at: z.string(),
  // Also set by Flex, but not needed: the key that read the record says its mode (see toCustomer).
  test_mode: z.boolean().optional().catch(undefined),
  first_name: wireText,
  last_name: wireText,
  email: wireText,
  phone: wireText,
  employer: wireText,
  shipping: wireShipping,
  // Any JSON values; a metadata that is not an object (null, absent, a string) reads as none.
  metadata: z.record(z.string(), z.json()).nullish().catch(null),
});
export type WireCustomer = z.output<typeof wireCustomer>;

/** The record exactly as Flex sent it (for "As Flex returned it"): nothing dropped, nothing normalised. */
export type RawCustomer = { [key: string]: JsonValue };

/** One customer: read permissively, and kept raw beside it. */
export const customerEnvelope = z
  .looseObject({ customer: z.record(z.string(), z.json()) })
  .transform((env, ctx) => {
    const read = wireCustomer.safeParse(env.customer);
    if (!read.success) {
      ctx.issues.push({
        code: 'custom',
        message: 'customer: no fcus_ customer_id or no created_at',
        input: env.customer,
      });
      return z.NEVER;
    }
    return { customer: read.data, raw: env.customer as RawCustomer };
  });
export const listEnvelope = z.looseObject({ customers: z.array(wireCustomer) });
export const errorEnvelope = z.looseObject({
  error: z.looseObject({
    code: z.string().optional(),
    message: z.string().optional(),
    param: z.string().optional(),
  }),
});

registerPhoneLib(phoneLib);

/**
 * Wire → domain. Nulls and absent fields become '' (the form's "no value"); values are kept as Flex holds them,
 * never normalised, so an unchanged field is neither flagged as changed nor written back.
 * `keyIsTest`: the mode of the key that read the record, for a record without `test_mode` (Flex keeps test and
 * live data apart, so the key's mode is the record's). Unknown, it is live, the more careful of the two.
 */
export function toCustomer(w: WireCustomer, keyIsTest = false): Customer {
  const s = w.shipping;
  const address: Address | null = s
    ? {
        line1: s.line1 ?? '',
        line2: s.line2 ?? '',
        city: s.city ?? '',
        state: s.state ?? '',
        postal_code: s.postal_code ?? '',
        country: s.country ?? '',
      }
    : null;
  // `{}`, or an address of only nulls and blanks, is "no address on file".
  const shipping = address && ADDRESS_FIELDS.some((f) => address[f] !== '') ? address : null;
  return {
    customer_id: w.customer_id,
    first_name: w.first_name ?? '',
    last_name: w.last_name ?? '',
    email: w.email ?? '',
    phone: w.phone ?? '',
    phone_display: formatPhone(w.phone ?? ''),
    phone_valid: !w.phone || phoneValidWith(phoneLib, w.phone, shipping?.country ?? ''),
    employer: w.employer ?? '',
    shipping,
    shipping_address_id: shipping ? (s?.shipping_address_id ?? null) : null,
    metadata: (w.metadata ?? {}) as Metadata,
    created_at: w.created_at,
    test_mode: w.test_mode ?? keyIsTest,
  };
}

type WireBody = {
  first_name?: string;
  last_name?: string;
  email?: string;
  phone?: string;
  employer?: string;
  shipping?: Address | Record<string, never>;
  metadata?: string;
};

/** Domain → request body: shipping whole ({} clears it), metadata as a JSON string. */
export function toWireBody(fields: CustomerPatch | Partial<CustomerFields>): { customer: WireBody } {
  const out: WireBody = {};
  for (const f of ['first_name', 'last_name', 'email', 'phone', 'employer'] as const) {
    const v = fields[f];
    if (v !== undefined) out[f] = v;
  }
  if (fields.shipping !== undefined) out.shipping = fields.shipping === null ? {} : { ...fields.shipping };
  if (fields.metadata !== undefined) out.metadata = JSON.stringify(fields.metadata);
  return { customer: out };
}
