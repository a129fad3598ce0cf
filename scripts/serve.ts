// One app server: Next's request handler inside a small Node HTTP server of our own (Next's documented
// "custom server"), for what `next start` cannot give: the listen address from HOSTNAME, request latency by
// route, the client's socket address stamped before Next sees it (lib/net/peer.ts, replacing any stamp a client
// sent), and a stop in order: readiness fails first, no new connections, in-flight requests, the work they left
// running after their answer (a save's completion row) and the workers' shutdown hooks finish (bulk and sync
// leases handed back), the database pool closes, exit within 10 s.
// Run by `npm start` and `npm run cluster`: node --import tsx scripts/serve.ts --port N [--host H] [--dev]
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { parseArgs } from 'node:util';
import next from 'next';
import pino from 'pino';
import { STOP_MS, beginDrain, shutdown } from '@/lib/lifecycle';
import { observeRequest } from '@/lib/metrics';
import { routeLabeler } from '@/lib/http/route-label';
import { stampPeer } from '@/lib/net/peer';

const WORK_MS = 7_000; // in-flight requests and work hooks (a Flex call is 10 s at most, retries aside)
const CLOSE_MS = 1_500; // the database pool

const log = pino({
  level: process.env.LOG_LEVEL ?? 'info',
  base: { app: 'flex-customer-desk', part: 'server', pid: process.pid },
});

const { values: args } = parseArgs({
  options: { port: { type: 'string' }, host: { type: 'string' }, dev: { type: 'boolean', default: false } },
});
const port = Number(args.port ?? process.env.PORT ?? 3000);
const host = args.host || null;
const dev = args.dev ?? false;

/** Route patterns: the build's manifest, or (next dev, no build yet) the route files under app/. */
function routePatterns(dir: string): string[] {
  const manifest = path.join(dir, '.next', 'app-path-routes-manifest.json');
  if (!dev && fs.existsSync(manifest))
    return Object.values(JSON.parse(fs.readFileSync(manifest, 'utf8')) as Record<string, string>);
  const out: string[] = [];
  const walk = (d: string, route: string[]) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) {
        const group = /^\(.*\)$/.test(e.name) || e.name.startsWith('@');
        walk(path.join(d, e.name), group ? route : [...route, e.name]);
      } else if (/^(page|route)\.(tsx?|jsx?)$/.test(e.name)) out.push(`/${route.join('/')}`);
    }
  };
  walk(path.join(dir, 'app'), []);
  return out;
}

async function main() {
  const dir = process.cwd();
  const app = next({
    dev,
    dir,
    hostname: host && host !== '0.0.0.0' && host !== '::' ? host : 'localhost',
    port,
  });
  const handle = app.getRequestHandler();
  await app.prepare();
  const label = routeLabeler(routePatterns(dir));

  let inFlight = 0;
  let draining = false;
  let idle: (() => void) | null = null;
  const server = http.createServer((req, res) => {
    const started = process.hrtime.bigint();
    stampPeer(req); // the socket address, replacing any stamp a client sent
    inFlight += 1;
    if (draining) res.setHeader('Connection', 'close');
    res.once('close', () => {
      inFlight -= 1;
      let route = 'other';
      try {
        route = label(new URL(req.url ?? '/', 'http://desk.invalid').pathname);
      } catch {
        // An unparseable URL stays "other".
      }
      observeRequest(
        route,
        req.method ?? 'GET',
        res.statusCode,
        Number(process.hrtime.bigint() - started) / 1e9,
      );
      if (inFlight === 0 && idle) idle();
    });
    handle(req, res).catch((e: unknown) => {
      log.error({ err: e instanceof Error ? e.message : String(e) }, 'request handler failed');
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  server.keepAliveTimeout = 65_000; // longer than common load balancers' idle timeout (60 s)

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    if (host) server.listen(port, host, resolve);
    else server.listen(port, resolve);
  });
  log.info({ port, host: host ?? 'every interface', dev }, 'app server listening');
  // To the supervisor (scripts/supervise.ts): from now on a death is a crash to restart, not a failed start.
  process.send?.('serving');
  process.channel?.unref();

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    const t0 = Date.now();
    setTimeout(() => {
      log.error({ signal }, 'app server did not stop in time; exiting');
      process.exit(1);
    }, STOP_MS).unref();
    // 1. Readiness fails first (GET /readyz → 503 draining), and background work stops being taken.
    beginDrain();
    draining = true;
    // 2. No new connections; idle keep-alive connections close; busy ones close after their response.
    server.close();
    server.closeIdleConnections();
    const requestsDone = new Promise<void>((resolve) => {
      if (inFlight === 0) resolve();
      else idle = resolve;
    });
    log.info({ signal, inFlight }, 'app server stopping: draining');
    // 3. In-flight requests and the work they left running, work hooks (bulk/sync hand back their leases),
    // then the pool.
    void shutdown({ requestsDone, workMs: WORK_MS, closeMs: CLOSE_MS })
      .then(async (report) => {
        server.closeAllConnections();
        await Promise.race([app.close().catch(() => undefined), new Promise((r) => setTimeout(r, 500))]);
        log.info(
          { signal, ms: Date.now() - t0, hooks: report, leftInFlight: inFlight },
          'app server stopped',
        );
      })
      .finally(() => process.exit(0));
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((e: unknown) => {
  log.fatal({ err: e instanceof Error ? e.message : String(e) }, 'app server failed to start');
  process.exit(1);
});
