import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { PEER_HEADER, stampPeer } from '@/lib/net/peer';
import { metricsAllowed } from './metrics-access';

const TOKEN = 'a-metrics-token-of-some-length';

/** The headers Next sees for a request from `address`, stamped as the server stamps them. */
function from(address: string, extra: Record<string, string> = {}): Headers {
  const req = { socket: { remoteAddress: address }, headers: { ...extra } } as unknown as IncomingMessage;
  stampPeer(req);
  return new Headers(req.headers as Record<string, string>);
}

describe('who may read /metrics', () => {
  it('from this machine, by the socket address the server stamped', () => {
    expect(metricsAllowed(from('127.0.0.1'), null)).toBe(true);
    expect(metricsAllowed(from('::1'), null)).toBe(true);
    expect(metricsAllowed(from('::ffff:127.0.0.1'), null)).toBe(true);
    expect(metricsAllowed(from('192.0.2.7'), null)).toBe(false);
  });

  it('never by X-Forwarded-For, X-Real-IP or a stamp the client wrote itself', () => {
    const forged = {
      'x-forwarded-for': '127.0.0.1',
      'x-real-ip': '127.0.0.1',
      [PEER_HEADER]: 'guessed-secret 127.0.0.1 http',
    };
    expect(metricsAllowed(from('192.0.2.7', forged), null)).toBe(false);
    // Without the server's stamp (a request that did not come through it) nothing is local.
    expect(metricsAllowed(new Headers(forged), null)).toBe(false);
  });

  it('from anywhere with the METRICS_TOKEN bearer token, and only the exact token', () => {
    const far = (authorization: string) => from('192.0.2.7', { authorization });
    expect(metricsAllowed(far(`Bearer ${TOKEN}`), TOKEN)).toBe(true);
    expect(metricsAllowed(far(`bearer ${TOKEN}`), TOKEN)).toBe(true);
    expect(metricsAllowed(far(`Bearer ${TOKEN}x`), TOKEN)).toBe(false);
    expect(metricsAllowed(far(`Bearer ${TOKEN.slice(1)}`), TOKEN)).toBe(false);
    expect(metricsAllowed(far(TOKEN), TOKEN)).toBe(false);
    expect(metricsAllowed(far('Bearer '), TOKEN)).toBe(false);
    // No token configured: a bearer header opens nothing.
    expect(metricsAllowed(far(`Bearer ${TOKEN}`), null)).toBe(false);
  });
});
