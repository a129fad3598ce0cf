import { afterEach, describe, expect, it } from 'vitest';
import {
  beginDrain,
  isDraining,
  keepUntilDone,
  keptWorkDone,
  onShutdown,
  resetLifecycle,
  shutdown,
} from './lifecycle';

afterEach(() => resetLifecycle());

describe('lifecycle', () => {
  it('drains first, runs work hooks with the in-flight requests, then close hooks', async () => {
    const order: string[] = [];
    let releaseRequests!: () => void;
    const requestsDone = new Promise<void>((r) => (releaseRequests = r));
    onShutdown('pool', () => void order.push(`pool (draining: ${isDraining()})`), 'close');
    onShutdown('bulk', async () => {
      order.push('bulk starts');
      await new Promise((r) => setTimeout(r, 20));
      order.push('bulk handed back');
    });
    onShutdown('sync', () => void order.push('sync handed back'));
    const stopping = shutdown({ requestsDone, workMs: 2000, closeMs: 500 });
    expect(isDraining()).toBe(true);
    await new Promise((r) => setTimeout(r, 50));
    order.push('requests done');
    releaseRequests();
    const report = await stopping;
    expect(order).toEqual([
      'bulk starts',
      'sync handed back',
      'bulk handed back',
      'requests done',
      'pool (draining: true)',
    ]);
    expect(report.map((r) => r.name)).toEqual(['bulk', 'sync', 'pool']);
    expect(shutdown({ workMs: 1, closeMs: 1 })).toBe(stopping); // once only
  });

  it('waits for work a request left running after its answer before the close hooks (a failure too)', async () => {
    const order: string[] = [];
    onShutdown('pool', () => void order.push('pool closed'), 'close');
    const later = (ms: number, what: string, fail = false) =>
      new Promise<void>((resolve, reject) =>
        setTimeout(() => {
          order.push(what);
          if (fail) reject(new Error(what));
          else resolve();
        }, ms),
      );
    keepUntilDone(later(60, 'completion written'));
    keepUntilDone(later(30, 'index write failed', true));
    await shutdown({ requestsDone: Promise.resolve(), workMs: 2000, closeMs: 500 });
    expect(order).toEqual(['index write failed', 'completion written', 'pool closed']);
    await keptWorkDone(); // nothing left: settles at once
  });

  it('cuts a hook off at its deadline and reports it, and a failing hook does not stop the others', async () => {
    onShutdown('stuck', () => new Promise(() => {}));
    onShutdown('broken', () => {
      throw new Error('lease table gone');
    });
    let closed = false;
    onShutdown('pool', () => void (closed = true), 'close');
    const report = await shutdown({ workMs: 50, closeMs: 50 });
    expect(report.find((r) => r.name === 'stuck')).toMatchObject({ timedOut: true });
    expect(report.find((r) => r.name === 'broken')).toMatchObject({ error: 'lease table gone' });
    expect(closed).toBe(true);
  });

  it('a hook registered again under its name replaces the old one (next dev reloads modules)', async () => {
    const calls: string[] = [];
    onShutdown('bulk', () => void calls.push('old'));
    onShutdown('bulk', () => void calls.push('new'));
    beginDrain();
    await shutdown({ workMs: 100, closeMs: 100 });
    expect(calls).toEqual(['new']);
  });
});
