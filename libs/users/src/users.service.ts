import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { escapeLike, PlatformRole } from '@hearth/common';
import { isUniqueViolation } from '@hearth/database';
import { User, UserStatus } from './entities/user.entity';
import { UpdateMeDto } from './dto/update-me.dto';
import { usersErrors } from './users.errors';

@Injectable()
export class UsersService {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  async create(
    input: { username: string; displayName?: string; passwordHash: string; role?: PlatformRole },
    em: EntityManager = this.users.manager,
  ): Promise<User> {
    try {
      const user = em.create(User, {
        username: input.username,
        displayName: input.displayName?.trim() || input.username,
        passwordHash: input.passwordHash,
        role: input.role ?? 'member',
        passwordChangedAt: new Date(),
      });
      return await em.save(user);
    } catch (e) {
      if (isUniqueViolation(e, 'users_username_lower_key')) {
        throw usersErrors.usernameTaken();
      }
      throw e;
    }
  }

  findById(id: string, em: EntityManager = this.users.manager): Promise<User | null> {
    return em.findOne(User, { where: { id } });
  }

  async getById(id: string, em?: EntityManager): Promise<User> {
    const u = await this.findById(id, em);
    if (!u || u.status === 'deleted') throw usersErrors.userNotFound();
    return u;
  }

  findByIds(ids: string[]): Promise<User[]> {
    return ids.length ? this.users.find({ where: { id: In(ids) } }) : Promise.resolve([]);
  }

  /** Current display names by id; deleted accounts are left out (callers show "Former member" or drop them). */
  async displayNames(ids: string[]): Promise<Map<string, string>> {
    const users = await this.findByIds([...new Set(ids)]);
    return new Map(users.filter((u) => u.status !== 'deleted').map((u) => [u.id, u.displayName]));
  }

  /** Case-insensitive; includes the password hash (for credential checks only). */
  findByUsernameWithSecret(username: string): Promise<User | null> {
    return this.users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('lower(u.username) = lower(:username)', { username })
      .getOne();
  }

  findByUsernames(usernames: string[]): Promise<User[]> {
    if (!usernames.length) return Promise.resolve([]);
    return this.users
      .createQueryBuilder('u')
      .where('lower(u.username) IN (:...names)', { names: usernames.map((n) => n.toLowerCase()) })
      .andWhere(`u.status = 'active'`)
      .getMany();
  }

  async getPasswordHash(userId: string): Promise<string> {
    const u = await this.users.createQueryBuilder('u').addSelect('u.passwordHash').where('u.id = :userId', { userId }).getOne();
    if (!u) throw usersErrors.userNotFound();
    return u.passwordHash;
  }

  async setPasswordHash(userId: string, passwordHash: string, em: EntityManager = this.users.manager): Promise<void> {
    await em.update(User, { id: userId }, { passwordHash, passwordChangedAt: new Date() });
  }

  async updateProfile(userId: string, dto: UpdateMeDto, em: EntityManager = this.users.manager): Promise<User> {
    const user = await this.getById(userId, em);
    if (dto.displayName !== undefined) user.displayName = dto.displayName.trim() || user.username;
    if (dto.pronouns !== undefined) user.pronouns = dto.pronouns?.trim() || null;
    if (dto.bio !== undefined) user.bio = dto.bio?.trim() || null;
    if (dto.languages !== undefined) user.languages = dto.languages.map((l) => l.toLowerCase());
    if (dto.privacy?.dmPolicy !== undefined) user.dmPolicy = dto.privacy.dmPolicy;
    if (dto.privacy?.showPresence !== undefined) user.showPresence = dto.privacy.showPresence;
    return em.save(user);
  }

  async setRoleAndStatus(
    userId: string,
    change: { role?: PlatformRole; status?: Exclude<UserStatus, 'deleted'> },
    em: EntityManager = this.users.manager,
  ): Promise<User> {
    const user = await this.getById(userId, em);
    if (change.role) user.role = change.role;
    if (change.status) user.status = change.status;
    return em.save(user);
  }

  async search(q: string | undefined, limit: number): Promise<User[]> {
    const qb = this.users.createQueryBuilder('u').orderBy('lower(u.username)', 'ASC').limit(limit);
    if (q) qb.where('lower(u.username) LIKE :q OR lower(u.display_name) LIKE :q', { q: `%${escapeLike(q.toLowerCase())}%` });
    return qb.getMany();
  }
}
