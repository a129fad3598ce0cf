// Which address a request came from, trusting forwarding headers only from TRUSTED_PROXIES: the rule of
// Express's `trust proxy`, through its own library (proxy-addr). With no trusted proxies the socket
// address is the answer, whatever X-Forwarded-For says.
import proxyaddr from 'proxy-addr';
import type { Peer } from './peer';

export type Trust = (address: string, hop: number) => boolean;

/** TRUSTED_PROXIES (comma-separated addresses or CIDRs) → a trust function; throws on a bad entry. */
export function compileTrust(list: readonly string[]): Trust {
  return proxyaddr.compile([...list]);
}

export type Client = { ip: string | null; proto: 'http' | 'https' };

type HeaderLike = { get(name: string): string | null };

/**
 * The client's address: the socket's, or, while the socket and each hop before it are trusted proxies,
 * the next address to the left in X-Forwarded-For. The protocol likewise: X-Forwarded-Proto only from a
 * trusted proxy, otherwise whether the socket itself was TLS.
 */
export function clientOf(peer: Peer | null, headers: HeaderLike, trust: Trust): Client {
  if (!peer) return { ip: null, proto: 'http' };
  const xff = headers.get('x-forwarded-for');
  const req = {
    socket: { remoteAddress: peer.address },
    connection: { remoteAddress: peer.address },
    headers: xff ? { 'x-forwarded-for': xff } : {},
  };
  const ip = proxyaddr(req as unknown as Parameters<typeof proxyaddr>[0], trust);
  const forwardedProto = headers.get('x-forwarded-proto')?.split(',')[0]?.trim();
  const proto =
    trust(peer.address, 0) && (forwardedProto === 'https' || forwardedProto === 'http')
      ? forwardedProto
      : peer.proto;
  return { ip: normalise(ip), proto };
}

/** IPv4 seen through an IPv6 socket ("::ffff:10.0.0.1") as plain IPv4, so one client has one key. */
function normalise(ip: string): string {
  return ip.startsWith('::ffff:') && ip.includes('.') ? ip.slice(7) : ip;
}
