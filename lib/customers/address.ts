// Address rules: what a complete address is, postal codes per country, normalisation.
import { postcodeValidator, postcodeValidatorExistsForCountry } from 'postcode-validator';
import { statesFor } from './regions';

/** Upper case and single spaces; the usual space put back where a country writes one. */
export function normalisePostalCode(code: string, country: string): string {
  let c = code.trim().toUpperCase().replace(/\s+/g, ' ');
  const compact = c.replace(/ /g, '');
  if ((country === 'GB' || country === 'IE') && compact.length > 4)
    c = `${compact.slice(0, -3)} ${compact.slice(-3)}`;
  else if (country === 'CA' && compact.length === 6) c = `${compact.slice(0, 3)} ${compact.slice(3)}`;
  else if (country === 'NL' && /^\d{4}[A-Z]{2}$/.test(compact))
    c = `${compact.slice(0, 4)} ${compact.slice(4)}`;
  else if (country === 'US' && /^\d{9}$/.test(compact)) c = `${compact.slice(0, 5)}-${compact.slice(5)}`;
  return c;
}

export function postalCodeValid(code: string, country: string): boolean {
  if (!postcodeValidatorExistsForCountry(country)) return code.length <= 20;
  try {
    return postcodeValidator(code, country);
  } catch {
    return false;
  }
}

export function stateRequired(country: string): boolean {
  return statesFor(country) !== undefined;
}

export function stateValid(state: string, country: string): boolean {
  const s = statesFor(country);
  return !s || s.regions.some((r) => r.code === state);
}
