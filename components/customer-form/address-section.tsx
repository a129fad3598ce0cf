'use client';
// The shipping-address sub-form. Country from a list of names; state from a list for US, CA and AU
// (with the local word in the hint), free text elsewhere; postal code checked per country.
import { useFormContext, useWatch } from 'react-hook-form';
import { Field, LockedField, inputClass } from '@/components/ui/field';
import type { CustomerFormInput } from '@/lib/customers/schema';
import { countryOptions, statesFor } from '@/lib/customers/regions';
import { addressBlock } from './display';
import type { Address } from '@/lib/customers/types';

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
}: {
  editable: boolean;
  lockReason: string;
  edited: (path: string) => boolean;
}) {
  const { register, formState, getValues, setValue } = useFormContext<CustomerFormInput>();
  const country = useWatch<CustomerFormInput, 'shipping.country'>({ name: 'shipping.country' });
  const states = statesFor(country);
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
      </section>
    );
  }

  return (
    <fieldset className="rounded border border-line p-4">
      <legend className="px-1 font-semibold">Shipping address</legend>
      <div className="grid gap-3 md:grid-cols-6">
        <Field
          id="field-shipping.country"
          label="Country"
          error={err?.country?.message}
          edited={edited('shipping.country')}
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
              {countryOptions().map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          id="field-shipping.line1"
          label="Address line 1"
          error={err?.line1?.message}
          edited={edited('shipping.line1')}
          className="md:col-span-6"
        >
          {(a11y) => (
            <input {...a11y} autoComplete="off" className={inputClass} {...register('shipping.line1')} />
          )}
        </Field>
        <Field
          id="field-shipping.line2"
          label="Address line 2"
          error={err?.line2?.message}
          edited={edited('shipping.line2')}
          className="md:col-span-6"
        >
          {(a11y) => (
            <input {...a11y} autoComplete="off" className={inputClass} {...register('shipping.line2')} />
          )}
        </Field>
        <Field
          id="field-shipping.city"
          label="City"
          error={err?.city?.message}
          edited={edited('shipping.city')}
          className="md:col-span-2"
        >
          {(a11y) => (
            <input {...a11y} autoComplete="off" className={inputClass} {...register('shipping.city')} />
          )}
        </Field>
        <Field
          id="field-shipping.state"
          label="State"
          error={err?.state?.message}
          edited={edited('shipping.state')}
          hint={states && states.word !== 'State' ? states.word : undefined}
          className="md:col-span-2"
        >
          {(a11y) =>
            states ? (
              <select {...a11y} className={inputClass} {...register('shipping.state')}>
                <option value="">Choose…</option>
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
          label="Postal code"
          error={err?.postal_code?.message}
          edited={edited('shipping.postal_code')}
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
    </fieldset>
  );
}
