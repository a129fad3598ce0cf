// libphonenumber-js, loaded on demand: the browser fetches it only when a form is first validated,
// which keeps ~30 KB out of the edit page's first load. The server registers it eagerly (lib/flex).
import type * as Lib from 'libphonenumber-js/min';

type PhoneLib = typeof Lib;

let lib: PhoneLib | undefined;
let loading: Promise<PhoneLib> | undefined;

export function registerPhoneLib(l: PhoneLib): void {
  lib = l;
}

export function loadPhoneLib(): Promise<PhoneLib> {
  if (lib) return Promise.resolve(lib);
  loading ??= import('libphonenumber-js/min').then((l) => (lib = l));
  return loading;
}

/** The library if it is already here (always on the server), for synchronous display formatting. */
export function phoneLibNow(): PhoneLib | undefined {
  return lib;
}

/** The phone rule: a number libphonenumber calls valid, read in the address country when it has no +code. */
export function phoneValidWith(l: PhoneLib, phone: string, country: string): boolean {
  const c = country.trim().toUpperCase();
  const region = /^[A-Z]{2}$/.test(c) && l.isSupportedCountry(c) ? c : undefined;
  const p = l.parsePhoneNumberFromString(phone, region ? { defaultCountry: region } : undefined);
  return !!p && p.isValid();
}
