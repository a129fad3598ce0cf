import { describe, expect, it } from 'vitest';
import { parseConfig } from '@/lib/config';
import { listenHost, localUrl } from './listen-host';

describe('listenHost', () => {
  it('keeps a desk with demo accounts on 127.0.0.1 and says how to open it up', () => {
    const l = listenHost(parseConfig({}));
    expect(l.host).toBe('127.0.0.1');
    expect(l.note).toContain('HOSTNAME=0.0.0.0');
  });

  it('honours HOSTNAME whatever the accounts', () => {
    expect(listenHost(parseConfig({ HOSTNAME: '0.0.0.0' }))).toEqual({ host: '0.0.0.0', note: null });
    expect(listenHost(parseConfig({ HOSTNAME: '::1' })).host).toBe('::1');
  });

  it('listens on every interface with a configured admin or a real Flex, unless HOSTNAME says otherwise', () => {
    const admin = { ADMIN_EMAIL: 'a@example.com', ADMIN_PASSWORD: 'a long passphrase' };
    expect(listenHost(parseConfig(admin)).host).toBeNull();
    expect(
      listenHost(
        parseConfig({ ...admin, FLEX_API_BASE_URL: 'https://api.withflex.com/v1', FLEX_API_KEY: 'fsk_x' }),
      ).host,
    ).toBeNull();
    expect(listenHost(parseConfig({ ...admin, HOSTNAME: '10.0.0.5' })).host).toBe('10.0.0.5');
  });

  it('refuses a HOSTNAME that is not an address or host name', () => {
    expect(() => parseConfig({ HOSTNAME: 'http://x y' })).toThrow(/HOSTNAME/);
  });

  it('prints a URL for the address', () => {
    expect(localUrl(null, 3000)).toBe('http://localhost:3000');
    expect(localUrl('127.0.0.1', 3000)).toBe('http://127.0.0.1:3000');
    expect(localUrl('::1', 3000)).toBe('http://[::1]:3000');
  });
});
