import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuthUser, cursorTimestampSql, escapeLike, isPlatformAdmin, keyset, Page } from '@hearth/common';
import { communityErrors, CommunitiesService } from '@hearth/communities';
import { isUniqueViolation, Transactions } from '@hearth/database';
import { RoomsService } from '@hearth/chat';
import { ThemesService } from '@hearth/themes';
import { UsersService } from '@hearth/users';
import { Group, GroupVisibility, JoinPolicy } from './entities/group.entity';
import { GroupRole } from './entities/group-member.entity';
import { GroupJoinRequest } from './entities/group-join-request.entity';
import { CreateGroupDto } from './dto/create-group.dto';
import { UpdateGroupDto } from './dto/update-group.dto';
import { ListGroupsDto } from './dto/list-groups.dto';
import { GroupView, JoinResultView, RecommendedGroupView } from './dto/group.view';
import { canAdminister, canModerate, GroupActor } from './group-access';
import { GroupAccess } from './group-access.service';
import { GroupMembers } from './group-members';
import { groupErrors } from './groups.errors';
import { myJoinRequestView } from './join-requests.service';
import { rankRecommendations, RecommendationCandidate } from './recommendations';

interface GroupRow {
  id: string;
  community_id: string;
  room_id: string;
  name: string;
  description: string;
  rules: string | null;
  visibility: GroupVisibility;
  join_policy: JoinPolicy;
  languages: string[];
  max_members: number | null;
  created_at: Date;
  archived_at: Date | null;
  community_name: string;
  community_slug: string;
  last_message_at: Date | null;
  member_count: number;
  viewer_role: GroupRole | null;
  viewer_pending: boolean;
  created_key: string;
}

/** $1 is always the caller's id. */
const SELECT_GROUPS = `
  SELECT g.id, g.community_id, g.room_id, g.name, g.description, g.rules, g.visibility, g.join_policy, g.languages,
         g.max_members, g.created_at, g.archived_at, c.name AS community_name, c.slug AS community_slug, r.last_message_at,
         (SELECT count(*) FROM group_members m WHERE m.group_id = g.id)::int AS member_count,
         my.role AS viewer_role,
         EXISTS (SELECT 1 FROM group_join_requests jr WHERE jr.group_id = g.id AND jr.user_id = $1 AND jr.status = 'pending') AS viewer_pending,
         ${cursorTimestampSql('g.created_at')} AS created_key
    FROM groups g
    JOIN communities c ON c.id = g.community_id
    JOIN rooms r ON r.id = g.room_id
    LEFT JOIN group_members my ON my.group_id = g.id AND my.user_id = $1`;

@Injectable()
export class GroupsService implements OnModuleInit {
  private readonly logger = new Logger('Groups');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly communities: CommunitiesService,
    private readonly themes: ThemesService,
    private readonly rooms: RoomsService,
    private readonly users: UsersService,
    private readonly access: GroupAccess,
    private readonly members: GroupMembers,
  ) {}

  onModuleInit(): void {
    this.communities.registerArchiveHook((em, communityId) => this.archiveAllInCommunity(em, communityId));
  }

  async create(caller: AuthUser, communityId: string, dto: CreateGroupDto): Promise<GroupView> {
    const groupId = randomUUID();
    try {
      await this.transactions.run(async (tx) => {
        const { em } = tx;
        const community = await this.communities.getById(communityId, em);
        if (community.archivedAt) throw communityErrors.archived();
        const staff = await this.communities.canAdminister(caller, communityId, em);
        if (!staff && !community.membersCanCreateGroups) throw groupErrors.onlyCommunityAdminsCreate();
        // Validate the themes before writing anything.
        await this.themes.resolveIds(em, dto.themeIds);
        const room = await this.rooms.createRoom(em, { kind: 'group', groupId });
        await em.insert(Group, {
          id: groupId,
          communityId,
          roomId: room.id,
          name: dto.name.trim(),
          description: dto.description.trim(),
          rules: dto.rules?.trim() || null,
          visibility: dto.visibility,
          joinPolicy: dto.joinPolicy,
          languages: (dto.languages ?? []).map((l) => l.toLowerCase()),
          maxMembers: dto.maxMembers ?? null,
          createdBy: caller.id,
        });
        await this.themes.setGroupThemes(em, groupId, dto.themeIds);
        await this.members.add(tx, { id: groupId, roomId: room.id, communityId, maxMembers: dto.maxMembers ?? null }, caller.id, 'create', 'owner');
      });
    } catch (e) {
      if (isUniqueViolation(e, 'groups_community_name_key')) {
        throw groupErrors.nameTaken(dto.name);
      }
      throw e;
    }
    this.logger.log({ userId: caller.id, groupId, communityId }, 'Group created');
    return this.view(caller, groupId);
  }

  async get(caller: AuthUser, groupId: string): Promise<GroupView> {
    await this.access.require(caller, groupId, 'view');
    return this.view(caller, groupId);
  }

  async update(caller: AuthUser, groupId: string, dto: UpdateGroupDto): Promise<GroupView> {
    try {
      await this.dataSource.transaction(async (em) => {
        await this.access.require(caller, groupId, 'administer', { em, lock: true, writable: true, doing: 'can change its settings' });
        const patch: Partial<Group> = {};
        if (dto.name !== undefined) patch.name = dto.name.trim();
        if (dto.description !== undefined) patch.description = dto.description.trim();
        if (dto.rules !== undefined) patch.rules = dto.rules?.trim() || null;
        if (dto.visibility !== undefined) patch.visibility = dto.visibility;
        if (dto.joinPolicy !== undefined) patch.joinPolicy = dto.joinPolicy;
        if (dto.languages !== undefined) patch.languages = dto.languages.map((l) => l.toLowerCase());
        if (dto.maxMembers !== undefined) patch.maxMembers = dto.maxMembers;
        if (dto.themeIds !== undefined) await this.themes.setGroupThemes(em, groupId, dto.themeIds);
        if (Object.keys(patch).length) await em.update(Group, { id: groupId }, patch);
      });
    } catch (e) {
      if (isUniqueViolation(e, 'groups_community_name_key')) {
        throw groupErrors.nameTaken(dto.name);
      }
      throw e;
    }
    return this.view(caller, groupId);
  }

  /** Read-only from now on: the room takes no messages, pending requests are declined, invites stop working. */
  async archive(caller: AuthUser, groupId: string): Promise<GroupView> {
    await this.dataSource.transaction(async (em) => {
      const ctx = await this.access.require(caller, groupId, 'administer', { em, lock: true, doing: 'can archive it' });
      if (ctx.archivedAt) return;
      await this.archiveOne(em, ctx.id, ctx.roomId);
    });
    this.logger.log({ userId: caller.id, groupId }, 'Group archived');
    return this.view(caller, groupId);
  }

  async list(caller: AuthUser, query: ListGroupsDto): Promise<Page<GroupView>> {
    const page = keyset(query, { t: 'string', i: 'uuid' });
    const params: unknown[] = [caller.id];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const where = ['g.archived_at IS NULL', 'c.archived_at IS NULL'];
    if (!isPlatformAdmin(caller)) {
      const adminOf = [...(await this.communities.adminCommunityIds(caller.id))];
      where.push(`(g.visibility = 'public' OR my.user_id IS NOT NULL OR g.community_id = ANY(${p(adminOf)}::uuid[]))`);
    }
    if (query.theme) {
      const themeId = await this.themes.currentId(query.theme);
      if (!themeId) return { items: [], nextCursor: null };
      where.push(`EXISTS (SELECT 1 FROM group_themes gt WHERE gt.group_id = g.id AND gt.theme_id = ${p(themeId)})`);
    }
    if (query.communityId) where.push(`g.community_id = ${p(query.communityId)}`);
    if (query.language) where.push(`${p(query.language.toLowerCase())}::text = ANY(g.languages)`);
    const q = query.q?.trim();
    if (q) {
      where.push(
        `(hearth_fold(g.name || ' ' || g.description) LIKE '%' || hearth_fold(${p(escapeLike(q))}) || '%' OR hearth_fold(${p(q)}) <% hearth_fold(g.name || ' ' || g.description))`,
      );
    }
    if (page.after) where.push(`(g.created_at, g.id) < (${p(page.after.t)}::timestamptz, ${p(page.after.i)}::uuid)`);
    const rows: GroupRow[] = await this.dataSource.query(
      `${SELECT_GROUPS} WHERE ${where.join(' AND ')} ORDER BY g.created_at DESC, g.id DESC LIMIT ${p(page.take)}`,
      params,
    );
    const { rows: kept, nextCursor } = page.page(rows, (last) => ({ t: last.created_key, i: last.id }));
    return { items: await this.toViews(caller, kept), nextCursor };
  }

  /** Every group I am in, archived ones included, most recently active first. */
  async myGroups(caller: AuthUser): Promise<GroupView[]> {
    const rows: GroupRow[] = await this.dataSource.query(
      `${SELECT_GROUPS} WHERE my.user_id IS NOT NULL ORDER BY COALESCE(r.last_message_at, g.created_at) DESC, g.id LIMIT 500`,
      [caller.id],
    );
    return this.toViews(caller, rows);
  }

  /**
   * Groups that share my themes and languages, that I could join (public, not invite-only,
   * not full, not already mine or asked for) and that are alive; each with the reason.
   * Without themes, active and welcoming groups still come up.
   */
  async recommendations(caller: AuthUser, limit = 10): Promise<RecommendedGroupView[]> {
    const me = await this.users.getById(caller.id);
    const myThemes = await this.themes.themesOfUser(caller.id);
    const themeIds = myThemes.map((t) => t.id);
    const languages = me.languages.map((l) => l.toLowerCase());
    const rows: Array<{
      id: string;
      join_policy: 'open' | 'approval';
      languages: string[];
      max_members: number | null;
      member_count: number;
      last_message_at: Date | null;
      created_at: Date;
      shared_themes: string[];
    }> = await this.dataSource.query(
      `SELECT g.id, g.join_policy, g.languages, g.max_members, mc.member_count, r.last_message_at, g.created_at,
              ARRAY(SELECT t.name FROM group_themes gt JOIN themes t ON t.id = gt.theme_id
                     WHERE gt.group_id = g.id AND gt.theme_id = ANY($2::uuid[]) ORDER BY t.name) AS shared_themes
         FROM groups g
         JOIN communities c ON c.id = g.community_id
         JOIN rooms r ON r.id = g.room_id
         CROSS JOIN LATERAL (SELECT count(*)::int AS member_count FROM group_members m WHERE m.group_id = g.id) mc
        WHERE g.visibility = 'public' AND g.join_policy IN ('open', 'approval')
          AND g.archived_at IS NULL AND c.archived_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM group_members m WHERE m.group_id = g.id AND m.user_id = $1)
          AND NOT EXISTS (SELECT 1 FROM group_join_requests jr WHERE jr.group_id = g.id AND jr.user_id = $1 AND jr.status = 'pending')
          AND (g.max_members IS NULL OR mc.member_count < g.max_members)
          AND (cardinality(g.languages) = 0 OR cardinality($3::text[]) = 0 OR g.languages && $3::text[])
        ORDER BY (SELECT count(*) FROM group_themes gt WHERE gt.group_id = g.id AND gt.theme_id = ANY($2::uuid[])) DESC,
                 COALESCE(r.last_message_at, g.created_at) DESC
        LIMIT 300`,
      [caller.id, themeIds, languages],
    );
    const candidates: Array<RecommendationCandidate & { sharedThemes: string[] }> = rows.map((r) => ({
      id: r.id,
      joinPolicy: r.join_policy,
      sharedThemes: r.shared_themes,
      sharedLanguages: r.languages.filter((l) => languages.includes(l)),
      memberCount: r.member_count,
      maxMembers: r.max_members,
      lastMessageAt: r.last_message_at,
      createdAt: r.created_at,
    }));
    const ranked = rankRecommendations(candidates, new Date(), limit);
    const views = new Map((await this.viewsByIds(caller, ranked.map((r) => r.id))).map((v) => [v.id, v]));
    return ranked.flatMap((r) => {
      const v = views.get(r.id);
      return v ? [{ ...v, reason: r.reason, sharedThemes: r.sharedThemes }] : [];
    });
  }

  // ---- shared with the memberships, requests and invites services ----

  async view(caller: AuthUser, groupId: string): Promise<GroupView> {
    const [v] = await this.viewsByIds(caller, [groupId]);
    if (!v) throw groupErrors.groupNotFound();
    return v;
  }

  /** What joining (or asking to join) led to, with the group as the person now sees it. */
  async joinResult(caller: AuthUser, groupId: string, status: 'member' | 'pending', request: GroupJoinRequest | null): Promise<JoinResultView> {
    const group = await this.view(caller, groupId);
    return {
      status,
      message:
        status === 'member'
          ? `You are a member of ${group.name}`
          : `Your request to join ${group.name} is pending: its moderators will approve or decline it`,
      group,
      request: request ? myJoinRequestView(request, group.name) : null,
    };
  }

  private async viewsByIds(caller: AuthUser, ids: string[]): Promise<GroupView[]> {
    if (!ids.length) return [];
    const rows: GroupRow[] = await this.dataSource.query(`${SELECT_GROUPS} WHERE g.id = ANY($2::uuid[])`, [caller.id, ids]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return this.toViews(caller, ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : [])));
  }

  private async toViews(caller: AuthUser, rows: GroupRow[]): Promise<GroupView[]> {
    const themes = await this.themes.themesOfGroups(rows.map((r) => r.id));
    const adminOf = isPlatformAdmin(caller) ? new Set<string>() : await this.communities.adminCommunityIds(caller.id);
    return rows.map((r) => {
      const actor: GroupActor = { role: r.viewer_role, communityAdmin: adminOf.has(r.community_id), platformAdmin: isPlatformAdmin(caller) };
      return {
        id: r.id,
        communityId: r.community_id,
        community: { id: r.community_id, name: r.community_name, slug: r.community_slug },
        roomId: r.room_id,
        name: r.name,
        description: r.description,
        rules: r.rules,
        visibility: r.visibility,
        joinPolicy: r.join_policy,
        languages: r.languages,
        maxMembers: r.max_members,
        themes: themes.get(r.id) ?? [],
        memberCount: r.member_count,
        lastActivityAt: r.last_message_at?.toISOString() ?? null,
        createdAt: r.created_at.toISOString(),
        archivedAt: r.archived_at?.toISOString() ?? null,
        viewer: { role: r.viewer_role, pendingRequest: r.viewer_pending, canModerate: canModerate(actor), canAdminister: canAdminister(actor) },
      };
    });
  }

  private async archiveOne(em: EntityManager, groupId: string, roomId: string): Promise<void> {
    await em.update(Group, { id: groupId }, { archivedAt: new Date() });
    await this.rooms.setReadOnly(em, roomId, true);
    await em.query(
      `UPDATE group_join_requests SET status = 'declined', decided_at = now(), decision_reason = 'The group was archived'
        WHERE group_id = $1 AND status = 'pending'`,
      [groupId],
    );
    await em.query(`UPDATE group_invites SET revoked_at = now() WHERE group_id = $1 AND revoked_at IS NULL`, [groupId]);
  }

  private async archiveAllInCommunity(em: EntityManager, communityId: string): Promise<void> {
    const groups: Array<{ id: string; room_id: string }> = await em.query(
      `SELECT id, room_id FROM groups WHERE community_id = $1 AND archived_at IS NULL ORDER BY id FOR UPDATE`,
      [communityId],
    );
    for (const g of groups) await this.archiveOne(em, g.id, g.room_id);
  }
}
