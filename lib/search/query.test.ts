import { describe, expect, it } from 'vitest';
import { pageSize, parseSearch } from './query';

describe('parseSearch', () => {
  it.each([
    ['', { kind: 'empty' }],
    ['   ', { kind: 'empty' }],
    ['fcus_01HACM7FZ1084XB1GB6053VM0D', { kind: 'id', id: 'fcus_01HACM7FZ1084XB1GB6053VM0D' }],
    [' fcus_01hacm7fz1084xb1gb6053vm0d ', { kind: 'id', id: 'fcus_01HACM7FZ1084XB1GB6053VM0D' }],
    ['fcus_123', { kind: 'bad_id', raw: 'fcus_123' }],
    ['Jane.Doe@Example.com', { kind: 'email', email: 'Jane.Doe@Example.com' }],
    ['Amélie  Dubois', { kind: 'text', text: 'Amélie  Dubois' }],
    ['doe@', { kind: 'text', text: 'doe@' }],
  ])('%j', (raw, expected) => {
    expect(parseSearch(raw)).toEqual(expected);
  });

  it('caps very long input', () => {
    const q = parseSearch('x'.repeat(10_000));
    expect(q.kind === 'text' && q.text.length).toBe(200);
  });
});

describe('pageSize', () => {
  it('accepts 10, 25, 50, 100 and defaults to 25', () => {
    expect([pageSize('10'), pageSize('100'), pageSize('7'), pageSize(null), pageSize('abc')]).toEqual([
      10, 100, 25, 25, 25,
    ]);
  });
});
