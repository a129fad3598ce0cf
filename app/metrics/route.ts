// Prometheus metrics of this server (lib/metrics.ts). Only with the METRICS_TOKEN bearer token or from this
// machine (lib/ops/metrics-access.ts); anyone else gets 403 and no figures.
import { getConfig } from '@/lib/config';
import { log } from '@/lib/log/logger';
import { metricsContentType, metricsText, setSyncLag } from '@/lib/metrics';
import { metricsAllowed } from '@/lib/ops/metrics-access';
import { readSyncStatus } from '@/lib/sync/status';

export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  if (!metricsAllowed(request.headers, getConfig().metricsToken))
    return new Response('forbidden: use the METRICS_TOKEN bearer token, or scrape from 127.0.0.1\n', {
      status: 403,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    });
  // The sync lag is the index's (shared by every server), read when scraped: the last webhook's delay from
  // receipt to the index row written.
  try {
    const lag = (await readSyncStatus()).webhooks.lastLagMs;
    if (lag !== null) setSyncLag(lag / 1000);
  } catch (e) {
    log.warn({ err: e instanceof Error ? e.message : String(e) }, 'metrics: sync status not readable');
  }
  return new Response(await metricsText(), { headers: { 'Content-Type': metricsContentType() } });
}
