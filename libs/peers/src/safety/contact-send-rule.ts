import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { EntityManager } from 'typeorm';
import type { SendDraft, SendRule, SentDraft } from '@hearth/chat';
import type { Tx } from '@hearth/database';
import type { PeersConfig } from '@hearth/config';
import { NotificationsService } from '@hearth/notifications';
import { ContactKind, detectContact } from './contact-detector';
import { SupportCases } from './support-cases';

interface SessionRow {
  id: string;
  room_id: string;
  requester_id: string | null;
  peer_id: string | null;
}

const NOTE = 'support-contact';

/**
 * Send rule `support-contact` (order 750): in a support room, a message with a
 * phone number, e-mail address or social handle is delivered (never refused),
 * and both people get a private reminder about staying on the platform. The
 * author's n-th attempt in the session (PEER_CONTACT_CASE_AFTER) opens a case.
 */
@Injectable()
export class SupportContactRule implements SendRule<Map<string, SessionRow>> {
  readonly name = 'support-contact';
  readonly order = 750;

  constructor(
    private readonly notifications: NotificationsService,
    private readonly cases: SupportCases,
    private readonly config: ConfigService,
  ) {}

  async prefetch(drafts: readonly SendDraft[], em: EntityManager): Promise<Map<string, SessionRow>> {
    const roomIds = [...new Set(drafts.filter((d) => d.room?.kind === 'support').map((d) => d.dto.roomId))];
    if (!roomIds.length) return new Map();
    const rows: SessionRow[] = await em.query(`SELECT id, room_id, requester_id, peer_id FROM support_sessions WHERE room_id = ANY($1::uuid[])`, [roomIds]);
    return new Map(rows.map((r) => [r.room_id, r]));
  }

  check(draft: SendDraft, sessions: Map<string, SessionRow>): undefined {
    if (!sessions.has(draft.dto.roomId)) return undefined;
    const kinds = detectContact(draft.dto.body);
    if (kinds.length) draft.notes.set(NOTE, kinds);
    return undefined;
  }

  async afterInsert(
    sent: readonly SentDraft[],
    sessions: Map<string, SessionRow>,
    tx: Tx,
  ): Promise<void> {
    const threshold = this.config.getOrThrow<PeersConfig>('peers').contactCaseAfter;
    for (const { draft, message } of sent) {
      const kinds = draft.notes.get(NOTE) as ContactKind[] | undefined;
      const session = sessions.get(message.roomId);
      if (!kinds || !session || !session.requester_id || !session.peer_id) continue;
      const column = draft.user.id === session.peer_id ? 'peer_contact_attempts' : 'requester_contact_attempts';
      const [rows]: [Array<{ attempts: number }>, number] = await tx.em.query(
        `UPDATE support_sessions SET ${column} = ${column} + 1 WHERE id = $1 RETURNING ${column} AS attempts`,
        [session.id],
      );
      const attempts = rows[0]?.attempts ?? 1;
      const participantIds: [string, string] = [session.requester_id, session.peer_id];
      tx.emit('support.contact.detected', { sessionId: session.id, roomId: message.roomId, messageId: message.id, authorId: draft.user.id, participantIds, attempts, kinds });
      await this.notifications.create(
        tx,
        participantIds.map((userId) => ({ userId, kind: 'support_reminder' as const, data: { sessionId: session.id, roomId: message.roomId, messageId: message.id } })),
      );
      if (attempts >= threshold) {
        await this.cases.open(tx, { reason: 'off_platform_contact', sessionId: session.id, roomId: message.roomId, userId: draft.user.id, messageIds: [message.id], attempts });
      }
    }
  }
}
