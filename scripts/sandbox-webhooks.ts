// Wires the embedded sandbox's webhooks to the app with no configuration: a fresh signing secret for both
// (unless FLEX_WEBHOOK_SECRET is set), and the app's /webhooks/flex as the target (unless
// FLEX_SANDBOX_WEBHOOK_URL points elsewhere). Sets process.env, which the sandbox and the app server read.
import crypto from 'node:crypto';

export function wireSandboxWebhooks(appPort: number): void {
  const env = process.env;
  if (!env.FLEX_WEBHOOK_SECRET)
    env.FLEX_WEBHOOK_SECRET = `whsec_${crypto.randomBytes(24).toString('base64')}`;
  // While a secret is rotated the first one listed is the newest: the sandbox signs with it.
  if (!env.FLEX_SANDBOX_WEBHOOK_SECRET)
    env.FLEX_SANDBOX_WEBHOOK_SECRET = env.FLEX_WEBHOOK_SECRET.split(',')[0]!.trim();
  if (!env.FLEX_SANDBOX_WEBHOOK_URL)
    env.FLEX_SANDBOX_WEBHOOK_URL = `http://127.0.0.1:${appPort}/webhooks/flex`;
}
