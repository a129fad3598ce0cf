// Liveness: the process answers. Nothing else is checked, so a database outage never gets servers restarted.
export const dynamic = 'force-dynamic';

export function GET() {
  return new Response('ok\n', { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}
