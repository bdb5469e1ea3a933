import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** When the peer read a share: shown to the owner ("who read it when"). */
@Entity('recovery_share_reads')
export class RecoveryShareRead {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'share_id', type: 'uuid' })
  shareId: string;

  @Column({ name: 'reader_id', type: 'uuid' })
  readerId: string;

  @Column({ name: 'read_at', type: 'timestamptz', default: () => 'now()' })
  readAt: Date;
}
