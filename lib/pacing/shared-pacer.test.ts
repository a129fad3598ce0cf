// The pacer shared through PostgreSQL: two "servers" (two pacers, two pools) taking slots at once stay
// within the one rate together; a 429's back-off holds both.
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@/lib/db/database';
import { db as getDb } from '@/lib/db/database';
import { SharedPacer } from './shared-pacer';

const other = openDatabase(process.env.DATABASE_URL!);
afterAll(async () => {
  await other.destroy();
});

describe('SharedPacer', () => {
  it('two servers taking at once keep to the one rate between them', async () => {
    await getDb(); // migrated
    const lane = [{ name: 'shared-test', perSecond: 20 }];
    const a = new SharedPacer(lane);
    const b = new SharedPacer(lane, other);
    const times: number[] = [];
    const take = async (p: SharedPacer) => {
      for (let i = 0; i < 10; i++) {
        await p.take();
        times.push(Date.now());
      }
    };
    const started = Date.now();
    await Promise.all([take(a), take(b), take(a), take(b)]);
    times.sort((x, y) => x - y);
    // 40 slots at 20/s: the last is ~2 s after the first, never sooner (each slot is 51 ms apart).
    expect(times.at(-1)! - started).toBeGreaterThanOrEqual(39 * 50);
    // No window of one second holds more than 20 (plus the first, which starts at once).
    for (let i = 0; i < times.length; i++)
      expect(times.filter((t) => t >= times[i]! && t < times[i]! + 1000).length).toBeLessThanOrEqual(21);
  });

  it('a back-off on one server holds the other for Retry-After', async () => {
    const lane = [{ name: 'flex', perSecond: 1000 }];
    const a = new SharedPacer(lane);
    const b = new SharedPacer(lane, other);
    await a.holdUntil(1);
    const started = Date.now();
    await b.take();
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });
});
