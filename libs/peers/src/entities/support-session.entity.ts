import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A private 1:1 session between a member and a peer, in a `support` room only the two can read. */
@Entity('support_sessions')
export class SupportSession {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'request_id', type: 'uuid', nullable: true })
  requestId: string | null;

  @Column({ name: 'requester_id', type: 'uuid', nullable: true })
  requesterId: string | null;

  @Column({ name: 'peer_id', type: 'uuid', nullable: true })
  peerId: string | null;

  @Column({ name: 'room_id', type: 'uuid' })
  roomId: string;

  @Column({ name: 'community_id', type: 'uuid', nullable: true })
  communityId: string | null;

  @Column({ type: 'varchar', length: 16, default: 'active' })
  status: 'active' | 'ended';

  @Column({ name: 'started_at', type: 'timestamptz', default: () => 'now()' })
  startedAt: Date;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  @Column({ name: 'ended_by', type: 'uuid', nullable: true })
  endedBy: string | null;

  @Column({ name: 'end_reason', type: 'varchar', length: 16, nullable: true })
  endReason: 'ended' | 'rematch' | 'handover' | null;

  @Column({ name: 'crisis_alert', type: 'boolean', default: false })
  crisisAlert: boolean;

  @Column({ name: 'handover_to_peer_id', type: 'uuid', nullable: true })
  handoverToPeerId: string | null;

  @Column({ name: 'handover_proposed_at', type: 'timestamptz', nullable: true })
  handoverProposedAt: Date | null;

  @Column({ name: 'requester_contact_attempts', type: 'int', default: 0 })
  requesterContactAttempts: number;

  @Column({ name: 'peer_contact_attempts', type: 'int', default: 0 })
  peerContactAttempts: number;

  @Column({ name: 'feedback_rating', type: 'smallint', nullable: true })
  feedbackRating: number | null;

  @Column({ name: 'feedback_note', type: 'varchar', length: 1000, nullable: true })
  feedbackNote: string | null;

  @Column({ name: 'feedback_at', type: 'timestamptz', nullable: true })
  feedbackAt: Date | null;
}
