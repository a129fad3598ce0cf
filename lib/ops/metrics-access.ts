// Who may read GET /metrics: a scraper with the METRICS_TOKEN bearer token, or a request whose TCP peer is
// this machine (127.0.0.1 / ::1) as the server saw it on the socket (the peer stamp, lib/net/peer.ts).
// X-Forwarded-For is never read here: anyone can send it, and a proxy on this machine would make every client look local through it.
import 'server-only';
import crypto from 'node:crypto';
import { PEER_HEADER, readPeer } from '@/lib/net/peer';

const digest = (s: string) => crypto.createHash('sha256').update(s).digest();

export function metricsAllowed(headers: { get(name: string): string | null }, token: string | null): boolean {
  const auth = headers.get('authorization');
  if (token && auth) {
    const m = /^Bearer (.+)$/i.exec(auth.trim());
    // Compared as digests: equal length, constant time.
    if (m && crypto.timingSafeEqual(digest(m[1]!), digest(token))) return true;
  }
  return isLoopback(readPeer(headers.get(PEER_HEADER))?.address ?? null);
}

function isLoopback(address: string | null): boolean {
  if (!address) return false;
  const v4 = address.replace(/^::ffff:/i, '');
  return /^127\.\d+\.\d+\.\d+$/.test(v4) || address === '::1';
}
