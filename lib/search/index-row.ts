// What the customer index stores for one customer, and the normalisations search shares with it
// (phone digits of the national number, postal codes without spaces). Pure: no I/O.
import { parsePhoneNumberFromString, isSupportedCountry, type CountryCode } from 'libphonenumber-js/min';
import type { Customer } from '@/lib/customers/types';

/** The digits of a phone's national number, as people read it out: "+1 (415) 555-0123" → "4155550123". */
export function phoneDigits(phone: string, country = ''): string {
  const raw = phone.trim();
  if (raw === '') return '';
  const c = country.trim().toUpperCase();
  const region = /^[A-Z]{2}$/.test(c) && isSupportedCountry(c) ? (c as CountryCode) : undefined;
  const international = raw.replace(/^00/, '+');
  const parsed = parsePhoneNumberFromString(international, region ? { defaultCountry: region } : undefined);
  if (parsed?.nationalNumber) return String(parsed.nationalNumber);
  return raw.replace(/\D/g, '');
}

/** A postal code compared without case, spaces or dashes: "sw1a 1aa" and "SW1A1AA" are one. */
export function postalNorm(postal: string): string {
  return postal.toUpperCase().replace(/[\s-]/g, '');
}

export type IndexRow = {
  id: string;
  test_mode: boolean;
  first_name: string;
  last_name: string;
  email: string;
  phone: string;
  phone_digits: string;
  employer: string;
  city: string;
  postal_code: string;
  postal_norm: string;
  country: string;
  metadata: Record<string, unknown>;
  created_at: Date;
};

export function indexRowOf(c: Customer): IndexRow {
  const country = c.shipping?.country ?? '';
  return {
    id: c.customer_id,
    test_mode: c.test_mode,
    first_name: c.first_name,
    last_name: c.last_name,
    email: c.email,
    phone: c.phone,
    phone_digits: phoneDigits(c.phone, country),
    employer: c.employer,
    city: c.shipping?.city ?? '',
    postal_code: c.shipping?.postal_code ?? '',
    postal_norm: postalNorm(c.shipping?.postal_code ?? ''),
    country,
    metadata: c.metadata,
    created_at: new Date(c.created_at),
  };
}
