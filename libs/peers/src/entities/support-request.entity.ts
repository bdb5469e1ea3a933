import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type SupportRequestStatus = 'waiting' | 'accepted' | 'cancelled';

/** A member's request for 1:1 support; accepted by exactly one peer. */
@Entity('support_requests')
export class SupportRequest {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'requester_id', type: 'uuid' })
  requesterId: string;

  @Column({ name: 'community_id', type: 'uuid', nullable: true })
  communityId: string | null;

  @Column({ name: 'theme_ids', type: 'uuid', array: true, default: () => "'{}'" })
  themeIds: string[];

  @Column({ type: 'varchar', length: 16 })
  language: string;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  note: string | null;

  @Column({ name: 'preferred_peer_id', type: 'uuid', nullable: true })
  preferredPeerId: string | null;

  @Column({ name: 'same_peer_as_last_time', type: 'boolean', default: false })
  samePeerAsLastTime: boolean;

  @Column({ name: 'pref_pronouns', type: 'varchar', length: 32, nullable: true })
  prefPronouns: string | null;

  @Column({ name: 'pref_age_bands', type: 'text', array: true, default: () => "'{}'" })
  prefAgeBands: string[];

  /** `peer`: only `target_peer_id` sees it until it widens; `first_available`: every matching peer. */
  @Column({ type: 'varchar', length: 16, default: 'first_available' })
  choice: 'first_available' | 'peer';

  @Column({ name: 'target_peer_id', type: 'uuid', nullable: true })
  targetPeerId: string | null;

  /** Peers who declined it, and the previous peer of a re-match or handover. */
  @Column({ name: 'excluded_peer_ids', type: 'uuid', array: true, default: () => "'{}'" })
  excludedPeerIds: string[];

  @Column({ type: 'varchar', length: 16, default: 'new' })
  origin: 'new' | 'rematch' | 'handover';

  @Column({ name: 'previous_session_id', type: 'uuid', nullable: true })
  previousSessionId: string | null;

  @Column({ type: 'varchar', length: 16, default: 'waiting' })
  status: SupportRequestStatus;

  @Column({ name: 'accepted_by', type: 'uuid', nullable: true })
  acceptedBy: string | null;

  @Column({ name: 'accepted_at', type: 'timestamptz', nullable: true })
  acceptedAt: Date | null;

  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
