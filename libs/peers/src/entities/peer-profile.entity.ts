import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AvailabilityWindow } from '../matching/availability';

/** A peer worker's profile: nothing clinical, only what helps a member choose. */
@Entity('peer_profiles')
export class PeerProfile {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'varchar', length: 500, default: '' })
  bio: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  languages: string[];

  /** Primary subtags of `languages`, for matching. */
  @Column({ name: 'language_keys', type: 'text', array: true, default: () => "'{}'" })
  languageKeys: string[];

  /** Themes from the peer's own lived experience. */
  @Column({ name: 'theme_ids', type: 'uuid', array: true, default: () => "'{}'" })
  themeIds: string[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  availability: AvailabilityWindow[];

  /** The same windows as local minutes of the week (int4multirange), for matching in SQL. */
  @Column({ name: 'availability_minutes', type: 'int4multirange', default: () => "'{}'" })
  availabilityMinutes: string;

  @Column({ name: 'time_zone', type: 'varchar', length: 64, default: 'UTC' })
  timeZone: string;

  @Column({ name: 'accepting_requests', type: 'boolean', default: false })
  acceptingRequests: boolean;

  /** The caseload cap: concurrent active sessions. */
  @Column({ name: 'max_sessions', type: 'smallint', default: 3 })
  maxSessions: number;

  @Column({ type: 'varchar', length: 32, nullable: true })
  pronouns: string | null;

  @Column({ name: 'age_band', type: 'varchar', length: 8, nullable: true })
  ageBand: string | null;

  /** The latest expiry among verified records (null: none); the `peer` role holds while this is today or later. */
  @Column({ name: 'verified_until', type: 'date', nullable: true })
  verifiedUntil: string | null;

  /** Kept in step with active sessions under this row's lock (accept, end). */
  @Column({ name: 'active_sessions', type: 'int', default: 0 })
  activeSessions: number;

  @Column({ name: 'paused_until', type: 'timestamptz', nullable: true })
  pausedUntil: Date | null;

  @Column({ name: 'debrief_session_id', type: 'uuid', nullable: true })
  debriefSessionId: string | null;

  @Column({ name: 'applied_at', type: 'timestamptz', default: () => 'now()' })
  appliedAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
