// This process's life: whether it is draining (readiness fails first), and the shutdown hooks that background
// workers register so a stopping server hands its work back at once instead of leaving leases to expire.
// The state sits on globalThis because two copies of this module run in one app server: the custom server's
// (scripts/serve.ts, loaded by tsx) and the Next bundle's (instrumentation, route handlers). No 'server-only'
// marker for the same reason: the custom server runs outside React's server condition.

/** A server's whole stop, from the signal to its exit (the bound is 10 s; supervisors wait that). */
export const STOP_MS = 9_500;

export type ShutdownPhase = 'work' | 'close';
type Hook = { name: string; phase: ShutdownPhase; fn: () => Promise<void> | void };
type State = {
  draining: boolean;
  hooks: Map<string, Hook>;
  stopping: Promise<ShutdownReport> | null;
  /** Work a request left running after its answer. */
  kept: Set<Promise<void>>;
};
export type ShutdownReport = { name: string; ms: number; error?: string; timedOut?: boolean }[];

const g = globalThis as unknown as { __deskLifecycle?: State };
const fresh = (): State => ({ draining: false, hooks: new Map(), stopping: null, kept: new Set() });
const state = (): State => (g.__deskLifecycle ??= fresh());

/**
 * Registers what to do when this server stops. `work` hooks (the bulk worker, the sync worker) run first and
 * together: stop taking work, finish what is in flight, hand leases back. `close` hooks (the database pool)
 * run after every `work` hook and every in-flight request is done. A name registered again replaces the old
 * hook (a module reloaded by `next dev` registers itself again).
 */
export function onShutdown(
  name: string,
  fn: () => Promise<void> | void,
  phase: ShutdownPhase = 'work',
): void {
  state().hooks.set(name, { name, phase, fn });
}

/**
 * Work a request leaves running after its answer went out (a save's completion row and index write, under
 * the customer's lock): a stopping server waits for it, with its in-flight requests, before the pool closes.
 */
export function keepUntilDone(work: Promise<unknown>): void {
  const s = state();
  const kept: Promise<void> = work.then(
    () => undefined,
    () => undefined, // its owner reports a failure; here it only has to end
  );
  s.kept.add(kept);
  void kept.finally(() => s.kept.delete(kept));
}

/** Settles when the work kept so far has ended (a stop, and tests that count what a save did). */
export async function keptWorkDone(): Promise<void> {
  while (state().kept.size > 0) await Promise.all([...state().kept]);
}

/** True once the server has begun to stop: /readyz answers 503 and new background work is not taken. */
export function isDraining(): boolean {
  return state().draining;
}

export function beginDrain(): void {
  state().draining = true;
}

async function runPhase(phase: ShutdownPhase, deadline: number): Promise<ShutdownReport> {
  const hooks = [...state().hooks.values()].filter((h) => h.phase === phase);
  return Promise.all(
    hooks.map(async (h): Promise<ShutdownReport[number]> => {
      const started = Date.now();
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), Math.max(0, deadline - Date.now()));
      });
      try {
        const r = await Promise.race([Promise.resolve().then(h.fn), timeout]);
        return { name: h.name, ms: Date.now() - started, ...(r === 'timeout' ? { timedOut: true } : {}) };
      } catch (e) {
        return { name: h.name, ms: Date.now() - started, error: e instanceof Error ? e.message : String(e) };
      } finally {
        clearTimeout(timer);
      }
    }),
  );
}

/**
 * Drains and runs every hook: `work` hooks together with `requestsDone` (the HTTP server's in-flight
 * requests) followed by the work they left running (`keepUntilDone`), then `close` hooks. Each phase is cut
 * off at its deadline so the process always exits in time.
 * Calling it again returns the same run.
 */
export function shutdown(opts: {
  requestsDone?: Promise<void>;
  workMs: number;
  closeMs: number;
}): Promise<ShutdownReport> {
  const s = state();
  s.draining = true;
  s.stopping ??= (async () => {
    const workDeadline = Date.now() + opts.workMs;
    const [work] = await Promise.all([
      runPhase('work', workDeadline),
      Promise.race([(opts.requestsDone ?? Promise.resolve()).then(keptWorkDone), sleepUntil(workDeadline)]),
    ]);
    const close = await runPhase('close', Date.now() + opts.closeMs);
    return [...work, ...close];
  })();
  return s.stopping;
}

function sleepUntil(t: number): Promise<void> {
  return new Promise((r) => setTimeout(r, Math.max(0, t - Date.now())).unref());
}

/** For tests: forget hooks and the draining flag. */
export function resetLifecycle(): void {
  g.__deskLifecycle = fresh();
}
