import { ConfigService } from '@nestjs/config';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import pinoHttp, { Options } from 'pino-http';
import { loggerOptions } from './logger.options';

const SECRETS = ['eyJhbGciOi', 'sid=1', 'hunter2hunter2', 'abc.def', 'hard night', 'raw body'];
const leakyRecord = {
  req: { headers: { authorization: 'Bearer eyJhbGciOi.secret', cookie: 'sid=1' } },
  dto: { password: 'hunter2hunter2', refreshToken: 'abc.def', body: 'I had a hard night' },
  body: 'raw body',
};

function sink(): { stream: Writable; text: () => string } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { stream, text: () => lines.join('') };
}

/** A ConfigService holding the `app` namespace with the given values (`app.logLevel` style keys). */
const config = (values: Record<string, string>) => {
  const app = Object.fromEntries(Object.entries(values).map(([k, v]) => [k.replace(/^app\./, ''), v]));
  return { getOrThrow: (key: string) => (key === 'app' ? app : undefined) } as unknown as ConfigService;
};

describe('log redaction', () => {
  it('never writes passwords, tokens, authorization headers or message bodies', () => {
    const out = sink();
    const opts = loggerOptions(config({ 'app.logLevel': 'info', 'app.logFormat': 'json' }));
    const http = opts.pinoHttp as { redact: pino.LoggerOptions['redact'] };
    const logger = pino({ redact: http.redact }, out.stream);
    logger.info(leakyRecord);
    for (const secret of SECRETS) expect(out.text()).not.toContain(secret);
    expect(out.text()).toContain('[redacted]');
  });

  it('in the readable format too: one line per request, without its query string, nothing secret', async () => {
    const out = sink();
    const opts = loggerOptions(config({ 'app.logLevel': 'info', 'app.logFormat': 'pretty' }), out.stream);
    const [options, stream] = opts.pinoHttp as [Options, NodeJS.WritableStream];
    const middleware = pinoHttp(options, stream);
    middleware.logger.info(leakyRecord, 'a record that should never carry secrets');
    const server = createServer((req, res) => {
      middleware(req, res);
      res.statusCode = 201;
      res.end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    await fetch(`http://127.0.0.1:${port}/api/themes?q=grief`, {
      method: 'POST',
      headers: { authorization: 'Bearer eyJhbGciOi.secret', 'content-type': 'application/json' },
      body: JSON.stringify({ password: 'hunter2hunter2' }),
    });
    await new Promise<void>((r) => server.close(() => r()));
    const text = out.text();
    expect(text).toMatch(/POST \/api\/themes 201 \d+ ms/);
    expect(text).not.toContain('grief');
    expect(text).not.toMatch(/^\{/m);
    for (const secret of SECRETS) expect(text).not.toContain(secret);
  });

  it('keeps JSON unless the readable format is chosen', () => {
    const opts = loggerOptions(config({ 'app.logLevel': 'info', 'app.logFormat': 'json' }));
    expect(Array.isArray(opts.pinoHttp)).toBe(false);
  });
});
