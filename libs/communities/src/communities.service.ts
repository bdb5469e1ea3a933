import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { AuthUser, escapeLike, isPlatformAdmin, keyset, Page } from '@hearth/common';
import { communityErrors } from './communities.errors';
import { isUniqueViolation, PG_FOREIGN_KEY_VIOLATION, pgErrorCode } from '@hearth/database';
import { UsersService, usersErrors } from '@hearth/users';
import { Community } from './entities/community.entity';
import { CommunityAdmin } from './entities/community-admin.entity';
import { CreateCommunityDto } from './dto/create-community.dto';
import { UpdateCommunityDto } from './dto/update-community.dto';
import { ListCommunitiesDto } from './dto/list-communities.dto';
import { CommunityAdminView, CommunityView, toCommunityView } from './dto/community.view';

/** Runs inside the archiving transaction, so dependent objects (groups) are archived with the community or not at all. */
export type CommunityArchiveHook = (em: EntityManager, communityId: string) => Promise<void>;

@Injectable()
export class CommunitiesService {
  private readonly logger = new Logger('Communities');
  private readonly archiveHooks: CommunityArchiveHook[] = [];

  constructor(
    @InjectRepository(Community) private readonly communities: Repository<Community>,
    @InjectRepository(CommunityAdmin) private readonly admins: Repository<CommunityAdmin>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersService,
  ) {}

  /** Lets a lib that depends on communities (groups) archive its objects in the same transaction. */
  registerArchiveHook(hook: CommunityArchiveHook): void {
    this.archiveHooks.push(hook);
  }

  async list(caller: AuthUser, query: ListCommunitiesDto): Promise<Page<CommunityView>> {
    const page = keyset(query, { n: 'string', i: 'uuid' });
    const qb = this.communities.createQueryBuilder('c').orderBy('c.name', 'ASC').addOrderBy('c.id', 'ASC').limit(page.take);
    if (query.includeArchived !== 'true' || !isPlatformAdmin(caller)) qb.andWhere('c.archived_at IS NULL');
    if (query.q?.trim()) {
      qb.andWhere(`(hearth_fold(c.name) LIKE hearth_fold(:q) OR lower(c.slug) LIKE lower(:q))`, { q: `%${escapeLike(query.q.trim())}%` });
    }
    if (page.after) qb.andWhere('(c.name, c.id) > (:n, :i)', { n: page.after.n, i: page.after.i });
    const { rows, nextCursor } = page.page(await qb.getMany(), (last) => ({ n: last.name, i: last.id }));
    const adminOf = await this.adminCommunityIds(caller.id);
    return { items: rows.map((c) => toCommunityView(c, isPlatformAdmin(caller) || adminOf.has(c.id))), nextCursor };
  }

  async create(caller: AuthUser, dto: CreateCommunityDto): Promise<CommunityView> {
    if (!isPlatformAdmin(caller)) throw communityErrors.onlyPlatformAdmins('can create communities');
    try {
      const saved = await this.communities.save(
        this.communities.create({
          name: dto.name.trim(),
          slug: dto.slug,
          description: dto.description.trim(),
          codeOfConduct: dto.codeOfConduct?.trim() ?? '',
          languages: (dto.languages ?? []).map((l) => l.toLowerCase()),
          membersCanCreateGroups: dto.membersCanCreateGroups ?? false,
          createdBy: caller.id,
        }),
      );
      this.logger.log({ adminId: caller.id, communityId: saved.id }, 'Community created');
      return toCommunityView(saved, true);
    } catch (e) {
      if (isUniqueViolation(e, 'communities_slug_key')) {
        throw communityErrors.slugTaken(dto.slug);
      }
      throw e;
    }
  }

  async get(caller: AuthUser, communityId: string): Promise<CommunityView> {
    const c = await this.getById(communityId);
    return toCommunityView(c, await this.canAdminister(caller, communityId));
  }

  async update(caller: AuthUser, communityId: string, dto: UpdateCommunityDto): Promise<CommunityView> {
    const c = await this.getById(communityId);
    await this.assertCanAdminister(caller, communityId);
    if (c.archivedAt) throw communityErrors.archived();
    if (dto.name !== undefined) c.name = dto.name.trim();
    if (dto.description !== undefined) c.description = dto.description.trim();
    if (dto.codeOfConduct !== undefined) c.codeOfConduct = dto.codeOfConduct.trim();
    if (dto.languages !== undefined) c.languages = dto.languages.map((l) => l.toLowerCase());
    if (dto.membersCanCreateGroups !== undefined) c.membersCanCreateGroups = dto.membersCanCreateGroups;
    return toCommunityView(await this.communities.save(c), true);
  }

  /** Archives the community and, through the hooks, every group in it (their rooms become read-only). */
  async archive(caller: AuthUser, communityId: string): Promise<CommunityView> {
    if (!isPlatformAdmin(caller)) throw communityErrors.onlyPlatformAdmins('can archive communities');
    const saved = await this.dataSource.transaction(async (em) => {
      const c = await em.findOne(Community, { where: { id: communityId }, lock: { mode: 'pessimistic_write' } });
      if (!c) throw communityErrors.communityNotFound();
      if (c.archivedAt) return c;
      c.archivedAt = new Date();
      await em.save(c);
      for (const hook of this.archiveHooks) await hook(em, communityId);
      return c;
    });
    this.logger.log({ adminId: caller.id, communityId }, 'Community archived');
    return toCommunityView(saved, true);
  }

  async listAdmins(communityId: string): Promise<CommunityAdminView[]> {
    await this.getById(communityId);
    const rows = await this.admins.find({ where: { communityId }, order: { createdAt: 'ASC' } });
    const people = new Map((await this.users.findByIds(rows.map((r) => r.userId))).map((u) => [u.id, u]));
    return rows.flatMap((r) => {
      const u = people.get(r.userId);
      return u && u.status !== 'deleted' ? [{ userId: r.userId, displayName: u.displayName, appointedAt: r.createdAt.toISOString() }] : [];
    });
  }

  async appointAdmin(caller: AuthUser, communityId: string, userId: string): Promise<CommunityAdminView[]> {
    if (!isPlatformAdmin(caller)) throw communityErrors.onlyPlatformAdmins('can appoint community admins');
    await this.getById(communityId);
    const user = await this.users.findById(userId);
    if (!user || user.status !== 'active') throw usersErrors.userNotFound();
    try {
      await this.admins
        .createQueryBuilder()
        .insert()
        .into(CommunityAdmin)
        .values({ communityId, userId, appointedBy: caller.id })
        .orIgnore()
        .execute();
    } catch (e) {
      if (pgErrorCode(e) === PG_FOREIGN_KEY_VIOLATION) throw usersErrors.userNotFound();
      throw e;
    }
    this.logger.log({ adminId: caller.id, communityId, userId }, 'Community admin appointed');
    return this.listAdmins(communityId);
  }

  async removeAdmin(caller: AuthUser, communityId: string, userId: string): Promise<void> {
    if (!isPlatformAdmin(caller)) throw communityErrors.onlyPlatformAdmins('can remove community admins');
    await this.getById(communityId);
    const res = await this.admins.delete({ communityId, userId });
    if (!res.affected) throw communityErrors.adminNotFound();
    this.logger.log({ adminId: caller.id, communityId, userId }, 'Community admin removed');
  }

  // ---- for other libs (groups) ----

  async getById(communityId: string, em: EntityManager = this.communities.manager): Promise<Community> {
    const c = await em.findOne(Community, { where: { id: communityId } });
    if (!c) throw communityErrors.communityNotFound();
    return c;
  }

  async isCommunityAdmin(userId: string, communityId: string, em: EntityManager = this.admins.manager): Promise<boolean> {
    return (await em.count(CommunityAdmin, { where: { userId, communityId } })) > 0;
  }

  /** The admins of one community (ids), e.g. for the moderators of a group's room. */
  async adminIds(communityId: string, em: EntityManager = this.admins.manager): Promise<string[]> {
    const rows = await em.find(CommunityAdmin, { where: { communityId }, select: { userId: true }, order: { userId: 'ASC' } });
    return rows.map((r) => r.userId);
  }

  async adminCommunityIds(userId: string): Promise<Set<string>> {
    const rows = await this.admins.find({ where: { userId }, select: { communityId: true } });
    return new Set(rows.map((r) => r.communityId));
  }

  /** Platform admins everywhere; community admins in their own community only. */
  async canAdminister(caller: AuthUser, communityId: string, em?: EntityManager): Promise<boolean> {
    return isPlatformAdmin(caller) || this.isCommunityAdmin(caller.id, communityId, em);
  }

  async assertCanAdminister(caller: AuthUser, communityId: string, em?: EntityManager): Promise<void> {
    if (!(await this.canAdminister(caller, communityId, em))) throw communityErrors.onlyCommunityAdmins();
  }
}
