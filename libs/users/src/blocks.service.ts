import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import type { AuthUser } from '@hearth/common';
import { UserBlock } from './entities/user-block.entity';
import { PublicUserView, toPublicUserView } from './dto/user.view';
import { usersErrors } from './users.errors';
import { UsersService } from './users.service';

/** People's own safety settings: whom they have blocked. */
@Injectable()
export class BlocksService {
  constructor(
    @InjectRepository(UserBlock) private readonly blocks: Repository<UserBlock>,
    private readonly users: UsersService,
  ) {}

  async block(caller: AuthUser, otherId: string): Promise<void> {
    if (otherId === caller.id) throw usersErrors.self('block');
    const other = await this.users.findById(otherId);
    if (!other || other.status === 'deleted') throw usersErrors.userNotFound();
    await this.blocks.createQueryBuilder().insert().into(UserBlock).values({ blockerId: caller.id, blockedId: otherId }).orIgnore().execute();
  }

  async unblock(caller: AuthUser, otherId: string): Promise<void> {
    await this.blocks.delete({ blockerId: caller.id, blockedId: otherId });
  }

  async listBlocked(caller: AuthUser): Promise<PublicUserView[]> {
    const rows = await this.blocks.find({ where: { blockerId: caller.id }, order: { createdAt: 'ASC' } });
    return (await this.users.findByIds(rows.map((r) => r.blockedId))).map(toPublicUserView);
  }

  /** True when either person has blocked the other. */
  async eitherBlocked(a: string, b: string, em: EntityManager = this.blocks.manager): Promise<boolean> {
    const n = await em.count(UserBlock, { where: [{ blockerId: a, blockedId: b }, { blockerId: b, blockedId: a }] });
    return n > 0;
  }
}
