import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { PEER_HEADER, readPeer, stampEveryRequest } from './peer';

describe('the peer stamp', () => {
  const seen: (string | undefined)[] = [];
  const server = http.createServer((req, res) => {
    seen.push(req.headers[PEER_HEADER] as string | undefined);
    res.end();
  });
  afterAll(() => new Promise((r) => server.close(r)));

  it("replaces a client's own stamp with the socket address, which only this process can read", async () => {
    stampEveryRequest();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    await fetch(`http://127.0.0.1:${port}/`, {
      headers: { [PEER_HEADER]: 'forged 203.0.113.5 https', 'X-Forwarded-For': '203.0.113.5' },
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]).not.toContain('203.0.113.5');
    expect(readPeer(seen[0])).toEqual({ address: '127.0.0.1', proto: 'http' });
  });
});
