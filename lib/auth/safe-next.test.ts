import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KNOWN_NEXT, hostileNext, staysOn } from '@/test/hostile';
import { safeNext } from './safe-next';

const ORIGINS = ['http://localhost:3000', 'https://desk.example.com'];

describe('safeNext', () => {
  it('keeps ordinary paths of this app with their query', () => {
    expect(safeNext('/customers/fcus_01HACM7FZ1084XB1GB6053VM0D')).toBe(
      '/customers/fcus_01HACM7FZ1084XB1GB6053VM0D',
    );
    expect(safeNext('/audit?actor=a%40b.c&page=2')).toBe('/audit?actor=a%40b.c&page=2');
    expect(safeNext('/bulk/../staff')).toBe('/staff');
  });

  it("sends the review's reproductions to /", () => {
    for (const n of KNOWN_NEXT) expect(safeNext(n), JSON.stringify(n)).toBe('/');
  });

  it('any generated input gives a path that stays on the app, whatever the origin, and is stable', () => {
    fc.assert(
      fc.property(hostileNext, (next) => {
        const out = safeNext(next);
        expect(out.startsWith('/')).toBe(true);
        expect(out.startsWith('//') || out.startsWith('/\\')).toBe(false);
        expect(/[\t\n\r]/.test(out)).toBe(false);
        for (const origin of ORIGINS) expect(staysOn(origin, out)).toBe(true);
        // What a caller stores and later redirects to passes again unchanged (the SSO callback re-resolves it).
        expect(safeNext(out)).toBe(out);
      }),
      { numRuns: 5000 },
    );
  });
});
