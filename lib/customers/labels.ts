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
