// Prometheus metrics of this server (lib/metrics.ts). Only with the METRICS_TOKEN bearer token or from this
// machine (lib/ops/metrics-access.ts); anyone else gets 403 and no figures.
import { getConfig } from '@/lib/config';
import { metricsContentType, metricsText } from '@/lib/metrics';
import { metricsAllowed } from '@/lib/ops/metrics-access';

export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  if (!metricsAllowed(request.headers, getConfig().metricsToken))
    return new Response('forbidden: use the METRICS_TOKEN bearer token, or scrape from 127.0.0.1\n', {
      status: 403,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    });
  return new Response(await metricsText(), { headers: { 'Content-Type': metricsContentType() } });
}
