// The one schema for a customer edit, used by the form (zodResolver) and by the server action.
// Input: what the form holds (strings; metadata as JSON text). Output: CustomerFields, normalised
// (trimmed text, E.164 phone, upper-case country and postal code, address null when empty).
// Written with zod/mini: it ships to the browser, and the classic API does not tree-shake (~50 KB).
import type { CountryCode } from 'libphonenumber-js/min';
import * as z from 'zod/mini';
import { normalisePostalCode, postalCodeValid, stateRequired, stateValid } from './address';
import { ADDRESS_FIELD_LABEL, FIELD_LABEL } from './labels';
import { checkMetadataText } from './metadata';
import { isCountryCode } from './regions';
import { sameJson, PATCH_FIELDS, type PatchField } from './patch';
import {
  ADDRESS_FIELDS,
  CONTACT_FIELDS,
  type Address,
  type AddressField,
  type CustomerFields,
} from './types';
import { toFormValues } from './form-values';
import { loadPhoneLib, phoneValidWith } from './phone';

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

const EMPTY_ADDRESS: Address = { line1: '', line2: '', city: '', state: '', postal_code: '', country: '' };
const EMPTY_FORM = {
  first_name: '',
  last_name: '',
  email: '',
  phone: '',
  employer: '',
  shipping: { ...EMPTY_ADDRESS },
  metadata: '{}',
};
const EMPTY_FIELDS: CustomerFields = {
  first_name: '',
  last_name: '',
  email: '',
  phone: '',
  employer: '',
  shipping: null,
  metadata: {},
};

/** The form's shape: structure only. The rules for each field are applied by `fieldProblems`. */
// Bounds for the request's size only: a value Flex already holds may be longer than today's rules allow.
const FORM_TEXT_MAX = 10_000;
const loose = z
  .string({ error: 'Must be text.' })
  .check(z.maxLength(FORM_TEXT_MAX, { error: `Too long: at most ${FORM_TEXT_MAX} characters.` }));
const formShape = z.strictObject({
  first_name: loose,
  last_name: loose,
  email: loose,
  phone: loose,
  employer: loose,
  shipping: z.strictObject({
    line1: loose,
    line2: loose,
    city: loose,
    state: loose,
    postal_code: loose,
    country: loose,
  }),
  metadata: z
    .string({ error: 'Metadata must be JSON text.' })
    .check(z.maxLength(LIMITS.metadataText, { error: 'Metadata is too large: at most 8192 bytes.' })),
});
type FormShape = z.output<typeof formShape>;

const CONTACT_RULES = {
  first_name: text(FIELD_LABEL.first_name, LIMITS.name),
  last_name: text(FIELD_LABEL.last_name, LIMITS.name),
  email: text(FIELD_LABEL.email, LIMITS.email),
  phone: text(FIELD_LABEL.phone, LIMITS.phone),
  employer: text(FIELD_LABEL.employer, LIMITS.employer),
} as const;
const ADDRESS_RULES = {
  line1: text(ADDRESS_FIELD_LABEL.line1, LIMITS.line),
  line2: text(ADDRESS_FIELD_LABEL.line2, LIMITS.line),
  city: text(ADDRESS_FIELD_LABEL.city, LIMITS.city),
  state: text(ADDRESS_FIELD_LABEL.state, LIMITS.state),
  postal_code: text(ADDRESS_FIELD_LABEL.postal_code, LIMITS.postal),
  country: text(ADDRESS_FIELD_LABEL.country, 8).check(z.toUpperCase()),
} as const;

export type Problem = { path: string; message: string };

function regionOf(country: string): CountryCode | undefined {
  const c = country.trim().toUpperCase();
  return isCountryCode(c) ? (c as CountryCode) : undefined;
}

/**
 * Today's rules, applied to the given top-level fields only (shipping is checked whole). Never throws.
 * The edit schema asks for the fields being changed; the legacy-value notice asks for all of them.
 */
export async function fieldProblems(
  v: FormShape,
  fields: ReadonlySet<PatchField>,
  /** What the server already worked out (the browser then need not load the phone library). */
  known: { phoneValid?: boolean | undefined } = {},
): Promise<Problem[]> {
  const out: Problem[] = [];
  const rule = (path: string, schema: z.ZodMiniType, value: string): string | undefined => {
    const r = schema.safeParse(value);
    if (r.success) return r.data as string;
    out.push({ path, message: r.error.issues[0]?.message ?? 'Not accepted.' });
    return undefined;
  };
  for (const f of CONTACT_FIELDS) {
    if (!fields.has(f)) continue;
    const t = rule(f, CONTACT_RULES[f], v[f]);
    if (f === 'email' && t && !EMAIL.safeParse(t).success)
      out.push({ path: 'email', message: 'Enter an email address like name@example.com.' });
    if (f === 'phone' && t) {
      const region = regionOf(v.shipping.country);
      const ok = known.phoneValid ?? phoneValidWith(await loadPhoneLib(), t, v.shipping.country);
      if (!ok)
        out.push({
          path: 'phone',
          message: region
            ? 'Enter a valid phone number, with the country code if it is not in the address country.'
            : 'Enter a valid phone number with its country code, like +1 415 555 0123.',
        });
    }
  }
  if (fields.has('shipping')) {
    const a = {} as Record<AddressField, string>;
    for (const f of ADDRESS_FIELDS) a[f] = rule(`shipping.${f}`, ADDRESS_RULES[f], v.shipping[f]) ?? '';
    const bad = new Set(out.map((p) => p.path));
    const anyAddress = ADDRESS_FIELDS.some((f) => v.shipping[f].trim() !== '');
    if (anyAddress) {
      const required: [AddressField, string][] = [
        ['line1', 'Enter address line 1.'],
        ['city', 'Enter the city.'],
        ['postal_code', 'Enter the postal code.'],
        ['country', 'Choose the country.'],
      ];
      for (const [f, message] of required)
        if (a[f] === '' && !bad.has(`shipping.${f}`)) out.push({ path: `shipping.${f}`, message });
      if (a.country && !isCountryCode(a.country))
        out.push({ path: 'shipping.country', message: 'Choose a country from the list.' });
      else if (a.country) {
        if (stateRequired(a.country) && a.state === '')
          out.push({ path: 'shipping.state', message: 'Choose the state, province or territory.' });
        else if (a.state && !stateValid(a.state, a.country))
          out.push({
            path: 'shipping.state',
            message: 'Choose a state, province or territory from the list.',
          });
        if (a.postal_code && !postalCodeValid(normalisePostalCode(a.postal_code, a.country), a.country))
          out.push({
            path: 'shipping.postal_code',
            message: 'This is not a valid postal code for the country.',
          });
      }
    }
  }
  if (fields.has('metadata')) {
    const m = checkMetadataText(v.metadata);
    if (!m.ok) out.push({ path: 'metadata', message: m.message });
  }
  return out;
}

/** Which top-level fields the form changes, compared with what it was loaded with. */
export function changedFormFields(
  v: FormShape,
  original: CustomerFields,
  loaded: CustomerFormInput,
): Set<PatchField> {
  const out = new Set<PatchField>();
  for (const f of CONTACT_FIELDS) {
    const unchanged = v[f] === loaded[f] || (f === 'phone' && v.phone === original.phone);
    if (!unchanged) out.add(f);
  }
  if (ADDRESS_FIELDS.some((f) => v.shipping[f] !== loaded.shipping[f])) out.add('shipping');
  if (v.metadata !== loaded.metadata) {
    // Reformatted but equal JSON is no change (the table and JSON modes write the text differently).
    const m = checkMetadataText(v.metadata);
    if (!(m.ok && sameJson(m.value, original.metadata))) out.add('metadata');
  }
  return out;
}

/** Form values → the fields to save: changed fields normalised, unchanged fields exactly as Flex holds them. */
async function toFields(v: FormShape, original: CustomerFields, changed: ReadonlySet<PatchField>) {
  const out: CustomerFields = { ...original };
  for (const f of CONTACT_FIELDS) if (changed.has(f)) out[f] = v[f].trim();
  if (changed.has('phone') && out.phone) {
    const region = regionOf(v.shipping.country);
    out.phone =
      (await loadPhoneLib()).parsePhoneNumberFromString(
        out.phone,
        region ? { defaultCountry: region } : undefined,
      )?.number ?? out.phone;
  }
  if (changed.has('shipping')) out.shipping = normaliseAddress(v.shipping);
  if (changed.has('metadata')) {
    const m = checkMetadataText(v.metadata);
    out.metadata = m.ok ? m.value : {};
  }
  return out;
}

function issuesFrom(ctx: { addIssue: (i: z.core.$ZodRawIssue) => void }, problems: Problem[]) {
  for (const p of problems)
    ctx.addIssue({ code: 'custom', path: p.path.split('.'), message: p.message, input: undefined });
}

/**
 * The edit schema: only what will be sent is validated (a field the person did not change never blocks a
 * save, whatever Flex holds in it), and unchanged fields pass through exactly as Flex holds them, so the
 * minimal PATCH never carries them. `loaded` is what the form showed (the phone formatted for display).
 */
export function customerEditSchema(
  original: CustomerFields,
  loaded: CustomerFormInput = toFormValues(original),
) {
  return z.pipe(
    formShape.check(
      z.superRefine(async (v, ctx) =>
        issuesFrom(ctx, await fieldProblems(v, changedFormFields(v, original, loaded))),
      ),
    ),
    z.transform((v) => toFields(v, original, changedFormFields(v, original, loaded))),
  );
}

const ALL_FIELDS: ReadonlySet<PatchField> = new Set(PATCH_FIELDS);

/** The strict schema: every field checked as if newly typed (the seed test, and what a new record must pass). */
export const customerFormSchema = z.pipe(
  formShape.check(z.superRefine(async (v, ctx) => issuesFrom(ctx, await fieldProblems(v, ALL_FIELDS)))),
  z.transform((v) => toFields(v, EMPTY_FIELDS, ALL_FIELDS)),
);

/** Legacy values: what Flex holds that today's rules would not accept (path → message). Shown, never sent unless changed. */
export async function legacyProblems(loaded: CustomerFormInput, phoneValid?: boolean): Promise<Problem[]> {
  const shape = formShape.safeParse(loaded);
  if (!shape.success) return shape.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  return fieldProblems(shape.data, ALL_FIELDS, { phoneValid });
}

export type CustomerFormInput = z.input<typeof customerFormSchema>;

/** The shape the action trusts for "what the form was loaded with": structure only, no normalising. */
const asStored = z.string().check(z.maxLength(FORM_TEXT_MAX));
export const customerFieldsSchema = z.strictObject({
  first_name: asStored,
  last_name: asStored,
  email: asStored,
  phone: asStored,
  employer: asStored,
  shipping: z.nullable(
    z.strictObject({
      line1: asStored,
      line2: asStored,
      city: asStored,
      state: asStored,
      postal_code: asStored,
      country: asStored,
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

/** Today's address rules on one whole address (bulk rows use the same rules as the edit page). */
export async function addressProblems(a: Address): Promise<Problem[]> {
  const v: FormShape = { ...EMPTY_FORM, shipping: { ...a } };
  return fieldProblems(v, new Set<PatchField>(['shipping']));
}

/** An address as it would be sent: trimmed, country upper-cased, postal code in the country's form. */
export function normaliseAddress(a: Address): Address | null {
  const out = {} as Address;
  for (const f of ADDRESS_FIELDS) out[f] = a[f].trim();
  out.country = out.country.toUpperCase();
  if (ADDRESS_FIELDS.every((f) => out[f] === '')) return null;
  return { ...out, postal_code: normalisePostalCode(out.postal_code, out.country) };
}

/**
 * Today's rules on exactly the values a PATCH sends, in the domain form (the save path's check, whoever
 * built the change). The phone is checked as stored (E.164), the address country as its region.
 */
export async function patchProblems(patch: Partial<CustomerFields>): Promise<Problem[]> {
  const fields = new Set(PATCH_FIELDS.filter((f) => patch[f] !== undefined));
  const target: CustomerFields = { ...EMPTY_FIELDS, ...patch };
  const shape = formShape.safeParse({ ...toFormValues(target), phone: target.phone });
  if (!shape.success) return shape.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  return fieldProblems(shape.data, fields);
}

export { toFormValues };
