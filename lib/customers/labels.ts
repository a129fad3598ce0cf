// The words for each editable field, wherever a field is named to a person.
import type { PatchField } from './patch';
import type { AddressField } from './types';

export const FIELD_LABEL: Record<PatchField, string> = {
  first_name: 'First name',
  last_name: 'Last name',
  email: 'Email',
  phone: 'Phone',
  employer: 'Employer',
  shipping: 'Shipping address',
  metadata: 'Metadata',
};

export const ADDRESS_FIELD_LABEL: Record<AddressField, string> = {
  line1: 'Address line 1',
  line2: 'Address line 2',
  city: 'City',
  state: 'State',
  postal_code: 'Postal code',
  country: 'Country',
};

/** Every place in the form a problem can be, by its path. */
export const FIELD_PATH_LABEL: Record<string, string> = {
  ...FIELD_LABEL,
  ...Object.fromEntries(Object.entries(ADDRESS_FIELD_LABEL).map(([k, v]) => [`shipping.${k}`, v])),
  form: 'Form',
};
