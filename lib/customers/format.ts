// Display helpers shared by server and browser: names, phones, countries, dates.
import { phoneLibNow } from './phone';
import type { Address, Customer } from './types';

export function displayName(c: Pick<Customer, 'first_name' | 'last_name' | 'email'>): string {
  const name = `${c.first_name} ${c.last_name}`.trim();
  return name || c.email || 'Unnamed customer';
}

/** International format when the phone library is loaded (always on the server); E.164 as it is otherwise. */
export function formatPhone(e164: string): string {
  if (!e164) return '';
  const p = phoneLibNow()?.parsePhoneNumberFromString(e164);
  return p ? p.formatInternational() : e164;
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

export function countryName(code: string): string {
  if (!/^[A-Z]{2}$/.test(code)) return code;
  try {
    return regionNames.of(code) ?? code;
  } catch {
    return code;
  }
}

export function shortAddress(a: Address | null): string {
  if (!a) return '';
  return [a.city, a.state, a.country].filter(Boolean).join(', ');
}

export function addressLines(a: Address): string[] {
  return [
    a.line1,
    a.line2,
    [a.postal_code, a.city, a.state].filter(Boolean).join(' '),
    countryName(a.country),
  ].filter(Boolean);
}

const dateFmt = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});
const dateTimeFmt = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
  timeZoneName: 'short',
});

export function formatDate(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateFmt.format(d);
}

export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateTimeFmt.format(d);
}

const rtf = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

export function relativeTime(iso: string, now = Date.now()): string {
  const d = new Date(iso).getTime();
  if (Number.isNaN(d)) return iso;
  const sec = Math.round((d - now) / 1000);
  const abs = Math.abs(sec);
  if (abs < 60) return rtf.format(sec, 'second');
  if (abs < 3600) return rtf.format(Math.round(sec / 60), 'minute');
  if (abs < 86400) return rtf.format(Math.round(sec / 3600), 'hour');
  if (abs < 86400 * 30) return rtf.format(Math.round(sec / 86400), 'day');
  if (abs < 86400 * 365) return rtf.format(Math.round(sec / (86400 * 30)), 'month');
  return rtf.format(Math.round(sec / (86400 * 365)), 'year');
}
