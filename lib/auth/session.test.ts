import { describe, expect, it } from 'vitest';
import { sessionExpired } from './session';
import { delayFor, FREE_FAILURES } from './throttle';

const limits = { idleMs: 8 * 3600_000, absoluteMs: 24 * 3600_000 };
const t0 = Date.parse('2026-01-01T00:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

describe('session expiry', () => {
  it('keeps an active session', () => {
    expect(
      sessionExpired({ createdAt: iso(t0), lastSeenAt: iso(t0 + 3600_000) }, t0 + 2 * 3600_000, limits),
    ).toBe(false);
  });
  it('ends a session idle for more than 8 h', () => {
    expect(sessionExpired({ createdAt: iso(t0), lastSeenAt: iso(t0) }, t0 + 8 * 3600_000 + 1, limits)).toBe(
      true,
    );
  });
  it('ends any session after 24 h, however active', () => {
    expect(
      sessionExpired(
        { createdAt: iso(t0), lastSeenAt: iso(t0 + 24 * 3600_000 - 60_000) },
        t0 + 24 * 3600_000 + 1,
        limits,
      ),
    ).toBe(true);
  });
});

describe('sign-in throttle', () => {
  it('allows the first failures, then doubles the delay up to the cap', () => {
    expect(Array.from({ length: FREE_FAILURES }, (_, i) => delayFor(i, 300_000))).toEqual([0, 0, 0, 0, 0]);
    expect(delayFor(5, 300_000)).toBe(1000);
    expect(delayFor(6, 300_000)).toBe(2000);
    expect(delayFor(9, 300_000)).toBe(16_000);
    expect(delayFor(100, 300_000)).toBe(300_000);
  });
});
