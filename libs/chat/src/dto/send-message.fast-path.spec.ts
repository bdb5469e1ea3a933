import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { SendMessageDto } from './message.dto';
import { acceptPlainSend, sendFastPathUsable } from './send-message.fast-path';

/** What the full path (class-transformer + class-validator, as ackWith runs it) makes of a payload, or null when it refuses it. */
async function fullPath(payload: Record<string, unknown>): Promise<SendMessageDto | null> {
  const dto = plainToInstance(SendMessageDto, payload);
  const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  return errors.length ? null : dto;
}

const roomId = '3f1c2a4e-8b7d-4c1e-9a2b-1c2d3e4f5a6b';
const valid: Array<Record<string, unknown>> = [
  { roomId, clientMsgId: 'c-1', body: 'hello' },
  { roomId, clientMsgId: 'x'.repeat(64), body: '  padded  ' },
  { roomId, clientMsgId: '!~', body: 'é'.repeat(4000) },
  { roomId, clientMsgId: 'c-2', body: 'a reply', replyToId: '00000000-0000-0000-0000-000000000000' },
  { roomId, clientMsgId: 'c-3', body: 'no reply', replyToId: null },
  { roomId: roomId.toUpperCase(), clientMsgId: 'c-4', body: '💛' },
];
const invalid: Array<Record<string, unknown>> = [
  { roomId, clientMsgId: 'c', body: '' },
  { roomId, clientMsgId: 'c', body: '   ' },
  { roomId, clientMsgId: 'c', body: 'x'.repeat(4001) },
  { roomId, clientMsgId: 'with space', body: 'b' },
  { roomId, clientMsgId: '', body: 'b' },
  { roomId, clientMsgId: 'x'.repeat(65), body: 'b' },
  { roomId, clientMsgId: 5, body: 'b' },
  { roomId: 'not-a-uuid', clientMsgId: 'c', body: 'b' },
  { roomId: '3f1c2a4e-8b7d-0c1e-9a2b-1c2d3e4f5a6b', clientMsgId: 'c', body: 'b' }, // version digit 0
  { roomId, clientMsgId: 'c', body: 'b', replyToId: 'nope' },
  { roomId, clientMsgId: 'c', body: 'b', replyToId: 7 },
  { roomId, clientMsgId: 'c', body: 42 },
  { roomId, clientMsgId: 'c' },
  { clientMsgId: 'c', body: 'b' },
  { roomId, clientMsgId: 'c', body: 'b', extra: 1 },
];

describe('message:send fast path', () => {
  it('is in use for the current SendMessageDto (its fields and rules are the ones it mirrors)', () => {
    expect(sendFastPathUsable()).toBe(true);
  });

  it('accepts plainly valid payloads and makes the same DTO as class-validator would', async () => {
    for (const p of valid) {
      const fast = acceptPlainSend(p);
      expect(fast).toBeInstanceOf(SendMessageDto);
      expect({ ...fast }).toEqual({ ...(await fullPath(p)) });
    }
  });

  it('never accepts what class-validator refuses (those payloads take the full path and get its errors)', async () => {
    for (const p of invalid) {
      expect(await fullPath(p)).toBeNull();
      expect(acceptPlainSend(p)).toBeUndefined();
    }
  });

  it('agrees with class-validator on random payloads: whatever it accepts, the full path accepts identically', async () => {
    const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)];
    const values = [roomId, 'x', '', ' ', 'a'.repeat(4000), 'a'.repeat(4001), null, 3, true, [], {}, '00000000-0000-0000-0000-000000000000', 'c-1', 'tab\there'];
    let accepted = 0;
    for (let i = 0; i < 2000; i++) {
      const p: Record<string, unknown> = {};
      // Mostly the right value for the field, so that both accepted and refused payloads come up often.
      const right: Record<string, unknown> = { roomId, clientMsgId: 'c-1', body: ' b ', replyToId: roomId };
      for (const k of ['roomId', 'clientMsgId', 'body', 'replyToId', 'other']) {
        if (Math.random() < (k === 'other' ? 0.1 : 0.9)) p[k] = Math.random() < 0.7 && k in right ? right[k] : pick(values);
      }
      const fast = acceptPlainSend(p);
      if (fast) {
        accepted++;
        expect({ ...fast }).toEqual({ ...(await fullPath(p)) });
      }
    }
    expect(accepted).toBeGreaterThan(100);
  });
});
