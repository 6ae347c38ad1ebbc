import { pino, type DestinationStream, type Logger as PinoLogger } from 'pino';

/** Structured JSON logs; credentials and tokens are redacted wherever they appear in a logged object. */
export function createLogger(level: string, destination?: DestinationStream): PinoLogger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'synchub' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: [
        'req.headers.authorization',
        'headers.authorization',
        '*.headers.authorization',
        'authorization',
        '*.authorization',
        'token',
        '*.credentials',
        'credentials',
        '*.password',
        '*.token',
        '*.apiKey',
        'adminToken',
        '*.adminToken',
        'tokenHash',
        '*.tokenHash',
        'secretKey',
        '*.secretKey',
      ],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
