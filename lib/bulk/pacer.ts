// Pacing of Flex calls to its rate limit: calls are spaced evenly at the configured rate (no bursts, which a
// per-second limit would answer with 429s), with a 2% margin for timer jitter, and all wait out Retry-After
// when Flex answers 429 anyway.
export class Pacer {
  private readonly intervalMs: number;
  private nextAt = 0;

  constructor(perSecond: number) {
    this.intervalMs = (1000 / perSecond) * 1.02;
  }

  /** Waits for this call's slot. */
  async take(): Promise<void> {
    const now = Date.now();
    const at = Math.max(now, this.nextAt);
    this.nextAt = at + this.intervalMs;
    if (at > now) await sleep(at - now);
  }

  /** Flex said 429: nobody calls again before Retry-After. */
  backOff(seconds: number): void {
    this.nextAt = Math.max(this.nextAt, Date.now() + Math.max(1, seconds) * 1000);
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
