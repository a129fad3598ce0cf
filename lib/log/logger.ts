// The one logger (pino, JSON lines). Secrets and personal data are redacted by path,
// and callers log templates and ids, never customer fields. JSON stays the format for machines; a person
// running `npm start` in a terminal reads it through pino-pretty: the supervisor prettifies the app server's
// lines (scripts/supervise.ts), and this process's own lines are prettified here, unless LOG_FORMAT=json.
import 'server-only';
import pino from 'pino';
import pretty from 'pino-pretty';

const format = process.env.LOG_FORMAT;
const readable = format === 'pretty' || (format !== 'json' && process.stdout.isTTY === true);

export const log = pino(
  {
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
  },
  readable ? pretty({ sync: true, translateTime: 'SYS:HH:MM:ss', ignore: 'hostname,app' }) : undefined,
);
