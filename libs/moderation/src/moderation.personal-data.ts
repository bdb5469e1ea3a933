import { Injectable, OnModuleInit } from '@nestjs/common';
import { PersonalDataRegistry } from '@hearth/common';
import { streamRows } from '@hearth/database';
import type { EntityManager } from 'typeorm';

/**
 * What moderation holds about a person: reports they made, reports and cases about
 * them, actions about them, their appeals, notes they wrote, rules and settings they
 * changed, pile-on signals. Export gives the person their own side (never who
 * reported them). Erasure deletes what is theirs alone (reports they made, their
 * appeals) and anonymises the rest, which other people's cases and the append-only
 * audit log still need.
 */
@Injectable()
export class ModerationPersonalData implements OnModuleInit {
  constructor(private readonly registry: PersonalDataRegistry) {}

  onModuleInit(): void {
    this.registry.register({
      section: 'moderation',
      tables: [
        'moderation_reports',
        'moderation_cases',
        'moderation_case_notes',
        'moderation_actions',
        'moderation_appeals',
        'moderation_settings',
        'automod_rules',
        'crisis_phrase_sets',
        'crisis_resource_sets',
        'pile_on_signals',
      ],
      eraseOrder: 50,
      export: (userId, em) => this.export(userId, em),
      erase: async (userId, _options, em) => {
        await em.query(`DELETE FROM moderation_appeals WHERE user_id = $1 AND status <> 'pending'`, [userId]);
        await em.query(`UPDATE moderation_appeals SET statement = '' WHERE user_id = $1`, [userId]);
        await em.query(`DELETE FROM moderation_reports WHERE reporter_id = $1`, [userId]);
        await em.query(`DELETE FROM pile_on_signals WHERE author_id = $1 OR target_user_id = $1`, [userId]);
        await em.query(`UPDATE moderation_case_notes SET author_id = NULL WHERE author_id = $1`, [userId]);
        await em.query(`UPDATE moderation_cases SET claimed_by = NULL WHERE claimed_by = $1`, [userId]);
        await em.query(`UPDATE moderation_cases SET resolved_by = NULL WHERE resolved_by = $1`, [userId]);
        await em.query(`UPDATE moderation_appeals SET decided_by = NULL WHERE decided_by = $1`, [userId]);
        for (const t of ['moderation_settings', 'crisis_phrase_sets', 'crisis_resource_sets']) await em.query(`UPDATE ${t} SET updated_by = NULL WHERE updated_by = $1`, [userId]);
        await em.query(`UPDATE automod_rules SET created_by = NULL WHERE created_by = $1`, [userId]);
        // Actions and the cases about the person stay (they are the community's record) under an id that is now anonymous.
      },
    });
  }

  private async *export(userId: string, em: EntityManager): AsyncIterable<unknown> {
    for await (const r of streamRows(em, `SELECT 'report_made' AS kind, id, room_id, message_id, reason, note, status, outcome, created_at FROM moderation_reports WHERE reporter_id = $1 ORDER BY created_at`, [userId])) yield r;
    for await (const r of streamRows(em, `SELECT 'action_about_me' AS kind, id, action, room_id, community_id, rule, reason, until, lifted_at, created_at FROM moderation_actions WHERE target_user_id = $1 ORDER BY created_at`, [userId])) yield r;
    for await (const r of streamRows(em, `SELECT 'action_taken' AS kind, id, action, room_id, community_id, rule, reason, until, created_at FROM moderation_actions WHERE actor_id = $1 ORDER BY created_at`, [userId])) yield r;
    for await (const r of streamRows(em, `SELECT 'appeal' AS kind, id, action_id, statement, status, decision_reason, created_at FROM moderation_appeals WHERE user_id = $1 ORDER BY created_at`, [userId])) yield r;
    for await (const r of streamRows(em, `SELECT 'case_note_written' AS kind, id, case_id, body, created_at FROM moderation_case_notes WHERE author_id = $1 ORDER BY created_at`, [userId])) yield r;
  }
}
