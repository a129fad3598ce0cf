// Deterministic seed data: the same customers, ids and times for every fresh DATA_DIR. Today's records are made
// here; the legacy ones (legacy-seed.ts) take the place of the oldest of them.
import { ulid } from 'ulid';
import { legacyCustomers } from './legacy-seed';
import { asciiLower, EMPLOYERS, FIRST, LAST, mulberry32, PHONE, pick, PLACES, type Place } from './seed-data';
import type { Mode, SandboxCustomer, SeedRecord } from './store';

function metadataFor(r: () => number, i: number): NonNullable<SandboxCustomer['metadata']> {
  switch (i % 7) {
    case 1:
      return { order_id: String(8000 + i), channel: pick(r, ['shopify', 'woocommerce', 'api']) };
    case 3:
      return { plan: pick(r, ['hsa', 'fsa']), tier: 1 + Math.floor(r() * 3), vip: r() > 0.5 };
    case 5:
      return {
        tags: ['priority', 'reimbursement'],
        referral: null,
        source: { campaign: 'spring', clicks: i },
      };
    default:
      return {};
  }
}

const SEED_START = Date.UTC(2024, 10, 1); // 1 Nov 2024
const SEED_SPAN = 730 * 24 * 3600 * 1000; // two years

/** Today-shaped records: every documented field present, values today's API and the app both accept. */
export function seedCustomers(mode: Mode, count: number): SandboxCustomer[] {
  const r = mulberry32(mode === 'test' ? 20241101 : 19700101);
  const countries = Object.keys(PLACES);
  const out: SandboxCustomer[] = [];
  for (let i = 0; i < count; i++) {
    const time = SEED_START + Math.floor(((i + r() * 0.9) / count) * SEED_SPAN);
    const first = pick(r, FIRST);
    const last = pick(r, LAST);
    const country = countries[i % countries.length] as string;
    const place = pick(r, PLACES[country] as Place[]);
    const hasAddress = i % 10 !== 4;
    const domain = pick(r, ['example.com', 'example.org', 'mail.example.net']);
    const email = `${asciiLower(first)}.${asciiLower(last)}${i}@${domain}`;
    const line2 = r() < 0.3 ? pick(r, ['Suite 100', 'Apt 4B', 'Floor 2', 'Unit 7']) : '';
    out.push({
      customer_id: `fcus_${ulid(time, r)}`,
      first_name: first,
      last_name: last,
      email,
      phone: i % 13 === 6 ? null : (PHONE[country] as (r: () => number) => string)(r),
      employer: pick(r, EMPLOYERS) || null,
      shipping: hasAddress
        ? {
            shipping_address_id: `fsh_${ulid(time, r)}`,
            line1: `${1 + Math.floor(r() * 480)} ${pick(r, place.streets)}`,
            line2,
            city: place.city,
            state: place.state,
            postal_code: place.postal,
            country,
          }
        : {},
      metadata: metadataFor(r, i),
      created_at: new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      test_mode: mode === 'test',
    });
  }
  return out;
}

/** Customers per mode after a (re)seed, legacy records included. */
export const SEED_COUNTS = { test: 240, live: 30 } as const;

/** Everything a fresh store holds for one mode: today's records and the legacy ones. */
export function seedRecords(mode: Mode, count: number = SEED_COUNTS[mode]): SeedRecord[] {
  const legacy = legacyCustomers(mode);
  // The legacy records replace the oldest of today's, so the newest records (the finder's first pages, the ones
  // e2e journeys pick) keep the ids and values they had before legacy records existed.
  const today = seedCustomers(mode, Math.max(count, legacy.length)).slice(legacy.length);
  return [
    ...today.map((customer) => ({ mode, customer, legacy: false })),
    ...legacy.map(({ customer }) => ({ mode, customer, legacy: true })),
  ];
}
