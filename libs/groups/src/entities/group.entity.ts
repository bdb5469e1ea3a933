import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export type GroupVisibility = 'public' | 'private';
export type JoinPolicy = 'open' | 'approval' | 'invite';

/** People gathered around one or more themes inside a community, with one chat room. */
@Entity('groups')
export class Group {
  /** Chosen in code so the room can point at the group before the group row exists. */
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'community_id', type: 'uuid' })
  communityId: string;

  @Column({ name: 'room_id', type: 'uuid' })
  roomId: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 2000 })
  description: string;

  @Column({ type: 'varchar', length: 4000, nullable: true })
  rules: string | null;

  @Column({ type: 'varchar', length: 16 })
  visibility: GroupVisibility;

  @Column({ name: 'join_policy', type: 'varchar', length: 16 })
  joinPolicy: JoinPolicy;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  languages: string[];

  @Column({ name: 'max_members', type: 'integer', nullable: true })
  maxMembers: number | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true })
  archivedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
