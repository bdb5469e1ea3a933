import { Injectable, Logger } from '@nestjs/common';
import { AuthUser, isPlatformAdmin } from '@hearth/common';
import { authErrors } from './auth.errors';
import { Transactions } from '@hearth/database';
import { AdminUpdateUserDto, MeView, toMeView, UsersService } from '@hearth/users';
import { AuthService } from './auth.service';

@Injectable()
export class AdminUsersService {
  private readonly logger = new Logger('AdminUsers');

  constructor(
    private readonly users: UsersService,
    private readonly auth: AuthService,
    private readonly transactions: Transactions,
  ) {}

  private assertAdmin(caller: AuthUser): void {
    if (!isPlatformAdmin(caller)) throw authErrors.onlyPlatformAdmins();
  }

  async search(caller: AuthUser, q?: string): Promise<MeView[]> {
    this.assertAdmin(caller);
    return (await this.users.search(q, 50)).map((u) => toMeView(u));
  }

  async update(caller: AuthUser, userId: string, dto: AdminUpdateUserDto): Promise<MeView> {
    this.assertAdmin(caller);
    if (!dto.role && !dto.status) throw authErrors.nothingToChange();
    if (userId === caller.id && (dto.status === 'suspended' || (dto.role && dto.role !== 'admin'))) {
      throw authErrors.adminSelfDemotion();
    }
    const user = await this.transactions.run(async (tx) => {
      const u = await this.users.setRoleAndStatus(userId, { role: dto.role, status: dto.status }, tx.em);
      if (dto.status === 'suspended') {
        await this.auth.revokeSessions({ userId, sessionIds: 'all', reason: 'suspended' }, tx);
      }
      return u;
    });
    this.logger.log({ adminId: caller.id, userId, role: dto.role, status: dto.status }, 'Account changed by admin');
    return toMeView(user);
  }
}
