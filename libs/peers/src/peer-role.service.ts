import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@hearth/audit';
import { AuthUser, PlatformRole, RoleValidity } from '@hearth/common';
import { Transactions, Tx } from '@hearth/database';
import { NotificationsService } from '@hearth/notifications';
import { UsersService } from '@hearth/users';
import { peersErrors } from './peers.errors';

/** Today in UTC, as PostgreSQL sees it: a record is valid through its `expires_on` day. */
export const TODAY_SQL = `(now() AT TIME ZONE 'UTC')::date`;

export interface ActivePeer {
  userId: string;
  maxSessions: number;
  activeSessions: number;
  pausedUntil: Date | null;
  acceptingRequests: boolean;
  languageKeys: string[];
  themeIds: string[];
}

/**
 * The `peer` role and its one condition: at least one verified training record
 * that has not expired. Checked on use (every peer action, and the auth path
 * that builds `AuthUser` through `RoleValidity`), so powers end the moment the
 * last record lapses or is revoked. Every grant and revocation is audited.
 */
@Injectable()
export class PeerRoleService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly users: UsersService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly roleValidity: RoleValidity,
  ) {}

  onModuleInit(): void {
    this.roleValidity.register('peer', (userId) => this.currentRole(userId));
  }

  async hasValidTraining(userId: string, em: EntityManager = this.dataSource.manager): Promise<boolean> {
    const rows: Array<{ ok: boolean }> = await em.query(
      `SELECT EXISTS (SELECT 1 FROM peer_training_records
                       WHERE user_id = $1 AND status = 'verified' AND expires_on >= ${TODAY_SQL}) AS ok`,
      [userId],
    );
    return rows[0].ok;
  }

  /** For the auth path, called only for accounts stored as `peer`: ends the role (audited) when training lapsed. */
  async currentRole(userId: string): Promise<PlatformRole> {
    if (await this.hasValidTraining(userId)) return 'peer';
    return this.transactions.run(async (tx) => (await this.sync(tx, userId, { actorId: null, reason: 'training_expired' })).role);
  }

  /**
   * Brings the stored role and the profile's `verified_until` in line with the
   * records, under the account row's lock (concurrent callers audit one change).
   * Admin accounts keep their role.
   */
  async sync(tx: Tx, userId: string, why: { actorId: string | null; reason: string }): Promise<{ role: PlatformRole; changed: boolean }> {
    const rows: Array<{ role: PlatformRole; has_profile: boolean }> = await tx.em.query(
      `SELECT u.role, EXISTS (SELECT 1 FROM peer_profiles p WHERE p.user_id = u.id) AS has_profile FROM users u WHERE u.id = $1 FOR UPDATE OF u`,
      [userId],
    );
    if (!rows[0]) return { role: 'member', changed: false };
    const { role, has_profile } = rows[0];
    await tx.em.query(
      `UPDATE peer_profiles p SET verified_until = (SELECT max(expires_on) FROM peer_training_records r WHERE r.user_id = p.user_id AND r.status = 'verified'),
              updated_at = now()
        WHERE p.user_id = $1`,
      [userId],
    );
    const valid = has_profile && (await this.hasValidTraining(userId, tx.em));
    let next: PlatformRole = role;
    if (role === 'member' && valid) next = 'peer';
    if (role === 'peer' && !valid) next = 'member';
    if (next === role) return { role, changed: false };
    await this.users.setRoleAndStatus(userId, { role: next }, tx.em);
    const action = next === 'peer' ? 'peer.role.granted' : 'peer.role.revoked';
    await this.audit.record(tx, { action, actorId: why.actorId, subjectUserId: userId, targetType: 'user', targetId: userId, reason: why.reason });
    await this.notifications.create(tx, [{ userId, kind: 'peer_role', data: { role: next, reason: why.reason } }]);
    tx.emit('peer.role.changed', { userId, role: next as 'peer' | 'member', reason: why.reason });
    return { role: next, changed: true };
  }

  /**
   * The check at the top of every peer action: a profile and valid training.
   * When the training has lapsed the role ends here (audited) and the action is refused.
   */
  async assertActivePeer(user: AuthUser, em: EntityManager = this.dataSource.manager): Promise<ActivePeer> {
    const rows: Array<{
      user_id: string;
      max_sessions: number;
      active_sessions: number;
      paused_until: Date | null;
      accepting_requests: boolean;
      language_keys: string[];
      theme_ids: string[];
      valid: boolean;
    }> = await em.query(
      `SELECT p.user_id, p.max_sessions, p.active_sessions, p.paused_until, p.accepting_requests, p.language_keys, p.theme_ids,
              EXISTS (SELECT 1 FROM peer_training_records r WHERE r.user_id = p.user_id AND r.status = 'verified' AND r.expires_on >= ${TODAY_SQL}) AS valid
         FROM peer_profiles p WHERE p.user_id = $1`,
      [user.id],
    );
    const row = rows[0];
    if (!row || !row.valid) {
      if (user.role === 'peer') await this.transactions.run((tx) => this.sync(tx, user.id, { actorId: null, reason: 'training_expired' }));
      throw peersErrors.notAPeer();
    }
    return {
      userId: row.user_id,
      maxSessions: row.max_sessions,
      activeSessions: row.active_sessions,
      pausedUntil: row.paused_until,
      acceptingRequests: row.accepting_requests,
      languageKeys: row.language_keys,
      themeIds: row.theme_ids,
    };
  }
}
