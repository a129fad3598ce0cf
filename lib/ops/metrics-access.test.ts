import { afterEach, describe, expect, it } from 'vitest';
import { markCustomServer, SOCKET_ADDRESS_HEADER } from '@/lib/http/socket-address';
import { metricsAllowed } from './metrics-access';

const g = globalThis as unknown as { __deskCustomServer?: boolean };
const h = (o: Record<string, string>) => new Headers(o);
const TOKEN = 'a-metrics-token-of-some-length';

afterEach(() => delete g.__deskCustomServer);

describe('who may read /metrics', () => {
  it('from this machine, by the socket address the custom server wrote', () => {
    markCustomServer();
    expect(metricsAllowed(h({ [SOCKET_ADDRESS_HEADER]: '127.0.0.1' }), null)).toBe(true);
    expect(metricsAllowed(h({ [SOCKET_ADDRESS_HEADER]: '::1' }), null)).toBe(true);
    expect(metricsAllowed(h({ [SOCKET_ADDRESS_HEADER]: '::ffff:127.0.0.1' }), null)).toBe(true);
    expect(metricsAllowed(h({ [SOCKET_ADDRESS_HEADER]: '192.0.2.7' }), null)).toBe(false);
  });

  it('never by X-Forwarded-For or X-Real-IP', () => {
    markCustomServer();
    const forged = { 'x-forwarded-for': '127.0.0.1', 'x-real-ip': '127.0.0.1' };
    expect(metricsAllowed(h({ ...forged, [SOCKET_ADDRESS_HEADER]: '192.0.2.7' }), null)).toBe(false);
    expect(metricsAllowed(h(forged), null)).toBe(false);
  });

  it('not by the socket header when no custom server wrote it (plain `next start`: a client could send it)', () => {
    expect(metricsAllowed(h({ [SOCKET_ADDRESS_HEADER]: '127.0.0.1' }), null)).toBe(false);
  });

  it('from anywhere with the METRICS_TOKEN bearer token, and only the exact token', () => {
    markCustomServer();
    const far = { [SOCKET_ADDRESS_HEADER]: '192.0.2.7' };
    expect(metricsAllowed(h({ ...far, authorization: `Bearer ${TOKEN}` }), TOKEN)).toBe(true);
    expect(metricsAllowed(h({ ...far, authorization: `bearer ${TOKEN}` }), TOKEN)).toBe(true);
    expect(metricsAllowed(h({ ...far, authorization: `Bearer ${TOKEN}x` }), TOKEN)).toBe(false);
    expect(metricsAllowed(h({ ...far, authorization: `Bearer ${TOKEN.slice(1)}` }), TOKEN)).toBe(false);
    expect(metricsAllowed(h({ ...far, authorization: TOKEN }), TOKEN)).toBe(false);
    expect(metricsAllowed(h({ ...far, authorization: 'Bearer ' }), TOKEN)).toBe(false);
    // No token configured: a bearer header opens nothing.
    expect(metricsAllowed(h({ ...far, authorization: `Bearer ${TOKEN}` }), null)).toBe(false);
  });
});
