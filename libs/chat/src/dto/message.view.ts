import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class MessageAuthorView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
}

export class ReactionCountView {
  @ApiProperty() emoji: string;
  @ApiProperty() count: number;
}

export class MessageView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) roomId: string;
  @ApiProperty({ description: 'Per room, from 1, no gaps' }) seq: number;
  @ApiProperty() clientMsgId: string;
  @ApiProperty({ type: MessageAuthorView, nullable: true }) author: MessageAuthorView | null;
  @ApiProperty({ nullable: true, type: String, description: 'null for a deleted or hidden message (tombstone)' }) body: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) replyToId: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) editedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) deletedAt: string | null;
  @ApiProperty({ description: 'Hidden by a moderator' }) hidden: boolean;
  @ApiProperty({ type: [ReactionCountView] }) reactions: ReactionCountView[];
  @ApiPropertyOptional({ enum: [true], description: 'Present while an automod rule holds the message for review: only its author (and the room moderators, in their queue) see the body' })
  held?: true;
  @ApiPropertyOptional({ enum: ['held', 'blocked'], description: 'Present when the body is withheld from this reader: held for review, or written by someone the reader blocked (the seq keeps its place)' })
  placeholder?: 'held' | 'blocked';
}

export class MessagePageView {
  @ApiProperty({ type: [MessageView] }) messages: MessageView[];
  @ApiProperty() hasMore: boolean;
}

export class RoomSummaryView {
  @ApiProperty({ format: 'uuid' }) roomId: string;
  @ApiProperty({ enum: ['group', 'direct', 'support'] }) kind: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) groupId: string | null;
  @ApiProperty({ type: [MessageAuthorView], description: 'For direct and support rooms: the other people in it' }) others: MessageAuthorView[];
  @ApiProperty() lastSeq: number;
  @ApiProperty() lastReadSeq: number;
  @ApiProperty({ description: 'Messages by others after my read marker (capped at 1000)' }) unreadCount: number;
  @ApiProperty({ nullable: true, type: String }) lastMessageAt: string | null;
}

/** The columns every message query selects (`msg` messages, `u` its author). */
export const MESSAGE_COLUMNS = `msg.id, msg.room_id, msg.seq, msg.client_msg_id, msg.author_id, u.username, u.display_name,
  msg.body, msg.reply_to_id, msg.created_at, msg.edited_at, msg.deleted_at, msg.hidden_at, msg.held_at`;

/** A row as the message queries return it (snake_case from SQL). */
export interface MessageRow {
  id: string;
  room_id: string;
  seq: string | number;
  client_msg_id: string;
  author_id: string | null;
  username: string | null;
  display_name: string | null;
  body: string | null;
  reply_to_id: string | null;
  created_at: Date;
  edited_at: Date | null;
  deleted_at: Date | null;
  hidden_at: Date | null;
  held_at?: Date | null;
}

export function toMessageView(r: MessageRow, reactions: ReactionCountView[] = []): MessageView {
  const tombstone = r.deleted_at !== null || r.hidden_at !== null;
  const view: MessageView = {
    id: r.id,
    roomId: r.room_id,
    seq: Number(r.seq),
    clientMsgId: r.client_msg_id,
    author: r.author_id ? { id: r.author_id, username: r.username ?? '', displayName: r.display_name ?? r.username ?? '' } : null,
    body: tombstone ? null : r.body,
    replyToId: r.reply_to_id,
    createdAt: r.created_at.toISOString(),
    editedAt: r.edited_at?.toISOString() ?? null,
    deletedAt: r.deleted_at?.toISOString() ?? null,
    hidden: r.hidden_at !== null,
    reactions: tombstone ? [] : reactions,
  };
  if (r.held_at && !tombstone) view.held = true;
  return view;
}

/**
 * The message as a reader who must not see it gets it: same id and seq (so seqs
 * stay gap-free), no body, no reactions. `held`: waiting for a moderator;
 * `blocked`: written by someone the reader blocked.
 */
export function placeholderOf(m: MessageView, why: 'held' | 'blocked'): MessageView {
  return { ...m, body: null, reactions: [], placeholder: why };
}

/** What `viewerId` may see of a message: held messages are the author's alone; a blocked author's are placeholders. */
export function viewFor(m: MessageView, viewerId: string, blockedAuthor: boolean): MessageView {
  if (m.body === null) return m;
  if (blockedAuthor) return placeholderOf(m, 'blocked');
  if (m.held && m.author?.id !== viewerId) return placeholderOf(m, 'held');
  return m;
}
