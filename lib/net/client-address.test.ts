import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clientOf, compileTrust } from './client-address';
import { PEER_HEADER, readPeer } from './peer';

const headers = (h: Record<string, string>) => ({ get: (n: string) => h[n] ?? null });
const ipv4 = fc.ipV4();

describe('client address', () => {
  it('with no trusted proxies the socket address wins over any X-Forwarded-For', () => {
    const none = compileTrust([]);
    fc.assert(
      fc.property(ipv4, fc.array(ipv4, { maxLength: 4 }), (socket, forged) => {
        const c = clientOf(
          { address: socket, proto: 'http' },
          headers({ 'x-forwarded-for': forged.join(', '), 'x-forwarded-proto': 'https' }),
          none,
        );
        expect(c).toEqual({ ip: socket, proto: 'http' });
      }),
    );
  });

  it('behind a trusted proxy, the address that proxy saw; forged hops to its left are ignored', () => {
    const trust = compileTrust(['127.0.0.1', '10.0.0.0/8']);
    fc.assert(
      fc.property(fc.array(ipv4, { maxLength: 4 }), ipv4, (forged, real) => {
        fc.pre(!real.startsWith('10.') && real !== '127.0.0.1');
        const xff = [...forged, real, '10.1.2.3'].join(', ');
        const c = clientOf(
          { address: '127.0.0.1', proto: 'http' },
          headers({ 'x-forwarded-for': xff, 'x-forwarded-proto': 'https' }),
          trust,
        );
        expect(c).toEqual({ ip: real, proto: 'https' });
      }),
    );
  });

  it('an IPv4-mapped socket address is one key with its IPv4 form', () => {
    expect(clientOf({ address: '::ffff:192.0.2.7', proto: 'http' }, headers({}), compileTrust([])).ip).toBe(
      '192.0.2.7',
    );
  });

  it('no stamp, or a stamp a client made up, is an unknown peer', () => {
    expect(clientOf(null, headers({ 'x-forwarded-for': '1.2.3.4' }), compileTrust([]))).toEqual({
      ip: null,
      proto: 'http',
    });
    expect(readPeer(undefined)).toBeNull();
    expect(readPeer('guess 127.0.0.1 https')).toBeNull();
    expect(readPeer(`${'x'.repeat(24)} 127.0.0.1 https`)).toBeNull();
    expect(PEER_HEADER).toBe('x-desk-peer');
  });

  it('a bad TRUSTED_PROXIES entry is refused', () => {
    expect(() => compileTrust(['not-an-address'])).toThrow();
  });
});
