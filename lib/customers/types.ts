// The customer as the app works with it (the domain form). Flex's wire shapes live in lib/flex.
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type Metadata = { [key: string]: JsonValue };

export const ADDRESS_FIELDS = ['line1', 'line2', 'city', 'state', 'postal_code', 'country'] as const;
export type AddressField = (typeof ADDRESS_FIELDS)[number];
export type Address = Record<AddressField, string>;

export const CONTACT_FIELDS = ['first_name', 'last_name', 'email', 'phone', 'employer'] as const;
export type ContactField = (typeof CONTACT_FIELDS)[number];

/** The editable fields as one flat-ish record: contact strings, the address whole (or null), metadata. */
export type CustomerFields = Record<ContactField, string> & {
  shipping: Address | null;
  metadata: Metadata;
};

export type Customer = CustomerFields & {
  customer_id: string;
  /** The phone formatted for people, made on the server (the browser loads the phone library lazily). */
  phone_display: string;
  /** Whether the phone passes today's rule (worked out on the server, where the phone library is loaded). */
  phone_valid?: boolean;
  shipping_address_id: string | null;
  created_at: string;
  test_mode: boolean;
  /** The record exactly as Flex sent it (nulls, unknown fields and all), for "As Flex returned it". */
  raw?: unknown;
};

export const CUSTOMER_ID_PATTERN = /^fcus_[0-9A-HJKMNP-TV-Z]{26}$/;

export function isCustomerId(value: unknown): value is string {
  return typeof value === 'string' && CUSTOMER_ID_PATTERN.test(value);
}

/** The editable part of a customer, in the shape forms and the PATCH builder compare. */
export function editableFields(c: Customer): CustomerFields {
  return {
    first_name: c.first_name,
    last_name: c.last_name,
    email: c.email,
    phone: c.phone,
    employer: c.employer,
    shipping: c.shipping,
    metadata: c.metadata,
  };
}
