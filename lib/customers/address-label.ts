// The address as a carrier prints it: the country's postal layout from @fragaria/address-formatter
// (OpenCage's templates, offline). The formatter is ~60 KB gzipped, so callers load it lazily.
import type { Address } from './types';

import type * as AddressFormatter from '@fragaria/address-formatter';

type Formatter = typeof AddressFormatter;

let loading: Promise<Formatter> | undefined;

export function loadAddressFormatter(): Promise<Formatter> {
  // The package is CommonJS for the server's bundle: there its functions sit on `default`.
  loading ??= import('@fragaria/address-formatter').then((m) =>
    typeof m.format === 'function' ? m : (m as unknown as { default: Formatter }).default,
  );
  return loading;
}

/** A label laid out on the server for one recipient and address. */
export type KnownLabel = { recipient: string; address: Address | null; lines: string[] };

/** The label's lines: recipient, street lines, locality as the country writes it, country name. */
export function labelLines(formatter: Formatter, recipient: string, a: Address): string[] {
  if (Object.values(a).every((v) => v.trim() === '')) return [];
  const country = a.country.trim();
  const state = a.state.trim();
  const line1 = a.line1.trim();
  const line2 = a.line2.trim();
  let lines: string[];
  try {
    const input = {
      attention: recipient.trim(),
      road: line1,
      city: a.city.trim(),
      postcode: a.postal_code.trim(),
      state,
      // Templates for the US, Canada and Australia print the state's code.
      stateCode: /^[A-Za-z]{2,3}$/.test(state) ? state.toUpperCase() : '',
      countryCode: /^[A-Za-z]{2}$/.test(country) ? country.toUpperCase() : '',
    };
    // An absent part must be left out: the formatter prints an undefined value as "undefined".
    const present = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== ''));
    lines = formatter.format(present, { output: 'array', appendCountry: true, cleanupPostcode: false });
  } catch {
    lines = [recipient, line1, [a.postal_code, a.city, state].filter(Boolean).join(' '), country];
  }
  lines = lines.map((l) => l.trim()).filter(Boolean);
  // The templates have no second street line: it goes right under the first, as carriers print it.
  if (line2) {
    const at = line1 ? lines.findIndex((l) => l.includes(line1)) : -1;
    lines.splice(at >= 0 ? at + 1 : Math.min(1, lines.length), 0, line2);
  }
  return lines;
}
