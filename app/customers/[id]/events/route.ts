// The live customer page's Server-Sent Events: `changed` when the customer changes (a webhook's re-read or
// a desk save through any server, via PostgreSQL NOTIFY), `presence` with who else has it open, and a
// heartbeat that also re-checks the session (an ended session ends the stream).
import crypto from 'node:crypto';
import { isRole, ROLE_LABEL } from '@/lib/auth/permissions';
import { authRoute } from '@/lib/auth/route';
import { sessionToken } from '@/lib/auth/guard';
import { staffForToken } from '@/lib/auth/session';
import { isCustomerId } from '@/lib/customers/types';
import { liveListener, type LiveEvent } from '@/lib/live/listener';
import { HEARTBEAT_MS, heartbeatPresence, joinPresence, leavePresence, presentOn } from '@/lib/live/presence';
import { log } from '@/lib/log/logger';
import { indexedSince } from '@/lib/search/index-store';

export const dynamic = 'force-dynamic';

const refuse = (status: number, message: string) =>
  Response.json({ message }, { status, headers: { 'Cache-Control': 'no-store' } });

export const GET = authRoute(
  'customer.read',
  async (request, staff, { params }: { params: Promise<{ id: string }> }) => {
    const { id } = await params;
    if (!isCustomerId(id)) return refuse(404, 'Not a customer id.');
    // When the page read the customer: a change indexed after it, before this stream listened, is told too.
    const sinceParam = new URL(request.url).searchParams.get('since');
    const sinceMs = sinceParam ? Date.parse(sinceParam) : NaN;
    const since = Number.isFinite(sinceMs) ? new Date(sinceMs) : null;
    // The same cookie the session check read (under HTTPS only the __Host- one), re-checked each heartbeat.
    const token = await sessionToken();

    const streamId = crypto.randomUUID();
    const encoder = new TextEncoder();
    let stop = () => {};
    const stream = new ReadableStream<Uint8Array>({
      async start(controller) {
        let open = true;
        const send = (event: string, data: unknown) => {
          if (open) controller.enqueue(encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
        };
        const sendPresence = async () => {
          const others = await presentOn(id, staff.id);
          send(
            'presence',
            others.map((p) => ({ name: p.name, role: isRole(p.role) ? ROLE_LABEL[p.role] : p.role })),
          );
        };
        const onEvent = (e: LiveEvent) => {
          // Roles are said as the desk names them, whichever form the publisher used.
          if (e.type === 'changed')
            send('changed', {
              ...e.change,
              by: e.change.by && {
                name: e.change.by.name,
                role: isRole(e.change.by.role) ? ROLE_LABEL[e.change.by.role] : e.change.by.role,
              },
            });
          else if (e.type === 'resync') send('resync', {});
          else void sendPresence().catch(() => {});
        };
        const unsubscribe = liveListener().subscribe(id, onEvent);
        const beat = setInterval(() => {
          void (async () => {
            // Re-checked without extending the idle timeout: an open tab is not activity.
            if (!(await staffForToken(token, { touch: false }))) {
              send('ended', { message: 'Your session has ended. Sign in again.' });
              stop();
              return;
            }
            await heartbeatPresence(streamId);
            await sendPresence();
            if (open) controller.enqueue(encoder.encode(': ping\n\n'));
          })().catch((e: unknown) =>
            log.warn({ err: e instanceof Error ? e.message : String(e) }, 'live stream heartbeat failed'),
          );
        }, HEARTBEAT_MS);
        stop = () => {
          if (!open) return;
          open = false;
          clearInterval(beat);
          unsubscribe();
          void leavePresence(streamId, id).catch(() => {});
          try {
            controller.close();
          } catch {
            // already closed by the client
          }
        };
        request.signal.addEventListener('abort', () => stop());
        try {
          // The browser reconnects by itself after a drop; 3 s is its wait.
          controller.enqueue(encoder.encode('retry: 3000\n\n'));
          await liveListener().ensure();
          await joinPresence(streamId, id, { staffId: staff.id, name: staff.displayName, role: staff.role });
          send('ready', {});
          const missed = since && (await indexedSince(id, since));
          if (missed)
            send('changed', {
              customerId: id,
              fields: missed.deleted ? ['deleted'] : [],
              source: 'since',
              at: new Date().toISOString(),
            });
          await sendPresence();
        } catch (e) {
          log.warn({ err: e instanceof Error ? e.message : String(e) }, 'live stream could not start');
          stop();
        }
      },
      cancel() {
        stop();
      },
    });
    return new Response(stream, {
      headers: {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store, no-transform',
        'X-Accel-Buffering': 'no',
      },
    });
  },
);
