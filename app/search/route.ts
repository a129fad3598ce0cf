// The name search, streamed: one JSON line per match and per page scanned, then a summary line.
import { getCurrentStaff } from '@/lib/auth/guard';
import { can } from '@/lib/auth/permissions';
import { FlexError } from '@/lib/flex/errors';
import { flex } from '@/lib/flex/flex';
import { describeFailure } from '@/lib/customers/failure';
import { parseSearch } from '@/lib/search/query';
import { scanCustomers } from '@/lib/search/scan';

const SCAN_PAGES = 20;
const SCAN_MS = 10_000;

export async function GET(request: Request) {
  const staff = await getCurrentStaff();
  if (!staff || !can(staff.role, 'customer.read'))
    return Response.json(
      { error: 'Sign in again.' },
      { status: 401, headers: { 'Cache-Control': 'no-store' } },
    );
  const q = parseSearch(new URL(request.url).searchParams.get('q'));
  if (q.kind !== 'text') return Response.json({ error: 'Not a text search.' }, { status: 400 });

  const encoder = new TextEncoder();
  const client = flex();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (o: unknown) => controller.enqueue(encoder.encode(`${JSON.stringify(o)}\n`));
      try {
        for await (const e of scanCustomers({
          tokens: q.tokens,
          maxPages: SCAN_PAGES,
          maxMs: SCAN_MS,
          fetchPage: (after) => client.listCustomers({ limit: 100, startingAfter: after }),
        })) {
          if (request.signal.aborted) break;
          send(e);
        }
      } catch (e) {
        const d =
          e instanceof FlexError
            ? describeFailure({ kind: e.kind, status: e.status, retryAfter: e.retryAfter })
            : null;
        send({ type: 'error', message: d?.detail ?? 'The search failed. Try again.' });
      } finally {
        controller.close();
      }
    },
  });
  return new Response(stream, {
    headers: { 'Content-Type': 'application/x-ndjson; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}
