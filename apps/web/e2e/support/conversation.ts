import type { Api, Session } from './api';

/** Posts messages through the REST API (idempotent by clientMsgId), returning when all are stored. */
export async function post(api: Api, s: Session, roomId: string, body: string, replyToId?: string) {
  return api.req<{ id: string; seq: number }>(
    'POST',
    `/api/rooms/${roomId}/messages`,
    { clientMsgId: crypto.randomUUID(), body, ...(replyToId ? { replyToId } : {}) },
    s.accessToken,
  );
}
