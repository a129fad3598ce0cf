// A small round-robin HTTP proxy for `npm run cluster`: each request goes to the next app server; a server
// that refuses connections is skipped for a second and the request tried on the next one, and one whose
// GET /readyz fails (draining, no database) gets no new requests, as a load balancer's health check does.
import http from 'node:http';

export type Upstream = { port: number; downUntil: number };

export function startProxy(port: number, ports: number[], host: string | null = null): Promise<http.Server> {
  const upstreams: Upstream[] = ports.map((p) => ({ port: p, downUntil: 0 }));
  let next = 0;
  const health = setInterval(() => {
    for (const u of upstreams)
      void fetch(`http://127.0.0.1:${u.port}/readyz`, { signal: AbortSignal.timeout(900) }).then(
        (r) => {
          if (!r.ok) u.downUntil = Date.now() + 1500;
          void r.body?.cancel();
        },
        () => (u.downUntil = Date.now() + 1500),
      );
  }, 1000);
  health.unref();

  const pick = (tried: Set<number>): Upstream | undefined => {
    for (let i = 0; i < upstreams.length; i++) {
      const u = upstreams[(next + i) % upstreams.length]!;
      if (tried.has(u.port) || u.downUntil > Date.now()) continue;
      next = (next + i + 1) % upstreams.length;
      return u;
    }
    return upstreams.find((u) => !tried.has(u.port)); // all marked down: try anyway
  };

  const server = http.createServer((req, res) => {
    // The body is buffered so that a request refused by one server (nothing sent) can go to the next.
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => forward(Buffer.concat(chunks), new Set()));

    function forward(body: Buffer, tried: Set<number>) {
      const u = pick(tried);
      if (!u) {
        res.writeHead(502, { 'Content-Type': 'text/plain' }).end('No app server is answering.\n');
        return;
      }
      tried.add(u.port);
      const up = http.request(
        {
          host: '127.0.0.1',
          port: u.port,
          method: req.method,
          path: req.url,
          // The client as this proxy saw it, appended to what came before (the app servers trust this
          // proxy's hop only: TRUSTED_PROXIES, set by scripts/cluster.ts).
          headers: {
            ...req.headers,
            'x-forwarded-for': [req.headers['x-forwarded-for'], req.socket.remoteAddress]
              .filter(Boolean)
              .join(', '),
            'x-forwarded-proto': 'http',
          },
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      up.on('error', (e: NodeJS.ErrnoException) => {
        if (e.code === 'ECONNREFUSED') {
          u.downUntil = Date.now() + 1000;
          forward(body, tried);
        } else if (!res.headersSent) {
          res.writeHead(502, { 'Content-Type': 'text/plain' }).end('The app server broke the connection.\n');
        } else {
          res.destroy();
        }
      });
      up.end(body);
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    if (host) server.listen(port, host, () => resolve(server));
    else server.listen(port, () => resolve(server));
  });
}
