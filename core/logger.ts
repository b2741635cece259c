import pino, { type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs; one logger per service, named so that interleaved in-process logs stay readable. */
export function createLogger(service: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    name: service,
    level,
    base: { service },
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], remove: true },
  });
}
