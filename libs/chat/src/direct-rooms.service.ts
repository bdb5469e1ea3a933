import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppError, AuthUser, ErrorCode, notFound } from '@hearth/common';
import { isUniqueViolation } from '@hearth/database';
import { PublicUserView, toPublicUserView, UsersService } from '@hearth/users';
import { RoomsService } from './rooms.service';
import { RoomSummaryView } from './dto/message.view';

/** Direct conversations between two people, honouring the recipient's DM setting and blocks. */
@Injectable()
export class DirectRoomsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly rooms: RoomsService,
    private readonly users: UsersService,
  ) {}

  async open(caller: AuthUser, otherId: string): Promise<RoomSummaryView> {
    if (otherId === caller.id) throw new AppError(ErrorCode.VALIDATION_FAILED, 'You cannot open a conversation with yourself', [{ field: 'userId', message: 'is yourself' }]);
    const other = await this.users.findById(otherId);
    if (!other || other.status !== 'active') throw notFound('User');
    const refuse = () => new AppError(ErrorCode.DM_NOT_ALLOWED, 'This person is not accepting direct messages from you');
    const blocks: Array<{ n: number }> = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM user_blocks WHERE (blocker_id = $1 AND blocked_id = $2) OR (blocker_id = $2 AND blocked_id = $1)`,
      [caller.id, otherId],
    );
    if (blocks[0].n > 0) throw refuse();
    const directKey = [caller.id, otherId].sort().join(':');
    const existing: Array<{ id: string }> = await this.dataSource.query(`SELECT id FROM rooms WHERE direct_key = $1`, [directKey]);
    if (!existing[0]) {
      const allowed =
        other.dmPolicy === 'anyone' ||
        (other.dmPolicy === 'peers' && (caller.role === 'peer' || caller.role === 'admin')) ||
        (other.dmPolicy === 'shared_groups' && (await this.shareAGroup(caller.id, otherId)));
      if (!allowed) throw refuse();
    }
    let roomId = existing[0]?.id;
    if (!roomId) {
      try {
        roomId = await this.dataSource.transaction(async (em) => {
          const room = await this.rooms.createRoom(em, { kind: 'direct', directKey });
          await this.rooms.addMember(em, room.id, caller.id);
          await this.rooms.addMember(em, room.id, otherId);
          return room.id;
        });
      } catch (e) {
        if (!isUniqueViolation(e)) throw e;
        roomId = ((await this.dataSource.query(`SELECT id FROM rooms WHERE direct_key = $1`, [directKey])) as Array<{ id: string }>)[0].id;
      }
    }
    return this.rooms.summaryFor(caller.id, roomId);
  }

  private async shareAGroup(a: string, b: string): Promise<boolean> {
    const rows: Array<{ ok: boolean }> = await this.dataSource.query(
      `SELECT EXISTS (
         SELECT 1 FROM room_members ma JOIN room_members mb ON mb.room_id = ma.room_id JOIN rooms r ON r.id = ma.room_id
          WHERE r.kind = 'group' AND ma.user_id = $1 AND mb.user_id = $2) AS ok`,
      [a, b],
    );
    return rows[0].ok;
  }

  async block(caller: AuthUser, otherId: string): Promise<void> {
    if (otherId === caller.id) throw new AppError(ErrorCode.VALIDATION_FAILED, 'You cannot block yourself', [{ field: 'userId', message: 'is yourself' }]);
    const other = await this.users.findById(otherId);
    if (!other || other.status === 'deleted') throw notFound('User');
    await this.dataSource.query(`INSERT INTO user_blocks (blocker_id, blocked_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [caller.id, otherId]);
  }

  async unblock(caller: AuthUser, otherId: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM user_blocks WHERE blocker_id = $1 AND blocked_id = $2`, [caller.id, otherId]);
  }

  async listBlocked(caller: AuthUser): Promise<PublicUserView[]> {
    const rows: Array<{ blocked_id: string }> = await this.dataSource.query(`SELECT blocked_id FROM user_blocks WHERE blocker_id = $1 ORDER BY created_at`, [caller.id]);
    return (await this.users.findByIds(rows.map((r) => r.blocked_id))).map(toPublicUserView);
  }
}
