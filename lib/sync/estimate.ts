// How many customers Flex holds, for the first backfill's progress bar and ETA. Flex's list has no count,
// so this probes single rows by `offset` (only to count: the walk itself never pages by offset), doubling
// and then halving: about 2·log₂(n) paced requests, exact to 1%. Null when Flex refuses the probes.
import 'server-only';
import { FlexError } from '@/lib/flex/errors';
import type { SyncDeps } from './walk';

const MAX_OFFSET = 1_000_000;

export async function estimateTotal(deps: Pick<SyncDeps, 'flex' | 'pacer'>): Promise<number | null> {
  const exists = async (offset: number): Promise<boolean> => {
    await deps.pacer.take();
    return (await deps.flex.listCustomers({ limit: 1, offset })).length > 0;
  };
  try {
    if (!(await exists(0))) return 0;
    let lo = 0; // a row exists at lo
    let hi = 100;
    while (hi <= MAX_OFFSET && (await exists(hi))) {
      lo = hi;
      hi *= 4;
    }
    if (hi > MAX_OFFSET) return null;
    while (hi - lo > Math.max(1, Math.floor(lo / 100))) {
      const mid = Math.floor((lo + hi) / 2);
      if (await exists(mid)) lo = mid;
      else hi = mid;
    }
    return lo + 1;
  } catch (e) {
    if (e instanceof FlexError && e.status === 429) deps.pacer.backOff(e.retryAfter ?? 1);
    return null;
  }
}
