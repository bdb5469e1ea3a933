import { RequestMethod } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '@hearth/config';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { Params } from 'nestjs-pino';
import type { Options } from 'pino-http';
import pretty from 'pino-pretty';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * Structured JSON logs, or readable lines (`LOG_FORMAT=pretty`, the default in development at a
 * terminal). Request and response bodies are never logged; anything that could hold a secret or
 * a message body is redacted should it ever appear, in both formats (pino redacts before printing).
 */
export function loggerOptions(config: ConfigService, destination?: NodeJS.WritableStream): Params {
  const options = httpLoggerOptions(config);
  // Every route, in path-to-regexp 8 syntax (nestjs-pino's default `*` draws a legacy-route warning at start-up).
  const forRoutes: Params['forRoutes'] = [{ path: '*path', method: RequestMethod.ALL }];
  if (config.getOrThrow<AppConfig>('app').logFormat !== 'pretty') return { forRoutes, pinoHttp: options };
  const stream = pretty({
    colorize: destination === undefined && process.stdout.isTTY === true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,req,res,responseTime,context',
    messageFormat: '{if context}[{context}] {end}{msg}',
    // Extra fields (an error's stack) go on the lines below, indented.
    singleLine: false,
    sync: true,
    ...(destination ? { destination } : {}),
  });
  return {
    forRoutes,
    pinoHttp: [
      {
        ...options,
        // One line per request: what a person at a terminal wants to see (never the query string).
        customSuccessMessage: (req, res, ms) => `${req.method} ${pathOf(req)} ${res.statusCode} ${Math.round(ms)} ms`,
        customErrorMessage: (req, res) => `${req.method} ${pathOf(req)} ${res.statusCode} failed`,
      },
      stream,
    ],
  };
}

const pathOf = (req: IncomingMessage) => (req.url ?? '').split('?')[0];

function httpLoggerOptions(config: ConfigService): Options {
  return {
    level: config.getOrThrow<AppConfig>('app').logLevel,
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const incoming = req.headers['x-request-id'];
      const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    autoLogging: { ignore: (req: IncomingMessage) => req.url === '/api/health' },
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url?.split('?')[0] }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        '*.password',
        '*.newPassword',
        '*.currentPassword',
        '*.token',
        '*.accessToken',
        '*.refreshToken',
        '*.body',
        'body',
      ],
      censor: '[redacted]',
    },
  };
}
