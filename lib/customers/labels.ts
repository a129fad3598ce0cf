// The words for each editable field, wherever a field is named to a person.
import type { PatchField } from './patch';

export const FIELD_LABEL: Record<PatchField, string> = {
  first_name: 'First name',
  last_name: 'Last name',
  email: 'Email',
  phone: 'Phone',
  employer: 'Employer',
  shipping: 'Shipping address',
  metadata: 'Metadata',
};

/** Every place in the form a problem can be, by its path. */
export const FIELD_PATH_LABEL: Record<string, string> = {
  ...FIELD_LABEL,
  'shipping.line1': 'Address line 1',
  'shipping.line2': 'Address line 2',
  'shipping.city': 'City',
  'shipping.state': 'State',
  'shipping.postal_code': 'Postal code',
  'shipping.country': 'Country',
  form: 'Form',
};
