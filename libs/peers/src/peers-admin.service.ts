import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CommunitiesService } from '@hearth/communities';
import { AuthUser, isPlatformAdmin } from '@hearth/common';
import { AdminPeerListView, SupportStatsView } from './dto/peers.view';
import { TODAY_SQL } from './peer-role.service';
import { peersErrors } from './peers.errors';

/** What operators see: peers with verification state, expiry and load; per-community aggregates (never anyone's notes). */
@Injectable()
export class PeersAdminService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly communities: CommunitiesService,
  ) {}

  async listPeers(caller: AuthUser): Promise<AdminPeerListView> {
    if (!isPlatformAdmin(caller)) throw peersErrors.adminsOnly();
    const rows: Array<{
      user_id: string;
      username: string;
      display_name: string;
      role: string;
      verified_until: string | null;
      days_left: number | null;
      valid: boolean;
      pending: number;
      decided: number;
      active_sessions: number;
      max_sessions: number;
      accepting_requests: boolean;
      paused_until: Date | null;
    }> = await this.dataSource.query(
      `SELECT p.user_id, u.username, u.display_name, u.role, to_char(p.verified_until, 'YYYY-MM-DD') AS verified_until,
              (p.verified_until - ${TODAY_SQL})::int AS days_left, COALESCE(p.verified_until >= ${TODAY_SQL}, false) AS valid,
              (SELECT count(*) FROM peer_training_records r WHERE r.user_id = p.user_id AND r.status = 'pending')::int AS pending,
              (SELECT count(*) FROM peer_training_records r WHERE r.user_id = p.user_id AND r.status IN ('rejected', 'revoked'))::int AS decided,
              p.active_sessions, p.max_sessions, p.accepting_requests, p.paused_until
         FROM peer_profiles p JOIN users u ON u.id = p.user_id
        WHERE u.status <> 'deleted'
        ORDER BY COALESCE(p.verified_until >= ${TODAY_SQL}, false) DESC, p.verified_until NULLS LAST, lower(u.username) LIMIT 500`,
    );
    return {
      items: rows.map((r) => ({
        user: { id: r.user_id, username: r.username, displayName: r.display_name },
        role: r.role,
        verificationState: r.valid ? 'verified' : r.verified_until ? 'expired' : r.pending ? 'pending' : r.decided ? 'rejected' : 'none',
        verifiedUntil: r.verified_until,
        daysToExpiry: r.verified_until ? r.days_left : null,
        pendingRecords: r.pending,
        activeSessions: r.active_sessions,
        maxSessions: r.max_sessions,
        acceptingRequests: r.accepting_requests,
        pausedUntil: r.paused_until && r.paused_until.getTime() > Date.now() ? r.paused_until.toISOString() : null,
      })),
    };
  }

  /** A community's figures (its admins and platform admins), or the whole platform's (platform admins). */
  async stats(caller: AuthUser, communityId: string | null): Promise<SupportStatsView> {
    if (communityId) {
      await this.communities.getById(communityId);
      await this.communities.assertCanAdminister(caller, communityId);
    } else if (!isPlatformAdmin(caller)) {
      throw peersErrors.adminsOnly();
    }
    const scope = communityId ? `community_id = $1` : `$1::uuid IS NULL`;
    const [waiting]: Array<{ n: number; median: number | null }> = await this.dataSource.query(
      `SELECT count(*)::int AS n, percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM now() - created_at) / 60) AS median
         FROM support_requests WHERE status = 'waiting' AND ${scope}`,
      [communityId],
    );
    const [accepted]: Array<{ median: number | null }> = await this.dataSource.query(
      `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM accepted_at - created_at) / 60) AS median
         FROM support_requests WHERE status = 'accepted' AND accepted_at > now() - interval '30 days' AND ${scope}`,
      [communityId],
    );
    const weeks: Array<{ week: string; n: number }> = await this.dataSource.query(
      `SELECT to_char(w.week, 'YYYY-MM-DD') AS week, count(s.id)::int AS n
         FROM generate_series(date_trunc('week', now()) - interval '7 weeks', date_trunc('week', now()), interval '1 week') AS w(week)
         LEFT JOIN support_sessions s ON date_trunc('week', s.started_at) = w.week AND ${scope.replace('community_id', 's.community_id')}
        GROUP BY w.week ORDER BY w.week`,
      [communityId],
    );
    const ratings: Array<{ rating: number; n: number }> = await this.dataSource.query(
      `SELECT feedback_rating AS rating, count(*)::int AS n FROM support_sessions WHERE feedback_at IS NOT NULL AND ${scope} GROUP BY feedback_rating`,
      [communityId],
    );
    const distribution: Record<string, number> = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };
    let count = 0;
    let sum = 0;
    for (const r of ratings) {
      distribution[String(r.rating)] = r.n;
      count += r.n;
      sum += r.rating * r.n;
    }
    const round1 = (x: number | null) => (x === null ? null : Math.round(Number(x) * 10) / 10);
    return {
      communityId,
      waitingRequests: waiting.n,
      medianWaitMinutes: round1(waiting.median),
      medianAcceptanceMinutes: round1(accepted.median),
      sessionsPerWeek: weeks.map((w) => ({ weekStart: w.week, sessions: w.n })),
      feedback: { count, averageRating: count ? Math.round((sum / count) * 100) / 100 : null, distribution },
    };
  }
}
