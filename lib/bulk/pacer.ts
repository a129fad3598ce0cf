// Pacing of Flex calls to its rate limit: a token bucket at the configured rate (no bursts beyond one
// second's worth), and a pause for Retry-After when Flex answers 429 anyway.
export class Pacer {
  private tokens: number;
  private last = Date.now();
  private pausedUntil = 0;

  constructor(private readonly perSecond: number) {
    this.tokens = Math.min(perSecond, 1);
  }

  private refill(now: number) {
    this.tokens = Math.min(this.perSecond, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
  }

  /** Waits for a token. */
  async take(): Promise<void> {
    for (;;) {
      const now = Date.now();
      if (now < this.pausedUntil) {
        await sleep(this.pausedUntil - now);
        continue;
      }
      this.refill(now);
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await sleep(Math.ceil(((1 - this.tokens) / this.perSecond) * 1000));
    }
  }

  /** Flex said 429: nobody calls again before Retry-After, and the bucket starts empty after it. */
  backOff(seconds: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, Date.now() + Math.max(1, seconds) * 1000);
    this.tokens = 0;
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
