import { describe, expect, it } from 'vitest';
import { Pacer } from './pacer';

describe('Pacer', () => {
  it('never lets through more than the configured rate (how close it gets is for npm run bench)', async () => {
    const p = new Pacer(50);
    const t0 = Date.now();
    for (let i = 0; i < 50; i++) await p.take();
    const s = (Date.now() - t0) / 1000;
    // 50 calls at 50/s take at least 49/50 of a second (the first token is there at once).
    expect(s).toBeGreaterThan(0.9);
  });

  it('waits out a Retry-After', async () => {
    const p = new Pacer(1000);
    p.backOff(1);
    const t0 = Date.now();
    await p.take();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(950);
  });
});
