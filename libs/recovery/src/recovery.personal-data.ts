import { Injectable, OnModuleInit } from '@nestjs/common';
import { PersonalDataRegistry } from '@hearth/common';
import { streamRows } from '@hearth/database';

/**
 * Everything recovery holds about a person: their plan, goals and steps,
 * indicators and check-ins, safety plan; the shares they made (with who read
 * them when and the comments they received); and, for a peer worker, the
 * shares made to them and the comments they wrote.
 */
@Injectable()
export class RecoveryPersonalData implements OnModuleInit {
  constructor(private readonly registry: PersonalDataRegistry) {}

  onModuleInit(): void {
    const own = (section: string, table: string, sql: string) =>
      this.registry.register({
        section,
        tables: [table],
        eraseOrder: 50,
        export: (userId, em) => streamRows(em, sql, [userId]),
        erase: async (userId, _o, em) => {
          await em.query(`DELETE FROM ${table} WHERE user_id = $1`, [userId]);
        },
      });
    own('recoveryPlan', 'recovery_plans', `SELECT statement, created_at, updated_at FROM recovery_plans WHERE user_id = $1 ORDER BY user_id`);
    own('recoveryGoals', 'recovery_goals', `SELECT id, title, why, status, target_date, created_at, updated_at FROM recovery_goals WHERE user_id = $1 ORDER BY created_at, id`);
    own(
      'recoveryGoalSteps',
      'recovery_goal_steps',
      `SELECT id, goal_id, text, done, done_at, position, created_at FROM recovery_goal_steps WHERE user_id = $1 ORDER BY goal_id, position, id`,
    );
    own(
      'recoveryIndicators',
      'recovery_indicators',
      `SELECT id, name, scale_min, scale_max, min_label, max_label, domain, created_at, updated_at FROM recovery_indicators WHERE user_id = $1 ORDER BY created_at, id`,
    );
    own(
      'recoveryCheckIns',
      'recovery_check_ins',
      `SELECT id, indicator_id, value, note, at, created_at, updated_at FROM recovery_check_ins WHERE user_id = $1 ORDER BY at, id`,
    );
    own(
      'safetyPlan',
      'safety_plans',
      `SELECT warning_signs, coping_strategies, distractions, people_i_can_ask, services, safer_space, what_matters, created_at, updated_at
         FROM safety_plans WHERE user_id = $1 ORDER BY user_id`,
    );
    this.registry.register({
      section: 'recoveryShares',
      tables: ['recovery_shares', 'recovery_share_reads', 'recovery_share_comments'],
      // Before the plan rows: a share and its reads and comments go with either of its two people.
      eraseOrder: 40,
      // Both sides: shares I made (with their reads and the comments on them), and shares made to me as a peer
      // (with the comments I wrote). A share's parts are ids; the content is in the sections above, the owner's.
      export: (userId, em) =>
        streamRows(
          em,
          `SELECT s.id, CASE WHEN s.owner_id = $1 THEN 'made_by_me' ELSE 'shared_with_me' END AS direction,
                  s.owner_id, s.peer_id, s.include_statement, s.include_safety_plan, s.goal_ids, s.indicator_ids, s.until, s.revoked_at, s.created_at,
                  COALESCE((SELECT json_agg(json_build_object('id', r.id, 'readerId', r.reader_id, 'readAt', r.read_at) ORDER BY r.read_at, r.id)
                              FROM recovery_share_reads r WHERE r.share_id = s.id AND (s.owner_id = $1 OR r.reader_id = $1)), '[]') AS reads,
                  COALESCE((SELECT json_agg(json_build_object('id', c.id, 'authorId', c.author_id, 'part', c.part, 'partId', c.part_id, 'body', c.body, 'createdAt', c.created_at) ORDER BY c.created_at, c.id)
                              FROM recovery_share_comments c WHERE c.share_id = s.id AND (s.owner_id = $1 OR c.author_id = $1)), '[]') AS comments
             FROM recovery_shares s WHERE s.owner_id = $1 OR s.peer_id = $1 ORDER BY s.created_at, s.id`,
          [userId],
        ),
      erase: async (userId, _o, em) => {
        // Reads and comments cascade with their share; a peer's reads and comments on shares that are not theirs go too.
        await em.query(`DELETE FROM recovery_share_comments WHERE author_id = $1`, [userId]);
        await em.query(`DELETE FROM recovery_share_reads WHERE reader_id = $1`, [userId]);
        await em.query(`DELETE FROM recovery_shares WHERE owner_id = $1 OR peer_id = $1`, [userId]);
      },
    });
  }
}
