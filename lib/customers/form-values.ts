// A customer's fields as the edit form shows them. Kept apart from the schema so the page can show the
// form without loading the rules, which load on the first edit.
import { formatPhone } from './format';
import { formatMetadata } from './metadata';
import type { CustomerFormInput } from './schema';
import type { CustomerFields } from './types';

export type { CustomerFormInput };

const EMPTY_ADDRESS = { line1: '', line2: '', city: '', state: '', postal_code: '', country: '' };

/** The phone formatted for people, metadata as pretty JSON, an absent address as empty fields. */
export function toFormValues(f: CustomerFields, phoneDisplay?: string): CustomerFormInput {
  return {
    first_name: f.first_name,
    last_name: f.last_name,
    email: f.email,
    phone: phoneDisplay ?? formatPhone(f.phone),
    employer: f.employer,
    shipping: f.shipping ? { ...f.shipping } : { ...EMPTY_ADDRESS },
    metadata: formatMetadata(f.metadata),
  };
}
