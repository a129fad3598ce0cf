// Flex's wire format (envelopes, metadata as a string in requests) and its translation to the domain.
// Parsing is permissive: unknown fields are ignored; missing documented fields are an error.
import 'server-only';
import * as phoneLib from 'libphonenumber-js/min';
import { z } from 'zod';
import { formatPhone } from '@/lib/customers/format';
import { registerPhoneLib } from '@/lib/customers/phone';
import type { Address, Customer, CustomerFields, Metadata } from '@/lib/customers/types';
import type { CustomerPatch } from '@/lib/customers/patch';

const text = z.string().nullable();

const wireShipping = z.looseObject({
  shipping_address_id: z.string(),
  line1: text,
  line2: text.optional(),
  city: text,
  state: text.optional(),
  postal_code: text,
  country: text,
});

export const wireCustomer = z.looseObject({
  customer_id: z.string().regex(/^fcus_/),
  first_name: text,
  last_name: text,
  email: text,
  phone: text,
  employer: text.optional(),
  shipping: z.union([z.null(), wireShipping, z.strictObject({})]),
  metadata: z.record(z.string(), z.json()).nullable(),
  created_at: z.string(),
  test_mode: z.boolean(),
});
export type WireCustomer = z.infer<typeof wireCustomer>;

export const customerEnvelope = z.looseObject({ customer: wireCustomer });
export const listEnvelope = z.looseObject({ customers: z.array(wireCustomer) });
export const errorEnvelope = z.looseObject({
  error: z.looseObject({
    code: z.string().optional(),
    message: z.string().optional(),
    param: z.string().optional(),
  }),
});

registerPhoneLib(phoneLib);

export function toCustomer(w: WireCustomer): Customer {
  const s = w.shipping && 'shipping_address_id' in w.shipping ? w.shipping : null;
  return {
    customer_id: w.customer_id,
    first_name: w.first_name ?? '',
    last_name: w.last_name ?? '',
    email: w.email ?? '',
    phone: w.phone ?? '',
    phone_display: formatPhone(w.phone ?? ''),
    employer: w.employer ?? '',
    shipping: s
      ? {
          line1: s.line1 ?? '',
          line2: s.line2 ?? '',
          city: s.city ?? '',
          state: s.state ?? '',
          postal_code: s.postal_code ?? '',
          country: s.country ?? '',
        }
      : null,
    shipping_address_id: s ? s.shipping_address_id : null,
    metadata: (w.metadata ?? {}) as Metadata,
    created_at: w.created_at,
    test_mode: w.test_mode,
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
