'use client';
// The shipping-address sub-form. Country from a list of names; state from a list for US, CA and AU
// (with the local word in the hint), free text elsewhere; postal code checked per country.
import { useFormContext, useWatch } from 'react-hook-form';
import { Field, LockedField, inputClass } from '@/components/ui/field';
import type { CustomerFormInput } from '@/lib/customers/schema';
import { countryOptions, statesFor } from '@/lib/customers/regions';
import type { KnownLabel } from '@/lib/customers/address-label';
import { lazyPart } from '@/components/ui/lazy-part';
import { addressBlock } from './display';
import { ADDRESS_FIELD_LABEL } from '@/lib/customers/labels';
import { ADDRESS_FIELDS, type Address } from '@/lib/customers/types';

// The server renders the label into the page; its code comes after the first load (hydrated when it arrives).
const AddressLabel = lazyPart(() => import('./address-label').then((m) => m.AddressLabel));

const POSTAL_HINT: Record<string, string> = {
  US: 'ZIP code, e.g. 94107',
  CA: 'e.g. M5V 2T6',
  GB: 'Postcode, e.g. SW1A 1AA',
  AU: 'e.g. 2000',
  DE: 'PLZ, e.g. 10115',
  FR: 'e.g. 75001',
};

export function AddressSection({
  editable,
  lockReason,
  edited,
  notice,
  recipient,
  knownLabel,
}: {
  editable: boolean;
  lockReason: string;
  edited: (path: string) => boolean;
  /** The quiet note for a held value today's rules would not accept, by form path. */
  notice: (path: string) => string | undefined;
  /** The name printed on the label preview. */
  recipient: string;
  knownLabel: KnownLabel | null;
}) {
  const { register, formState, getValues, setValue } = useFormContext<CustomerFormInput>();
  const country = useWatch<CustomerFormInput, 'shipping.country'>({ name: 'shipping.country' });
  const state = useWatch<CustomerFormInput, 'shipping.state'>({ name: 'shipping.state' });
  const address = useWatch<CustomerFormInput, 'shipping'>({ name: 'shipping' }) as Address;
  const states = statesFor(country);
  const countries = countryOptions();
  // A value Flex holds that is not in a list (a lower-case or retired code) is shown as it is, not lost.
  const heldCountry = country && !countries.some((c) => c.code === country) ? country : null;
  const heldState = states && state && !states.regions.some((r) => r.code === state) ? state : null;
  const err = formState.errors.shipping;

  if (!editable) {
    const a = getValues('shipping') as Address;
    const empty = Object.values(a).every((v) => v === '');
    return (
      <section aria-labelledby="shipping-title" className="rounded border border-line p-4">
        <h2 id="shipping-title" className="mb-3 font-semibold">
          Shipping address
        </h2>
        <LockedField label="Address" value={empty ? '' : addressBlock(a).join(', ')} reason={lockReason} />
        {!empty && (
          <AddressLabel recipient={recipient} address={a} title="Label preview" known={knownLabel} />
        )}
      </section>
    );
  }

  return (
    <fieldset className="rounded border border-line p-4">
      <legend className="px-1 font-semibold">Shipping address</legend>
      <div className="grid gap-3 md:grid-cols-6">
        <Field
          id="field-shipping.country"
          label={ADDRESS_FIELD_LABEL.country}
          error={err?.country?.message}
          edited={edited('shipping.country')}
          notice={notice('shipping.country')}
          className="md:col-span-6"
        >
          {(a11y) => (
            <select
              {...a11y}
              className={inputClass}
              {...register('shipping.country', {
                onChange: (e: { target: { value: string } }) => {
                  // A state from another country's list makes no sense here.
                  const next = statesFor(e.target.value);
                  const state = getValues('shipping.state');
                  if (state && next && !next.regions.some((r) => r.code === state))
                    setValue('shipping.state', '', { shouldDirty: true });
                },
              })}
            >
              <option value="">Choose a country…</option>
              {heldCountry && <option value={heldCountry}>{heldCountry} (as Flex holds it)</option>}
              {countries.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          id="field-shipping.line1"
          label={ADDRESS_FIELD_LABEL.line1}
          error={err?.line1?.message}
          edited={edited('shipping.line1')}
          notice={notice('shipping.line1')}
          className="md:col-span-6"
        >
          {(a11y) => (
            <input {...a11y} autoComplete="off" className={inputClass} {...register('shipping.line1')} />
          )}
        </Field>
        <Field
          id="field-shipping.line2"
          label={ADDRESS_FIELD_LABEL.line2}
          error={err?.line2?.message}
          edited={edited('shipping.line2')}
          notice={notice('shipping.line2')}
          className="md:col-span-6"
        >
          {(a11y) => (
            <input {...a11y} autoComplete="off" className={inputClass} {...register('shipping.line2')} />
          )}
        </Field>
        <Field
          id="field-shipping.city"
          label={ADDRESS_FIELD_LABEL.city}
          error={err?.city?.message}
          edited={edited('shipping.city')}
          notice={notice('shipping.city')}
          className="md:col-span-2"
        >
          {(a11y) => (
            <input {...a11y} autoComplete="off" className={inputClass} {...register('shipping.city')} />
          )}
        </Field>
        <Field
          id="field-shipping.state"
          label={ADDRESS_FIELD_LABEL.state}
          error={err?.state?.message}
          edited={edited('shipping.state')}
          notice={notice('shipping.state')}
          hint={states && states.word !== 'State' ? states.word : undefined}
          className="md:col-span-2"
        >
          {(a11y) =>
            states ? (
              <select {...a11y} className={inputClass} {...register('shipping.state')}>
                <option value="">Choose…</option>
                {heldState && <option value={heldState}>{heldState} (as Flex holds it)</option>}
                {states.regions.map((r) => (
                  <option key={r.code} value={r.code}>
                    {r.name} ({r.code})
                  </option>
                ))}
              </select>
            ) : (
              <input {...a11y} autoComplete="off" className={inputClass} {...register('shipping.state')} />
            )
          }
        </Field>
        <Field
          id="field-shipping.postal_code"
          label={ADDRESS_FIELD_LABEL.postal_code}
          error={err?.postal_code?.message}
          edited={edited('shipping.postal_code')}
          notice={notice('shipping.postal_code')}
          hint={POSTAL_HINT[country]}
          className="md:col-span-2"
        >
          {(a11y) => (
            <input
              {...a11y}
              autoComplete="off"
              className={inputClass}
              {...register('shipping.postal_code')}
            />
          )}
        </Field>
      </div>
      <AddressLabel
        recipient={recipient}
        address={address}
        title="Label preview"
        known={knownLabel}
        className="mt-4"
        eager={ADDRESS_FIELDS.some((f) => edited(`shipping.${f}`))}
      />
    </fieldset>
  );
}
