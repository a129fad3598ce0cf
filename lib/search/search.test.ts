import { describe, expect, it } from 'vitest';
import type { Customer } from '@/lib/customers/types';
import { matchesText, pageSize, parseSearch } from './query';
import { scanCustomers, type ScanEvent } from './scan';

describe('parseSearch', () => {
  it.each([
    ['', { kind: 'empty' }],
    ['   ', { kind: 'empty' }],
    ['fcus_01HACM7FZ1084XB1GB6053VM0D', { kind: 'id', id: 'fcus_01HACM7FZ1084XB1GB6053VM0D' }],
    [' fcus_01hacm7fz1084xb1gb6053vm0d ', { kind: 'id', id: 'fcus_01HACM7FZ1084XB1GB6053VM0D' }],
    ['fcus_123', { kind: 'bad_id', raw: 'fcus_123' }],
    ['Jane.Doe@Example.com', { kind: 'email', email: 'Jane.Doe@Example.com' }],
    ['Amélie  Dubois', { kind: 'text', text: 'Amélie  Dubois', tokens: ['amelie', 'dubois'] }],
    ['doe@', { kind: 'text', text: 'doe@', tokens: ['doe@'] }],
  ])('%j', (raw, expected) => {
    expect(parseSearch(raw)).toEqual(expected);
  });

  it('caps very long input', () => {
    const q = parseSearch('x'.repeat(10_000));
    expect(q.kind === 'text' && q.text.length).toBe(200);
  });
});

describe('matchesText', () => {
  const c = { first_name: 'Amélie', last_name: 'Dubois', email: 'amelie.dubois@example.com' };
  it('ignores case and accents, and needs every token', () => {
    expect(matchesText(c, ['amelie'])).toBe(true);
    expect(matchesText(c, ['AMÉLIE'.toLowerCase()])).toBe(false); // tokens arrive folded
    expect(matchesText(c, ['dub', 'ame'])).toBe(true);
    expect(matchesText(c, ['dubois', 'smith'])).toBe(false);
    expect(matchesText(c, ['example.com'])).toBe(true);
  });
});

describe('pageSize', () => {
  it('accepts 10, 25, 50, 100 and defaults to 25', () => {
    expect([pageSize('10'), pageSize('100'), pageSize('7'), pageSize(null), pageSize('abc')]).toEqual([
      10, 100, 25, 25, 25,
    ]);
  });
});

function fakeList(n: number) {
  const all = Array.from({ length: n }, (_, i) => ({
    customer_id: `fcus_${String(n - i).padStart(26, '0')}`,
    first_name: i % 10 === 0 ? 'Zoë' : 'Sam',
    last_name: 'X',
    email: `p${i}@example.com`,
  })) as unknown as Customer[];
  const calls: (string | undefined)[] = [];
  const fetchPage = async (after: string | undefined) => {
    calls.push(after);
    const start = after ? all.findIndex((c) => c.customer_id === after) + 1 : 0;
    return all.slice(start, start + 100);
  };
  return { fetchPage, calls };
}

async function collect(gen: AsyncGenerator<ScanEvent>) {
  const out: ScanEvent[] = [];
  for await (const e of gen) out.push(e);
  return out;
}

describe('scanCustomers', () => {
  it('finds every match in a short list and says the scan was complete', async () => {
    const { fetchPage, calls } = fakeList(250);
    const events = await collect(scanCustomers({ tokens: ['zoe'], fetchPage }));
    expect(events.filter((e) => e.type === 'match')).toHaveLength(25);
    expect(events.at(-1)).toEqual({ type: 'done', scanned: 250, complete: true, reason: 'end' });
    expect(calls).toHaveLength(3);
  });

  it('stops at the page cap and says how far it looked', async () => {
    const { fetchPage, calls } = fakeList(1000);
    const events = await collect(scanCustomers({ tokens: ['zoe'], fetchPage, maxPages: 3 }));
    expect(calls).toHaveLength(3);
    expect(events.at(-1)).toEqual({ type: 'done', scanned: 300, complete: false, reason: 'pages' });
  });

  it('stops at the time cap', async () => {
    const { fetchPage, calls } = fakeList(1000);
    let t = 0;
    const events = await collect(
      scanCustomers({ tokens: ['zoe'], fetchPage, maxMs: 250, now: () => (t += 100) }),
    );
    expect(events.at(-1)).toMatchObject({ type: 'done', complete: false, reason: 'time' });
    expect(calls.length).toBeLessThan(10);
  });

  it('stops at the match cap', async () => {
    const { fetchPage } = fakeList(1000);
    const events = await collect(scanCustomers({ tokens: ['sam'], fetchPage, maxMatches: 5 }));
    expect(events.filter((e) => e.type === 'match')).toHaveLength(5);
    expect(events.at(-1)).toMatchObject({ type: 'done', reason: 'matches' });
  });
});
