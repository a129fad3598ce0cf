// Legacy records: customers as Flex's older data holds them (old phone and address formats, nulls, absent and
// unknown fields, any-JSON metadata), seeded past today's validation; and the table of their kinds.
import { ulid } from 'ulid';
import { asciiLower, EMPLOYERS, FIRST, LAST, mulberry32, PHONE, pick, PLACES, type Place } from './seed-data';
import type { Mode, SandboxCustomer, SandboxShipping } from './store';

/** Each kind, as the README's table names it. A record may show several kinds. */
export const LEGACY_KIND_DESCRIPTIONS = {
  'invalid-phone':
    'E.164-shaped phone that is not a real number (`+15555555555`, `+15550001234`, `+447700900123`)',
  'non-e164-phone': 'phone in an old format (`(415) 555-0123`, `415.555.0199`, `0044 20 7946 0958`)',
  'lowercase-country': 'lower-case country code (`us`, `gb`)',
  'missing-state': 'US, CA or AU address with no state (`""` or no `state` key)',
  'postal-outside-pattern': 'postal code outside the country pattern (`9410`, `941071234`, `sw1a1aa`)',
  'empty-strings': '`""` in a contact field (first or last name, email, employer)',
  nulls: '`null` in a contact field, `metadata` or an address line',
  'missing-fields':
    'documented field absent (no `employer`, `phone`, `metadata`, `shipping`; no `line2`/`state`)',
  'extra-fields':
    'unknown fields (`legacy_source`, `preferred_language`; `shipping.address_type`), returned as held',
  'metadata-any-json': 'metadata values that are numbers, booleans, nulls, nested objects and arrays',
  'shipping-empty': '`shipping: {}` on a record that is legacy in other ways',
  'shipping-null': '`shipping: null`',
  'shipping-without-id': 'an address without `shipping_address_id`',
} as const;

export type LegacyKind = keyof typeof LEGACY_KIND_DESCRIPTIONS;
export type LegacyRecord = { customer: SandboxCustomer; kinds: readonly LegacyKind[] };

/** The reference's own example customer (FLEX_API.md), held as Flex holds it: its phone fails libphonenumber. */
export const REFERENCE_EMAIL = 'joh.doe@example.com';

type Recipe = {
  country: string;
  /** Fixes the place, so a recipe can hold the exact values the README quotes. */
  city?: string;
  kinds: readonly LegacyKind[];
  /** Turns a today-shaped record into a legacy one; `v` is the cycle, to vary values between copies. */
  apply: (c: SandboxCustomer, s: SandboxShipping, v: number) => void;
};

const at = <T>(list: readonly T[], v: number): T => list[v % list.length] as T;

// Every recipe's kinds are exactly what it does to a clean record; seed.test.ts detects them independently.
const RECIPES: readonly Recipe[] = [
  {
    country: 'US',
    kinds: ['invalid-phone', 'extra-fields'],
    apply: (c, _s, v) => {
      c.phone = at(['+15550001234', '+15551234567', '+11234567890'], v);
      c.legacy_source = 'import-2019';
    },
  },
  {
    country: 'US',
    kinds: ['non-e164-phone', 'missing-fields'],
    apply: (c, _s, v) => {
      c.phone = at(['(415) 555-0123', '415.555.0199', '+1 415-555-0142'], v);
      delete c.employer;
    },
  },
  {
    country: 'GB',
    kinds: ['non-e164-phone', 'lowercase-country'],
    apply: (c, s, v) => {
      c.phone = at(['0044 20 7946 0958', '020 7946 0321'], v);
      s.country = 'gb';
    },
  },
  {
    country: 'US',
    city: 'San Francisco',
    kinds: ['lowercase-country', 'postal-outside-pattern'],
    apply: (_c, s, v) => {
      s.country = 'us';
      s.postal_code = at(['941071234', '941070001', '941072210'], v); // ZIP+4 without its hyphen
    },
  },
  {
    country: 'US',
    kinds: ['missing-state', 'empty-strings'],
    apply: (c, s) => {
      s.state = '';
      c.employer = '';
    },
  },
  {
    country: 'CA',
    kinds: ['missing-state', 'non-e164-phone'],
    apply: (c, s, v) => {
      s.state = '';
      c.phone = at(['416.555.0199', '(604) 555-0123', '514 555 0142'], v);
    },
  },
  {
    country: 'AU',
    kinds: ['missing-state', 'missing-fields'],
    apply: (_c, s) => {
      delete s.line2;
      delete s.state;
    },
  },
  {
    country: 'US',
    city: 'San Francisco',
    kinds: ['postal-outside-pattern', 'nulls'],
    apply: (_c, s) => {
      s.postal_code = '9410'; // a ZIP that lost a digit
      s.line2 = null;
    },
  },
  {
    country: 'GB',
    city: 'London',
    kinds: ['postal-outside-pattern', 'metadata-any-json'],
    apply: (c, s, v) => {
      s.postal_code = 'sw1a1aa';
      c.metadata = { tier: 1 + v, vip: v % 2 === 0, notes: null };
    },
  },
  {
    country: 'US',
    kinds: ['nulls', 'extra-fields', 'shipping-empty'],
    apply: (c) => {
      c.first_name = null;
      c.phone = null;
      c.employer = null;
      c.legacy_source = 'import-2019';
      c.preferred_language = 'en';
      c.shipping = {};
    },
  },
  {
    country: 'DE',
    kinds: ['nulls', 'shipping-null'],
    apply: (c) => {
      c.last_name = null;
      c.metadata = null;
      c.shipping = null;
    },
  },
  {
    country: 'FR',
    kinds: ['missing-fields', 'empty-strings'],
    apply: (c) => {
      delete c.shipping;
      delete c.phone;
      delete c.metadata;
      c.last_name = '';
    },
  },
  {
    country: 'US',
    kinds: ['extra-fields', 'shipping-without-id'],
    apply: (c, s) => {
      delete s.shipping_address_id;
      s.address_type = 'residential';
      c.preferred_language = 'en';
    },
  },
  {
    country: 'GB',
    kinds: ['metadata-any-json', 'invalid-phone'],
    apply: (c, _s, v) => {
      c.phone = '+447700900123';
      c.metadata = {
        order_id: 8842 + v,
        vip: true,
        referral: null,
        source: { campaign: 'spring-2019', clicks: 14 + v, utm: { medium: 'email' } },
        tags: ['hsa', 'imported', 3],
      };
    },
  },
  {
    country: 'NL',
    kinds: ['empty-strings', 'missing-fields'],
    apply: (c) => {
      c.first_name = '';
      c.email = '';
      delete c.last_name;
    },
  },
];

// Live mode gets a few, one of each broad family.
const LIVE_RECIPES = [0, 2, 6, 9, 13] as const;
export const LEGACY_COUNTS = { test: 48, live: LIVE_RECIPES.length } as const;

// Older than every record of today's seed (which starts in November 2024), as imported data would be.
const LEGACY_START = Date.UTC(2019, 0, 15);
const LEGACY_SPAN = Date.UTC(2024, 9, 1) - LEGACY_START;
const REFERENCE_TIME = Date.UTC(2019, 5, 15, 14, 30); // the reference's created_at, years earlier

const iso = (time: number) => new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');

function todayShaped(r: () => number, mode: Mode, time: number, n: number, place: Place, country: string) {
  const first = pick(r, FIRST);
  const last = pick(r, LAST);
  const customer: SandboxCustomer = {
    customer_id: `fcus_${ulid(time, r)}`,
    first_name: first,
    last_name: last,
    email: `${asciiLower(first)}.${asciiLower(last)}.l${n}@example.com`,
    phone: (PHONE[country] as (r: () => number) => string)(r),
    employer: pick(r, EMPLOYERS.filter(Boolean)),
    shipping: {
      shipping_address_id: `fsh_${ulid(time, r)}`,
      line1: `${1 + Math.floor(r() * 480)} ${pick(r, place.streets)}`,
      line2: '',
      city: place.city,
      state: place.state,
      postal_code: place.postal,
      country,
    },
    metadata: n % 2 === 0 ? { legacy_id: `L-${String(1000 + n)}` } : {},
    created_at: iso(time),
    test_mode: mode === 'test',
  };
  return customer;
}

function referenceCustomer(r: () => number, mode: Mode): LegacyRecord {
  return {
    kinds: ['invalid-phone'],
    customer: {
      customer_id: `fcus_${ulid(REFERENCE_TIME, r)}`,
      first_name: 'John',
      last_name: 'Doe',
      email: REFERENCE_EMAIL,
      phone: '+15555555555',
      employer: 'Flex',
      shipping: {
        shipping_address_id: 'fsh_01J9XR8M3K7VZ8N2YB4WJ6T0RA',
        line1: '123 Main St',
        line2: 'Suite 100',
        city: 'San Francisco',
        state: 'CA',
        postal_code: '94107',
        country: 'US',
      },
      metadata: { order_id: '8842', channel: 'shopify' },
      created_at: iso(REFERENCE_TIME),
      test_mode: mode === 'test',
    },
  };
}

/** The legacy records of one mode, oldest first, with the kinds each shows. Deterministic. */
export function legacyCustomers(mode: Mode): LegacyRecord[] {
  const r = mulberry32(mode === 'test' ? 20190115 : 19990101);
  const count = LEGACY_COUNTS[mode];
  const out: LegacyRecord[] = [];
  // The reference customer lives in test mode, where the e2e journeys and the demo look for it.
  const first = mode === 'test' ? 1 : 0;
  if (mode === 'test') out.push(referenceCustomer(r, mode));
  for (let n = first; n < count; n++) {
    const k = n - first;
    const recipe = (
      mode === 'test' ? RECIPES[k % RECIPES.length] : RECIPES[LIVE_RECIPES[k] as number]
    ) as Recipe;
    const cycle = Math.floor(k / RECIPES.length);
    const time = LEGACY_START + Math.floor(((n + r() * 0.9) / count) * LEGACY_SPAN);
    const places = PLACES[recipe.country] as Place[];
    const place = places.find((p) => p.city === recipe.city) ?? pick(r, places);
    const customer = todayShaped(r, mode, time, n, place, recipe.country);
    recipe.apply(customer, customer.shipping as SandboxShipping, cycle);
    out.push({ customer, kinds: recipe.kinds });
  }
  return out.sort((a, b) => a.customer.created_at.localeCompare(b.customer.created_at));
}

export type LegacyKindRow = { kind: LegacyKind; description: string; test: number; live: number };

/** Kinds → number of records showing each, per mode: the README's table, checked by seed.test.ts. */
export const LEGACY_KINDS: readonly LegacyKindRow[] = (() => {
  const tally = (mode: Mode, kind: LegacyKind) =>
    legacyCustomers(mode).filter((x) => x.kinds.includes(kind)).length;
  return (Object.keys(LEGACY_KIND_DESCRIPTIONS) as LegacyKind[]).map((kind) => ({
    kind,
    description: LEGACY_KIND_DESCRIPTIONS[kind],
    test: tally('test', kind),
    live: tally('live', kind),
  }));
})();
