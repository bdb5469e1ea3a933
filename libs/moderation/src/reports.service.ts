import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthUser, decodeCursor, encodeCursor, PageQueryDto } from '@hearth/common';
import { AuditService } from '@hearth/audit';
import { MessagesService } from '@hearth/chat';
import { Transactions } from '@hearth/database';
import { UsersService } from '@hearth/users';
import { caseKeys, CasesService } from './cases.service';
import { CreateReportDto } from './dto/moderation.dto';
import { MyReportListView, ReportCreatedView } from './dto/moderation.views';
import { moderationErrors } from './moderation.errors';
import { ModerationScope } from './moderation-scope';

/** Reports by one person about one other person per rolling day; more are refused (their reports already reach moderators). */
export const REPORTS_PER_TARGET_PER_DAY = 3;
/** Reports by one person per rolling day, about anyone. */
export const REPORTS_PER_DAY = 30;

/**
 * Reports: any member reports a message or a person in a room they are in. The
 * reported person never learns who reported; reports about one message (or one
 * person in one room) collapse into one case. A `concern` report never sends
 * anything to the person: it raises a priority case for a human to reach out.
 */
@Injectable()
export class ReportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
    private readonly cases: CasesService,
    private readonly scope: ModerationScope,
    private readonly messages: MessagesService,
    private readonly users: UsersService,
  ) {}

  async create(caller: AuthUser, dto: CreateReportDto): Promise<ReportCreatedView> {
    if (dto.messageId && (dto.roomId || dto.userId)) throw moderationErrors.invalid('messageId', 'cannot be combined with roomId and userId');
    if (!dto.messageId && !(dto.roomId && dto.userId)) throw moderationErrors.invalid('messageId', 'or roomId with userId is required');
    let roomId: string;
    let targetUserId: string;
    let messageId: string | null = null;
    let replyToId: string | null = null;
    let body: string | null = null;
    if (dto.messageId) {
      const ref = await this.messages.findRef(dto.messageId);
      // A message in a room the caller is not in does not exist for them.
      if (!ref || !(await this.scope.isRoomMember(ref.roomId, caller.id))) throw moderationErrors.messageNotFound();
      if (!ref.authorId) throw moderationErrors.invalid('messageId', 'has no author any more');
      roomId = ref.roomId;
      targetUserId = ref.authorId;
      messageId = ref.id;
      const [m] = await this.messages.findForReview(ref.id, 0);
      replyToId = m?.replyToId ?? null;
      body = m?.body ?? null;
    } else {
      roomId = dto.roomId!;
      targetUserId = dto.userId!;
      if (!(await this.scope.isRoomMember(roomId, caller.id))) throw moderationErrors.roomNotFound();
      if (!(await this.users.findById(targetUserId)) || !(await this.scope.isRoomMember(roomId, targetUserId))) throw moderationErrors.notMember();
    }
    if (targetUserId === caller.id) throw moderationErrors.invalid(dto.messageId ? 'messageId' : 'userId', 'is you: you cannot report yourself');
    const room = (await this.scope.room(roomId))!;
    const concern = dto.reason === 'concern';

    return this.transactions.run(async (tx) => {
      const { em } = tx;
      // Serialise one reporter's reports, so the daily limits cannot be raced past.
      await em.query(`SELECT pg_advisory_xact_lock(hashtext('report:' || $1::text))`, [caller.id]);
      const [counts]: Array<{ pair: number; total: number; oldest: Date | null }> = await em.query(
        `SELECT count(*) FILTER (WHERE target_user_id = $2)::int AS pair, count(*)::int AS total,
                min(created_at) FILTER (WHERE target_user_id = $2) AS oldest
           FROM moderation_reports WHERE reporter_id = $1 AND created_at > now() - interval '1 day'`,
        [caller.id, targetUserId],
      );
      if (counts.pair >= REPORTS_PER_TARGET_PER_DAY || counts.total >= REPORTS_PER_DAY) {
        const retry = counts.oldest ? Math.max(1, Math.ceil((counts.oldest.getTime() + 86_400_000 - Date.now()) / 1000)) : 3600;
        throw moderationErrors.reportLimit(retry);
      }
      // Someone the target has blocked may be reporting to harass: a second moderator looks first.
      const secondReview = await this.blockedBy(targetUserId, caller.id);
      const opened = await this.cases.open(tx, {
        kind: concern ? 'concern' : 'report',
        priority: concern ? 3 : 1,
        subjectKey: messageId ? caseKeys.message(messageId) : caseKeys.person(roomId, targetUserId),
        communityId: room.communityId,
        roomId,
        messageId,
        targetUserId,
        reportCount: 1,
        needsSecondReview: secondReview,
      });
      const [report]: Array<{ id: string }> = await em.query(
        `INSERT INTO moderation_reports (case_id, reporter_id, room_id, message_id, target_user_id, reason, note, second_review)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [opened.id, caller.id, roomId, messageId, targetUserId, dto.reason, dto.note || null, secondReview],
      );
      await this.audit.record(tx, {
        action: 'report.created',
        actorId: caller.id,
        subjectUserId: targetUserId,
        communityId: room.communityId,
        roomId,
        targetType: messageId ? 'message' : 'user',
        targetId: messageId ?? targetUserId,
        details: { reportId: report.id, caseId: opened.id, reason: dto.reason },
      });
      // A reported message that addresses someone counts towards a possible pile-on on them.
      if (messageId && !concern) {
        const to = await this.cases.addressees(em, [{ id: messageId, roomId, authorId: targetUserId, body, replyToId }]);
        const settings = await this.cases.pileOnSettings(room.communityId, em);
        await this.cases.recordPileOn(
          tx,
          [...(to.get(messageId) ?? [])].map((t) => ({ roomId, targetUserId: t, authorId: targetUserId, messageId: messageId! })),
          () => ({ communityId: room.communityId, ...settings }),
        );
      }
      return { id: report.id, caseId: opened.id, status: 'open' };
    });
  }

  /** Read-only read of the users lib's user_blocks. */
  private async blockedBy(blocker: string, blocked: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM user_blocks WHERE blocker_id = $1 AND blocked_id = $2`, [blocker, blocked]);
    return rows.length > 0;
  }

  async mine(caller: AuthUser, q: PageQueryDto): Promise<MyReportListView> {
    const limit = q.limit ?? 20;
    const params: unknown[] = [caller.id];
    let where = 'reporter_id = $1';
    if (q.cursor) {
      const k = decodeCursor(q.cursor, { t: 'string', id: 'string' });
      params.push(k.t, k.id);
      where += ` AND (created_at, id) < ($2::timestamptz, $3::uuid)`;
    }
    params.push(limit + 1);
    const rows: Array<{ id: string; case_id: string; room_id: string; message_id: string | null; target_user_id: string; reason: string; status: string; outcome: string | null; created_at: Date; created_key: string }> =
      await this.dataSource.query(
        `SELECT id, case_id, room_id, message_id, target_user_id, reason, status, outcome, created_at,
                to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS created_key
           FROM moderation_reports WHERE ${where} ORDER BY created_at DESC, id DESC LIMIT $${params.length}`,
        params,
      );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => ({
        id: r.id,
        caseId: r.case_id,
        roomId: r.room_id,
        messageId: r.message_id,
        userId: r.target_user_id,
        reason: r.reason,
        status: r.status,
        outcome: r.outcome,
        createdAt: r.created_at.toISOString(),
      })),
      nextCursor: rows.length > limit && last ? encodeCursor({ t: last.created_key, id: last.id }) : null,
    };
  }
}
