// The one schema for a customer edit, used by the form (zodResolver) and by the server action.
// Input: what the form holds (strings; metadata as JSON text). Output: CustomerFields, normalised
// (trimmed text, E.164 phone, upper-case country and postal code, address null when empty).
// Written with zod/mini: it ships to the browser, and the classic API does not tree-shake (~50 KB).
import type { CountryCode } from 'libphonenumber-js/min';
import * as z from 'zod/mini';
import { normalisePostalCode, postalCodeValid, stateRequired, stateValid } from './address';
import { checkMetadataText, formatMetadata } from './metadata';
import { isCountryCode } from './regions';
import { ADDRESS_FIELDS, type Address, type CustomerFields } from './types';
import { formatPhone } from './format';
import { loadPhoneLib } from './phone';

// C0/C1 controls and DEL, and the bidirectional overrides/isolates that can disguise text.
const FORBIDDEN_CHARS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

export const LIMITS = {
  name: 100,
  employer: 200,
  email: 254,
  phone: 40,
  line: 200,
  city: 100,
  state: 100,
  postal: 20,
  metadataText: 64 * 1024,
};

function text(label: string, max: number) {
  const tooLong = { error: `${label} is too long: at most ${max} characters.` };
  return z.string({ error: `${label} must be text.` }).check(
    z.maxLength(max * 4, tooLong),
    z.refine((s: string) => !FORBIDDEN_CHARS.test(s), {
      error: `${label} contains characters that are not allowed (control or direction characters).`,
    }),
    z.trim(),
    z.maxLength(max, tooLong),
  );
}

const EMAIL = z.email();

export const addressInputSchema = z.strictObject({
  line1: text('Address line 1', LIMITS.line),
  line2: text('Address line 2', LIMITS.line),
  city: text('City', LIMITS.city),
  state: text('State', LIMITS.state),
  postal_code: text('Postal code', LIMITS.postal),
  country: text('Country', 8).check(z.toUpperCase()),
});

const customerFormObject = z
  .strictObject({
    first_name: text('First name', LIMITS.name),
    last_name: text('Last name', LIMITS.name),
    email: text('Email', LIMITS.email),
    phone: text('Phone', LIMITS.phone),
    employer: text('Employer', LIMITS.employer),
    shipping: addressInputSchema,
    metadata: z
      .string({ error: 'Metadata must be JSON text.' })
      .check(z.maxLength(LIMITS.metadataText, { error: 'Metadata is too large: at most 8192 bytes.' })),
  })
  .check(
    z.superRefine((v, ctx) => {
      if (v.email && !EMAIL.safeParse(v.email).success)
        ctx.addIssue({
          code: 'custom',
          path: ['email'],
          message: 'Enter an email address like name@example.com.',
        });

      const a = v.shipping;
      const anyAddress = ADDRESS_FIELDS.some((f) => a[f] !== '');
      if (anyAddress) {
        const required: [keyof typeof a, string][] = [
          ['line1', 'Enter address line 1.'],
          ['city', 'Enter the city.'],
          ['postal_code', 'Enter the postal code.'],
          ['country', 'Choose the country.'],
        ];
        for (const [f, message] of required)
          if (a[f] === '') ctx.addIssue({ code: 'custom', path: ['shipping', f], message });
        if (a.country && !isCountryCode(a.country))
          ctx.addIssue({
            code: 'custom',
            path: ['shipping', 'country'],
            message: 'Choose a country from the list.',
          });
        else if (a.country) {
          if (stateRequired(a.country) && a.state === '')
            ctx.addIssue({
              code: 'custom',
              path: ['shipping', 'state'],
              message: 'Choose the state, province or territory.',
            });
          else if (a.state && !stateValid(a.state, a.country))
            ctx.addIssue({
              code: 'custom',
              path: ['shipping', 'state'],
              message: 'Choose a state, province or territory from the list.',
            });
          if (a.postal_code && !postalCodeValid(normalisePostalCode(a.postal_code, a.country), a.country))
            ctx.addIssue({
              code: 'custom',
              path: ['shipping', 'postal_code'],
              message: `This is not a valid postal code for the country.`,
            });
        }
      }

      const m = checkMetadataText(v.metadata);
      if (!m.ok) ctx.addIssue({ code: 'custom', path: ['metadata'], message: m.message });
    }),
    // Phone numbers need libphonenumber, loaded on first use, so this check (and parsing) is async.
    z.superRefine(async (v, ctx) => {
      if (!v.phone) return;
      const { parsePhoneNumberFromString } = await loadPhoneLib();
      const region = isCountryCode(v.shipping.country) ? (v.shipping.country as CountryCode) : undefined;
      const p = parsePhoneNumberFromString(v.phone, region ? { defaultCountry: region } : undefined);
      if (!p || !p.isValid())
        ctx.addIssue({
          code: 'custom',
          path: ['phone'],
          message: region
            ? 'Enter a valid phone number, with the country code if it is not in the address country.'
            : 'Enter a valid phone number with its country code, like +1 415 555 0123.',
        });
    }),
  );

export const customerFormSchema = z.pipe(
  customerFormObject,
  z.transform(async (v): Promise<CustomerFields> => {
    const a = v.shipping;
    const anyAddress = ADDRESS_FIELDS.some((f) => a[f] !== '');
    const shipping: Address | null = anyAddress
      ? { ...a, postal_code: normalisePostalCode(a.postal_code, a.country) }
      : null;
    const region = isCountryCode(a.country) ? (a.country as CountryCode) : undefined;
    const phone = v.phone
      ? ((await loadPhoneLib()).parsePhoneNumberFromString(
          v.phone,
          region ? { defaultCountry: region } : undefined,
        )?.number ?? v.phone)
      : '';
    const m = checkMetadataText(v.metadata);
    return {
      first_name: v.first_name,
      last_name: v.last_name,
      email: v.email,
      phone,
      employer: v.employer,
      shipping,
      metadata: m.ok ? m.value : {},
    };
  }),
);

export type CustomerFormInput = z.input<typeof customerFormSchema>;

const EMPTY_ADDRESS: Address = { line1: '', line2: '', city: '', state: '', postal_code: '', country: '' };

/** A customer's fields as the form shows them (phone formatted, metadata as pretty JSON). */
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

/** The shape the action trusts for "what the form was loaded with": structure only, no normalising. */
const loose = z.string().check(z.maxLength(10_000));
export const customerFieldsSchema = z.strictObject({
  first_name: loose,
  last_name: loose,
  email: loose,
  phone: loose,
  employer: loose,
  shipping: z.nullable(
    z.strictObject({
      line1: loose,
      line2: loose,
      city: loose,
      state: loose,
      postal_code: loose,
      country: loose,
    }),
  ),
  metadata: z
    .record(z.string().check(z.maxLength(100)), z.json())
    .check(z.refine((m) => checkMetadataTextSafe(m), { error: 'Original metadata is not valid.' })),
});

function checkMetadataTextSafe(m: unknown): boolean {
  try {
    return JSON.stringify(m).length <= 64 * 1024;
  } catch {
    return false;
  }
}
