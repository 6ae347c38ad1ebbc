import { pino, type Logger as PinoLogger } from 'pino';

/** Structured JSON logs; credentials and tokens are redacted wherever they appear in a logged object. */
export function createLogger(level: string): PinoLogger {
  return pino({
    level,
    base: { service: 'synchub' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: [
        'req.headers.authorization',
        'headers.authorization',
        '*.credentials',
        'credentials',
        '*.password',
        '*.token',
        '*.apiKey',
        'adminToken',
        '*.adminToken',
      ],
      censor: '[redacted]',
    },
  });
}
