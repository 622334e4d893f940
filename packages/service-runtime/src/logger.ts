import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

/** JSON logs on stdout. Credentials and personal data are redacted wherever they may appear. */
export function createLogger(
  service: string,
  level: string,
  /** Where the lines go; stdout when not given (a test keeps a service's log in a file). */
  destination?: DestinationStream,
): Logger {
  const options = {
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
  };
  return destination ? pino(options, destination) : pino(options);
}

/** A log file, written synchronously so nothing is lost when a test's process ends. */
export function logFile(path: string): DestinationStream {
  return pino.destination({ dest: path, mkdir: true, sync: true });
}
