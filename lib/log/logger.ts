// The one logger (pino, JSON lines). Secrets and personal data are redacted by path,
// and callers log templates and ids, never customer fields.
import 'server-only';
import pino from 'pino';

export const log = pino({
  level: process.env.LOG_LEVEL ?? 'info',
  base: { app: 'flex-customer-desk' },
  redact: {
    paths: [
      'authorization',
      'headers.authorization',
      'req.headers.authorization',
      'key',
      'apiKey',
      'password',
      '*.password',
      'email',
      '*.email',
      'phone',
      '*.phone',
      'first_name',
      'last_name',
      '*.first_name',
      '*.last_name',
      'line1',
      'line2',
      '*.line1',
      '*.line2',
      'body',
    ],
    censor: '[redacted]',
  },
});
