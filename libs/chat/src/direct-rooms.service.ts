import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppError, AuthUser, ErrorCode } from '@hearth/common';
import type { ModerationConfig } from '@hearth/config';
import { isUniqueViolation, Transactions } from '@hearth/database';
import { BlocksService, UsersService, usersErrors } from '@hearth/users';
import { chatErrors } from './chat.errors';
import { RoomsService } from './rooms.service';
import { RoomSummaryView } from './dto/message.view';

/** Direct conversations between two people, honouring the recipient's DM setting and blocks. */
@Injectable()
export class DirectRoomsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly rooms: RoomsService,
    private readonly users: UsersService,
    private readonly blocks: BlocksService,
    private readonly config: ConfigService,
  ) {}

  /** Accounts in their first hours may open conversations with peer workers only (an anti-abuse limit, issue 8). */
  private async assertNotTooNew(caller: AuthUser, other: { role: string }): Promise<void> {
    const hours = this.config.getOrThrow<ModerationConfig>('moderation').newAccountHours;
    if (!hours || other.role === 'peer' || other.role === 'admin' || caller.role !== 'member') return;
    const me = await this.users.findById(caller.id);
    if (me && me.createdAt.getTime() > Date.now() - hours * 3600_000) {
      throw new AppError(ErrorCode.NEW_ACCOUNT_LIMIT, `New accounts can start direct conversations only with peer workers during their first ${hours} hours`);
    }
  }

  async open(caller: AuthUser, otherId: string): Promise<RoomSummaryView> {
    if (otherId === caller.id) throw chatErrors.self('open a conversation with');
    const other = await this.users.findById(otherId);
    if (!other || other.status !== 'active') throw usersErrors.userNotFound();
    const refuse = chatErrors.dmNotAllowed;
    if (await this.blocks.eitherBlocked(caller.id, otherId)) throw refuse();
    const directKey = [caller.id, otherId].sort().join(':');
    const existing: Array<{ id: string }> = await this.dataSource.query(`SELECT id FROM rooms WHERE direct_key = $1`, [directKey]);
    if (!existing[0]) {
      await this.assertNotTooNew(caller, other);
      const allowed =
        other.dmPolicy === 'anyone' ||
        (other.dmPolicy === 'peers' && (caller.role === 'peer' || caller.role === 'admin')) ||
        (other.dmPolicy === 'shared_groups' && (await this.shareAGroup(caller.id, otherId)));
      if (!allowed) throw refuse();
    }
    let roomId = existing[0]?.id;
    if (!roomId) {
      try {
        roomId = await this.transactions.run(async (tx) => {
          const room = await this.rooms.createRoom(tx.em, { kind: 'direct', directKey });
          await this.rooms.addMember(tx, room.id, caller.id);
          await this.rooms.addMember(tx, room.id, otherId);
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
}
