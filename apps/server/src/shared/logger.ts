import { pino, type Logger, type LoggerOptions } from 'pino';

/**
 * Paths whose values are personal data or secrets. pino replaces them with "[redacted]"
 * wherever they appear in a log line, including request bodies logged on error.
 */
export const REDACTED_PATHS: readonly string[] = [
  'password',
  '*.password',
  'token',
  '*.token',
  'email',
  '*.email',
  '*.*.email',
  'phone',
  '*.phone',
  'name',
  '*.name',
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'body',
  '*.body',
];

export const loggerOptions = (level: string): LoggerOptions => ({
  level,
  redact: { paths: [...REDACTED_PATHS], censor: '[redacted]' },
  base: { service: 'redress' },
  timestamp: pino.stdTimeFunctions.isoTime,
  serializers: {
    // Query strings may carry personal data (search terms, e-mail addresses): log the path only.
    req: (req: { id?: string; method?: string; url?: string }) => ({
      id: req.id,
      method: req.method,
      path: req.url?.split('?')[0],
    }),
    res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
    err: pino.stdSerializers.err,
  },
});

export const createLogger = (level: string): Logger => pino(loggerOptions(level));

export type { Logger };
