// Standard Webhooks verification: rotation (any listed secret), tolerance (±5 minutes), the raw body
// exactly as signed, missing and forged signatures.
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhook, type WebhookHeaders } from './webhook-verify';

const secret = () => `whsec_${crypto.randomBytes(24).toString('base64')}`;
const OLD = secret();
const NEW = secret();
const body =
  '{"type":"customer.updated","timestamp":"2026-12-02T10:00:00Z","data":{"customer":{"customer_id":"fcus_01HACM7FZ1084XB1GB6053VM0D"}}}';

function headers(s: string, raw = body, at = new Date(), id = 'msg_1'): WebhookHeaders {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': signWebhook(s, id, at, raw),
  };
}

describe('verifyWebhook', () => {
  it('accepts a delivery signed with the one secret', () => {
    const v = verifyWebhook(body, headers(NEW), [NEW]);
    expect(v).toMatchObject({ ok: true, id: 'msg_1' });
  });

  it('rotation: accepts either listed secret, and a signature list with one good entry', () => {
    expect(verifyWebhook(body, headers(OLD), [NEW, OLD]).ok).toBe(true);
    expect(verifyWebhook(body, headers(NEW), [NEW, OLD]).ok).toBe(true);
    const h = headers(NEW);
    h['webhook-signature'] = `${headers(secret())['webhook-signature']} ${h['webhook-signature']}`;
    expect(verifyWebhook(body, h, [NEW]).ok).toBe(true);
  });

  it('refuses a secret no longer listed', () => {
    expect(verifyWebhook(body, headers(OLD), [NEW])).toMatchObject({ ok: false, reason: 'forged' });
  });

  it('verifies the raw body: one changed byte, re-serialised JSON or extra whitespace fail', () => {
    const h = headers(NEW);
    expect(verifyWebhook(body.replace('updated', 'deleted'), h, [NEW]).ok).toBe(false);
    expect(verifyWebhook(JSON.stringify(JSON.parse(body), null, 1), h, [NEW]).ok).toBe(false);
    expect(verifyWebhook(`${body}\n`, h, [NEW]).ok).toBe(false);
  });

  it('tolerance: ±5 minutes; older or newer is stale, whatever the signature', () => {
    const at = (s: number) => new Date(Date.now() + s * 1000);
    expect(verifyWebhook(body, headers(NEW, body, at(-290)), [NEW]).ok).toBe(true);
    expect(verifyWebhook(body, headers(NEW, body, at(290)), [NEW]).ok).toBe(true);
    expect(verifyWebhook(body, headers(NEW, body, at(-310)), [NEW])).toMatchObject({ reason: 'stale' });
    expect(verifyWebhook(body, headers(NEW, body, at(310)), [NEW])).toMatchObject({ reason: 'stale' });
  });

  it('a replay with a new timestamp but the old signature is forged', () => {
    const h = headers(NEW, body, new Date(Date.now() - 60_000));
    h['webhook-timestamp'] = String(Math.floor(Date.now() / 1000));
    expect(verifyWebhook(body, h, [NEW])).toMatchObject({ ok: false, reason: 'forged' });
  });

  it('missing headers, a malformed timestamp, no secrets configured', () => {
    const h = headers(NEW);
    for (const k of ['webhook-id', 'webhook-timestamp', 'webhook-signature'] as const)
      expect(verifyWebhook(body, { ...h, [k]: null }, [NEW])).toMatchObject({ reason: 'missing' });
    expect(verifyWebhook(body, { ...h, 'webhook-timestamp': 'soon' }, [NEW])).toMatchObject({
      reason: 'stale',
    });
    expect(verifyWebhook(body, { ...h, 'webhook-signature': 'v1,AAAA' }, [NEW])).toMatchObject({
      reason: 'forged',
    });
    expect(verifyWebhook(body, h, [])).toMatchObject({ reason: 'unconfigured' });
  });
});
