import { ConfigService } from '@nestjs/config';
import pino from 'pino';
import { Writable } from 'node:stream';
import { loggerOptions } from './logger.options';

describe('log redaction', () => {
  it('never writes passwords, tokens, authorization headers or message bodies', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const opts = loggerOptions({ getOrThrow: () => ({ logLevel: 'info' }) } as unknown as ConfigService);
    const http = opts.pinoHttp as { redact: pino.LoggerOptions['redact'] };
    const logger = pino({ redact: http.redact }, sink);
    logger.info({
      req: { headers: { authorization: 'Bearer eyJhbGciOi.secret', cookie: 'sid=1' } },
      dto: { password: 'hunter2hunter2', refreshToken: 'abc.def', body: 'I had a hard night' },
      body: 'raw body',
    });
    const out = lines.join('');
    for (const secret of ['eyJhbGciOi', 'sid=1', 'hunter2hunter2', 'abc.def', 'hard night', 'raw body']) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain('[redacted]');
  });
});
