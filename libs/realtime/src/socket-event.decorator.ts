import { Logger } from '@nestjs/common';
import { SubscribeMessage } from '@nestjs/websockets';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { AppError, assertSafeInput, databaseOutage, ErrorCode, mapError, validationError } from '@hearth/common';
import type { Ack, ClientEventName, ClientToServerEvents } from './socket-events';
import type { HearthSocket } from './socket.types';

const logger = new Logger('Socket');

/** The `data` of an event's successful acknowledgement, from the wire contract. */
type AckData<E extends ClientEventName> = ClientToServerEvents[E] extends (payload: never, ack: (res: Ack<infer R>) => void) => void ? R : never;

/**
 * Validates `payload` into `dtoClass` (the same rules as REST: whitelist, no
 * unknown fields, no prototype keys, no NUL), runs `fn`, and answers with an
 * ack `{ ok: true, data }` or `{ ok: false, error }`. Never throws: a bad event
 * never disconnects the socket.
 */
export async function ackWith<D extends object, R>(dtoClass: (new () => D) | null, payload: unknown, fn: (dto: D) => Promise<R> | R): Promise<Ack<R>> {
  try {
    let dto = payload as D;
    if (dtoClass) {
      if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
        throw new AppError(ErrorCode.VALIDATION_FAILED, 'payload must be an object');
      }
      assertSafeInput(payload, 'payload');
      dto = plainToInstance(dtoClass, payload);
      const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
      if (errors.length) throw validationError(errors);
    }
    return { ok: true, data: await fn(dto) };
  } catch (e) {
    return errorAck(e);
  }
}

export function errorAck(e: unknown): { ok: false; error: { code: string; message: string; details?: unknown; retryAfterMs?: number } } {
  const m = mapError(e);
  if (m.outage) databaseOutage.note();
  if (m.internal) {
    const err = e as Error;
    logger.error({ err: { name: err?.name, message: err?.message, stack: err?.stack } }, 'Socket event failed');
  }
  const retryAfterMs = m.retryAfterSeconds !== undefined ? Math.ceil(m.retryAfterSeconds * 1000) : undefined;
  return {
    ok: false,
    error: { code: String(m.code), message: m.message, ...(m.details ? { details: m.details } : {}), ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) },
  };
}

/**
 * Declares a gateway handler for a client event: `@SocketEvent('room:join', RoomRefDto)`
 * on a method `(socket, dto) => result`. The payload is validated into the DTO
 * and the result (or the mapped error) goes back as the acknowledgement, so
 * every gateway answers the same way.
 */
export function SocketEvent<E extends ClientEventName, D extends object>(event: E, dtoClass: new () => D) {
  return <T extends (socket: HearthSocket, dto: D) => AckData<E> | Promise<AckData<E>>>(target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<T>): void => {
    const handler = descriptor.value!;
    descriptor.value = function (this: unknown, socket: HearthSocket, payload: unknown) {
      return ackWith(dtoClass, payload, (dto) => handler.call(this, socket, dto));
    } as unknown as T;
    Object.defineProperty(descriptor.value, 'name', { value: String(key) });
    SubscribeMessage(event)(target, key, descriptor);
  };
}
