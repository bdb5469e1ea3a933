import { getMetadataStorage, ValidationTypes } from 'class-validator';
import { MESSAGE_MAX_LENGTH, SendMessageDto } from './message.dto';

/*
 * `message:send` is the hot event: class-transformer + class-validator cost
 * about as much server CPU per message as the whole send transaction. This
 * accepts, without them, only payloads the DTO's rules surely accept (every
 * check here is as strict as the decorator's, or stricter); anything else —
 * a bad field, an unknown field, a field the DTO gained later — returns
 * undefined and goes the full way, so errors stay exactly the DTO's.
 */

/** validator.js isUUID(value, 'all'), which @IsUUID('all') uses. */
const UUID = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$/i;
/** @MinLength(1) @MaxLength(64) @Matches(/^[\x21-\x7e]+$/) */
const CLIENT_MSG_ID = /^[\x21-\x7e]{1,64}$/;
const FIELDS = new Set(['roomId', 'clientMsgId', 'body', 'replyToId']);

let usable: boolean | undefined;

/**
 * True when the DTO still has exactly the rules this mirrors: the four fields,
 * plus only optional ones (payloads that carry those take the full path).
 */
export function sendFastPathUsable(): boolean {
  usable ??= (() => {
    const metas = getMetadataStorage().getTargetValidationMetadatas(SendMessageDto, '', true, false);
    const names = new Set(metas.map((m) => m.propertyName));
    if (![...FIELDS].every((f) => names.has(f))) return false;
    const optional = new Set(metas.filter((m) => m.type === ValidationTypes.CONDITIONAL_VALIDATION).map((m) => m.propertyName));
    return [...names].every((n) => FIELDS.has(n) || optional.has(n));
  })();
  return usable;
}

/** The DTO for a plainly valid `message:send` payload (already checked by assertSafeInput), else undefined. */
export function acceptPlainSend(payload: Record<string, unknown>): SendMessageDto | undefined {
  if (!sendFastPathUsable()) return undefined;
  for (const key of Object.keys(payload)) if (!FIELDS.has(key)) return undefined;
  const { roomId, clientMsgId, body, replyToId } = payload;
  if (typeof roomId !== 'string' || !UUID.test(roomId)) return undefined;
  if (typeof clientMsgId !== 'string' || !CLIENT_MSG_ID.test(clientMsgId)) return undefined;
  if (typeof body !== 'string') return undefined;
  const trimmed = body.trim();
  // UTF-16 length ≥ the length @MaxLength counts (it counts a surrogate pair once).
  if (trimmed.length === 0 || trimmed.length > MESSAGE_MAX_LENGTH) return undefined;
  if (replyToId !== undefined && replyToId !== null && (typeof replyToId !== 'string' || !UUID.test(replyToId))) return undefined;
  const dto = new SendMessageDto();
  dto.roomId = roomId;
  dto.clientMsgId = clientMsgId;
  dto.body = trimmed;
  if (replyToId !== undefined) dto.replyToId = replyToId as string | null;
  return dto;
}
