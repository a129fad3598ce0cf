// Flex's webhooks: the one route open without a session; it verifies the Standard Webhooks signature
// instead (lib/sync/webhook-intake.ts). The body is read raw, as signed, and never past 256 KB: a declared
// larger body is refused before reading, a longer stream is cut off.
import { countWebhook } from '@/lib/metrics';
import { acceptWebhook, MAX_WEBHOOK_BYTES } from '@/lib/sync/webhook-intake';

export const dynamic = 'force-dynamic';

const json = (status: number, body: { ok: boolean; message: string }) =>
  Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } });

const tooLarge = () => json(413, { ok: false, message: `The body is over ${MAX_WEBHOOK_BYTES / 1024} KB.` });

/** The body as text, or null past the limit (the stream is cancelled, not drained). */
async function readLimited(body: ReadableStream<Uint8Array> | null): Promise<string | null> {
  if (!body) return '';
  const reader = body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_WEBHOOK_BYTES) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    parts.push(value);
  }
  return Buffer.concat(parts).toString('utf8');
}

export async function POST(request: Request) {
  const declared = Number(request.headers.get('content-length') ?? '');
  if (Number.isFinite(declared) && declared > MAX_WEBHOOK_BYTES) {
    countWebhook('too_large');
    return tooLarge();
  }
  let raw: string | null;
  try {
    raw = await readLimited(request.body);
  } catch {
    countWebhook('unreadable');
    return json(400, { ok: false, message: 'The body could not be read.' });
  }
  if (raw === null) {
    countWebhook('too_large');
    return tooLarge();
  }
  const out = await acceptWebhook(raw, {
    'webhook-id': request.headers.get('webhook-id'),
    'webhook-timestamp': request.headers.get('webhook-timestamp'),
    'webhook-signature': request.headers.get('webhook-signature'),
  });
  countWebhook(out.status < 300 ? 'accepted' : out.status === 401 ? 'bad_signature' : `status_${out.status}`);
  return json(out.status, out.body);
}
