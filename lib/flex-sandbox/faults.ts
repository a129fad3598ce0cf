// Fault injection for tests: which upstream misbehaviour to play for which request.
// Reached only through the sandbox's admin routes (behind their own secret) or in-process.
import { z } from 'zod';

export const faultSchema = z.strictObject({
  method: z.string().toUpperCase().optional(),
  /** Matches when the request path starts with this. */
  path: z.string().optional(),
  kind: z.enum(['latency', 'status', 'reset', 'malformed', 'html', 'slow']),
  /** latency: delay; slow: time over which the body trickles out. */
  ms: z.number().int().min(0).max(120_000).optional(),
  /** status, html: the status to answer with. */
  status: z.number().int().min(400).max(599).optional(),
  /** status: the error's param and message (to play a validation error). */
  param: z.string().max(100).optional(),
  message: z.string().max(300).optional(),
  /** Seconds for Retry-After (with status 429 or 503). */
  retryAfter: z.number().int().min(0).max(3600).optional(),
  /** 'after': the request is carried out first, then the fault plays (a reset after a PATCH was applied). */
  phase: z.enum(['before', 'after']).default('before'),
  /** How many matching requests it affects; unlimited when absent. */
  times: z.number().int().min(1).optional(),
});

export type FaultInput = z.input<typeof faultSchema>;
export type Fault = z.output<typeof faultSchema> & { remaining: number };

export class FaultBook {
  private faults: Fault[] = [];
  latencyMs = 0;

  set(list: FaultInput[]): void {
    this.faults = list.map((f) => {
      const parsed = faultSchema.parse(f);
      return { ...parsed, remaining: parsed.times ?? Number.POSITIVE_INFINITY };
    });
  }

  add(f: FaultInput): void {
    const parsed = faultSchema.parse(f);
    this.faults.push({ ...parsed, remaining: parsed.times ?? Number.POSITIVE_INFINITY });
  }

  clear(): void {
    this.faults = [];
    this.latencyMs = 0;
  }

  /** The first fault matching this request, consuming one of its uses. */
  take(method: string, path: string): Fault | undefined {
    const f = this.faults.find(
      (x) => x.remaining > 0 && (!x.method || x.method === method) && (!x.path || path.startsWith(x.path)),
    );
    if (f) f.remaining -= 1;
    return f;
  }

  list(): Fault[] {
    return this.faults.map((f) => ({ ...f }));
  }
}
