import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { AppError, ErrorCode } from '@hearth/common';
import { Room, RoomKind } from './entities/room.entity';
import { RoomMember } from './entities/room-member.entity';

/**
 * Rooms and who is in them. Other libs (groups, later peer support) call these
 * inside their own transactions, passing their EntityManager, and publish
 * `DomainEvents.RoomMemberRemoved` after commit so sockets leave at once.
 */
@Injectable()
export class RoomsService {
  constructor(
    @InjectRepository(Room) private readonly rooms: Repository<Room>,
    @InjectRepository(RoomMember) private readonly members: Repository<RoomMember>,
  ) {}

  async createRoom(em: EntityManager, input: { kind: RoomKind; groupId?: string; directKey?: string }): Promise<Room> {
    return em.save(em.create(Room, { kind: input.kind, groupId: input.groupId ?? null, directKey: input.directKey ?? null, lastSeq: 0 }));
  }

  /** Idempotent. */
  async addMember(em: EntityManager, roomId: string, userId: string): Promise<void> {
    await em
      .createQueryBuilder()
      .insert()
      .into(RoomMember)
      .values({ roomId, userId, lastReadSeq: 0 })
      .orIgnore()
      .execute();
  }

  async removeMember(em: EntityManager, roomId: string, userId: string): Promise<void> {
    await em.delete(RoomMember, { roomId, userId });
  }

  /** Archived groups keep their history but take no new messages. */
  async setReadOnly(em: EntityManager, roomId: string, readOnly: boolean): Promise<void> {
    await em.update(Room, { id: roomId }, { readOnly });
  }

  async isMember(roomId: string, userId: string, em: EntityManager = this.members.manager): Promise<boolean> {
    return (await em.count(RoomMember, { where: { roomId, userId } })) > 0;
  }

  async findRoom(roomId: string): Promise<Room | null> {
    return this.rooms.findOne({ where: { id: roomId } });
  }

  /**
   * The one access check for reading a room, shared by REST and sockets.
   * A room the caller is not in is "not found", so its existence does not leak.
   */
  async assertCanRead(userId: string, roomId: string): Promise<Room> {
    const rows: Array<Room & { member: boolean }> = await this.rooms.query(
      `SELECT r.id, r.kind, r.group_id AS "groupId", r.last_seq::int AS "lastSeq", r.read_only AS "readOnly",
              EXISTS (SELECT 1 FROM room_members m WHERE m.room_id = r.id AND m.user_id = $2) AS member
         FROM rooms r WHERE r.id = $1`,
      [roomId, userId],
    );
    const row = rows[0];
    if (!row || !row.member) throw new AppError(ErrorCode.NOT_FOUND, 'Room not found');
    return row;
  }
}
