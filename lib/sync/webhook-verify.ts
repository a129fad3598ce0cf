// Checks one Flex webhook delivery the Standard Webhooks way (the `standardwebhooks` package): the HMAC of
// "id.timestamp.body" over the raw body exactly as received, against each configured secret (several while
// one is rotated), within ±5 minutes. Pure: no I/O, so every case is unit-tested.
import { Webhook, WebhookVerificationError } from 'standardwebhooks';

export type Verified =
  | { ok: true; id: string; timestamp: Date }
  | { ok: false; reason: 'missing' | 'stale' | 'forged' | 'unconfigured'; message: string };

export type WebhookHeaders = {
  'webhook-id': string | null;
  'webhook-timestamp': string | null;
  'webhook-signature': string | null;
};

export function verifyWebhook(raw: string, headers: WebhookHeaders, secrets: string[]): Verified {
  const id = headers['webhook-id'];
  const ts = headers['webhook-timestamp'];
  const sig = headers['webhook-signature'];
  if (secrets.length === 0)
    return {
      ok: false,
      reason: 'unconfigured',
      message: 'Webhooks are not configured (FLEX_WEBHOOK_SECRET).',
    };
  if (!id || !ts || !sig)
    return {
      ok: false,
      reason: 'missing',
      message: 'Missing webhook-id, webhook-timestamp or webhook-signature header.',
    };
  if (id.length > 200 || sig.length > 2000)
    return { ok: false, reason: 'forged', message: 'Malformed webhook headers.' };
  let stale = false;
  for (const secret of secrets) {
    try {
      new Webhook(secret).verify(
        raw,
        { 'webhook-id': id, 'webhook-timestamp': ts, 'webhook-signature': sig },
        { jsonParse: false },
      );
      return { ok: true, id, timestamp: new Date(Number(ts) * 1000) };
    } catch (e) {
      if (!(e instanceof WebhookVerificationError)) throw e;
      // The timestamp is checked before the signature, the same for every secret.
      if (/timestamp|Signature Headers/i.test(e.message)) stale = true;
    }
  }
  return stale
    ? {
        ok: false,
        reason: 'stale',
        message: 'The webhook timestamp is missing, malformed or outside ±5 minutes.',
      }
    : { ok: false, reason: 'forged', message: 'No signature matches.' };
}

/** What the sandbox (and the tests) send: `v1,<base64 HMAC>` for this id, time and body. */
export function signWebhook(secret: string, id: string, at: Date, raw: string): string {
  return new Webhook(secret).sign(id, at, raw);
}
