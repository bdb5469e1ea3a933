import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuthUser } from '@hearth/common';
import { Transactions, Tx } from '@hearth/database';
import { GroupInvite } from './entities/group-invite.entity';
import { GroupContext, groupAccessError, groupWriteError } from './group-access';
import { GroupAccess } from './group-access.service';
import { GroupMembers } from './group-members';
import { GroupsService } from './groups.service';
import { groupErrors } from './groups.errors';
import { CreateInviteDto } from './dto/create-invite.dto';
import { CreatedInviteView, InvitePreviewView, InviteView, JoinResultView } from './dto/group.view';

const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

const toInviteView = (i: GroupInvite): InviteView => ({
  id: i.id,
  groupId: i.groupId,
  expiresAt: i.expiresAt.toISOString(),
  maxUses: i.maxUses,
  uses: i.uses,
  revokedAt: i.revokedAt?.toISOString() ?? null,
  createdAt: i.createdAt.toISOString(),
});

/** Invite links: made and revoked by moderators, used by anyone who holds the token (the token is the proof, even for private groups). */
@Injectable()
export class GroupInvitesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: GroupAccess,
    private readonly members: GroupMembers,
    private readonly groups: GroupsService,
    private readonly transactions: Transactions,
  ) {}

  async create(caller: AuthUser, groupId: string, dto: CreateInviteDto): Promise<CreatedInviteView> {
    await this.access.require(caller, groupId, 'moderate', { writable: true, doing: 'can create invite links' });
    const token = randomBytes(24).toString('base64url');
    const invite = await this.dataSource.manager.save(
      this.dataSource.manager.create(GroupInvite, {
        groupId,
        tokenHash: hashToken(token),
        createdBy: caller.id,
        expiresAt: new Date(Date.now() + (dto.expiresInHours ?? 168) * 3600 * 1000),
        maxUses: dto.maxUses ?? null,
        uses: 0,
      }),
    );
    return { ...toInviteView(invite), token };
  }

  async list(caller: AuthUser, groupId: string): Promise<InviteView[]> {
    await this.access.require(caller, groupId, 'moderate', { doing: 'see invite links' });
    const invites = await this.dataSource.manager.find(GroupInvite, { where: { groupId }, order: { createdAt: 'DESC' }, take: 200 });
    return invites.map(toInviteView);
  }

  /** Idempotent. */
  async revoke(caller: AuthUser, groupId: string, inviteId: string): Promise<void> {
    await this.access.require(caller, groupId, 'moderate', { doing: 'can revoke invite links' });
    const invite = await this.dataSource.manager.findOne(GroupInvite, { where: { id: inviteId, groupId } });
    if (!invite) throw groupErrors.inviteNotFound();
    if (!invite.revokedAt) await this.dataSource.manager.update(GroupInvite, { id: inviteId }, { revokedAt: new Date() });
  }

  /** What an invite leads to, so the person can decide before accepting (works for private groups: the token is the proof). */
  async preview(token: string): Promise<InvitePreviewView> {
    const invite = await this.findUsable(this.dataSource.manager, token);
    if (!invite) throw groupErrors.inviteInvalid();
    const rows: Array<{ id: string; name: string; description: string; community_id: string; community_name: string; community_slug: string; member_count: number; archived: boolean }> =
      await this.dataSource.query(
        `SELECT g.id, g.name, g.description, c.id AS community_id, c.name AS community_name, c.slug AS community_slug,
                (SELECT count(*) FROM group_members m WHERE m.group_id = g.id)::int AS member_count,
                (g.archived_at IS NOT NULL OR c.archived_at IS NOT NULL) AS archived
           FROM groups g JOIN communities c ON c.id = g.community_id WHERE g.id = $1`,
        [invite.groupId],
      );
    const g = rows[0];
    if (!g || g.archived) throw groupErrors.inviteInvalid();
    return {
      groupId: g.id,
      groupName: g.name,
      description: g.description,
      community: { id: g.community_id, name: g.community_name, slug: g.community_slug },
      memberCount: g.member_count,
      expiresAt: invite.expiresAt.toISOString(),
    };
  }

  async accept(caller: AuthUser, token: string): Promise<JoinResultView> {
    const groupId = await this.transactions.run(async (tx) => {
      const invite = await this.findUsable(tx.em, token);
      if (!invite) throw groupErrors.inviteInvalid();
      const ctx = await this.access.load(caller, invite.groupId, { em: tx.em, lock: true });
      await this.admit(tx, caller, ctx, invite);
      return ctx.id;
    });
    return this.groups.joinResult(caller, groupId, 'member', null);
  }

  /** `POST /groups/:id/join {inviteToken}`: a token for another group proves nothing about this one, and does not reveal a private group either. */
  async joinWithToken(caller: AuthUser, groupId: string, token: string): Promise<JoinResultView> {
    await this.transactions.run(async (tx) => {
      const ctx = await this.access.load(caller, groupId, { em: tx.em, lock: true });
      const invite = await this.findUsable(tx.em, token);
      if (!invite || invite.groupId !== groupId) {
        throw groupAccessError(ctx, 'view') ?? groupErrors.inviteInvalid();
      }
      await this.admit(tx, caller, ctx, invite);
    });
    return this.groups.joinResult(caller, groupId, 'member', null);
  }

  private async admit(tx: Tx, caller: AuthUser, ctx: GroupContext, invite: GroupInvite): Promise<void> {
    const { em } = tx;
    const closed = groupWriteError(ctx);
    if (closed) throw closed;
    if (ctx.actor.role) return;
    await this.members.add(tx, ctx, caller.id, 'invite');
    await em.query(`UPDATE group_invites SET uses = uses + 1 WHERE id = $1`, [invite.id]);
    // Any pending request is answered by the invite.
    await em.query(
      `UPDATE group_join_requests SET status = 'approved', decided_at = now() WHERE group_id = $1 AND user_id = $2 AND status = 'pending'`,
      [ctx.id, caller.id],
    );
  }

  /** Locks the invite row so the last use of a limited invite cannot be taken twice. */
  private async findUsable(em: EntityManager, token: string): Promise<GroupInvite | null> {
    const rows: Array<{ id: string }> = await em.query(
      `SELECT id FROM group_invites
        WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > now() AND (max_uses IS NULL OR uses < max_uses)
        ${em.queryRunner?.isTransactionActive ? 'FOR UPDATE' : ''}`,
      [hashToken(token)],
    );
    return rows[0] ? em.findOne(GroupInvite, { where: { id: rows[0].id } }) : null;
  }
}
