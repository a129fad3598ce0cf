// What a search string can mean, worked out once before any SQL: a customer id, an email, a phone as
// people say it, a postal code, a metadata `key:value`, and words of a name or city. Pure: no I/O.
import { getCountries, getCountryCallingCode } from 'libphonenumber-js/min';
import { isCustomerId } from '@/lib/customers/types';
import { phoneDigits, postalNorm } from './index-row';

export const MAX_QUERY = 200;
export const MIN_PARTIAL = 3;
const MAX_TOKENS = 6;

export type SearchPlan = {
  /** The query as searched: trimmed, inner runs of spaces kept, cut to MAX_QUERY characters. */
  text: string;
  truncated: boolean;
  /** Under MIN_PARTIAL characters: only exact and prefix matches are tried. */
  short: boolean;
  id?: string;
  /** Lower case, when the whole query is shaped like an email. */
  email?: string;
  /** Lower case, for a match anywhere in the email (one word of 3+ characters). */
  emailPart?: string;
  /** Digit strings a phone may hold: the national number as said, without trunk or country prefixes. */
  phones: string[];
  postal?: string;
  meta?: { key: string; value: string };
  /** For a match anywhere in the metadata values. */
  metaPart?: string;
  /** Words to find in names and city (folded by the database, which folds the index the same way). */
  words: string[];
  /** Whether a misspelling fallback makes sense (letters, not an email, id or key:value). */
  typo: boolean;
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONEISH = /^[+\d\s().\-/]+$/;
const KEY_VALUE = /^([A-Za-z0-9_.-]{1,64})\s*:\s*(\S.*)$/;
const CALLING_CODES = new Set(getCountries().map((c) => String(getCountryCallingCode(c))));

/** The digit strings a spoken or typed phone may be stored as (national number digits, lib/search/index-row). */
export function phoneCandidates(q: string): string[] {
  const digits = q.replace(/\D/g, '');
  if (digits === '') return [];
  const out = new Set<string>([phoneDigits(q)]);
  const international = /^\s*(\+|00)/.test(q);
  if (international) {
    const rest = q.trim().startsWith('+') ? digits : digits.slice(2);
    // Calling codes are prefix-free: at most one of 1, 2 or 3 leading digits is one.
    for (const len of [1, 2, 3]) {
      if (CALLING_CODES.has(rest.slice(0, len))) {
        const national = rest.slice(len);
        out.add(national.startsWith('0') ? national.slice(1) : national); // "+44 (0)20 …"
        break;
      }
    }
  } else {
    out.add(digits);
    if (digits.startsWith('0')) out.add(digits.slice(1)); // a national trunk prefix: "020 7946 0958"
    if (digits.length === 11 && digits.startsWith('1')) out.add(digits.slice(1)); // "1 415 555 0123"
  }
  return [...out].filter((d) => d !== '');
}

export function interpret(raw: string | null | undefined): SearchPlan {
  const full = (raw ?? '').trim();
  const text = full.slice(0, MAX_QUERY).trim();
  const short = text.length < MIN_PARTIAL;
  const plan: SearchPlan = {
    text,
    truncated: full.length > MAX_QUERY,
    short,
    phones: [],
    words: [],
    typo: false,
  };
  if (text === '') return plan;

  if (/^fcus_/i.test(text)) {
    const id = `fcus_${text.slice(5).toUpperCase()}`;
    if (isCustomerId(id)) return { ...plan, id };
  }
  const lower = text.toLowerCase();
  const oneWord = !/\s/.test(text);
  if (EMAIL.test(text)) plan.email = lower;
  if (oneWord && text.length >= MIN_PARTIAL) plan.emailPart = lower;
  if (short && oneWord) plan.emailPart = undefined;

  const hasLetter = /\p{L}/u.test(text);
  const hasDigit = /\d/.test(text);
  if (PHONEISH.test(text) && hasDigit) plan.phones = phoneCandidates(text);

  const compact = postalNorm(text);
  if (hasDigit && /^[A-Z0-9]{2,10}$/.test(compact) && text.length <= 12) plan.postal = compact;

  const kv = plan.email ? null : KEY_VALUE.exec(text);
  if (kv) plan.meta = { key: kv[1]!, value: kv[2]!.trim() };
  if (!short) plan.metaPart = kv ? kv[2]!.trim().toLowerCase() : lower;

  if (hasLetter && !plan.email && !kv)
    plan.words = text
      .split(/\s+/)
      .filter((w) => /\p{L}/u.test(w))
      .slice(0, MAX_TOKENS);
  // Names hold no digits: "sw1a 1aa" with few hits is a postal code, not a misspelt name.
  plan.typo = !short && !hasDigit && plan.words.some((w) => w.length >= MIN_PARTIAL);
  return plan;
}

/** A LIKE pattern's literal part: `%`, `_` and the escape character `\` lose their meaning. */
export function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
