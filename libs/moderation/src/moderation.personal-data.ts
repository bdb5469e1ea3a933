import { Injectable, OnModuleInit } from '@nestjs/common';
import { PersonalDataRegistry } from '@hearth/common';
import { streamRows } from '@hearth/database';
import type { EntityManager } from 'typeorm';

/** Every moderation table with a column that refers to a person. */
const TABLES = [
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
];

/** One export query per kind of row: `kind` says what the row is to the person. */
const EXPORTS: string[] = [
  `SELECT 'report_made' AS kind, id, case_id, room_id, message_id, target_user_id, reason, note, status, outcome, created_at FROM moderation_reports WHERE reporter_id = $1`,
  // Cases about me, without the reports in them (who reported is never disclosed).
  `SELECT 'case_about_me' AS kind, id, moderation_cases.kind AS case_kind, room_id, status, outcome, created_at FROM moderation_cases WHERE target_user_id = $1`,
  `SELECT 'case_handled' AS kind, id, status, outcome, created_at FROM moderation_cases WHERE claimed_by = $1 OR resolved_by = $1`,
  `SELECT 'action_about_me' AS kind, id, action, room_id, community_id, message_id, rule, reason, until, lifted_at, created_at FROM moderation_actions WHERE target_user_id = $1`,
  `SELECT 'action_taken' AS kind, id, action, room_id, community_id, target_user_id, rule, reason, until, created_at FROM moderation_actions WHERE actor_id = $1 OR lifted_by = $1`,
  `SELECT 'appeal' AS kind, id, action_id, statement, status, decision_reason, decided_at, created_at FROM moderation_appeals WHERE user_id = $1`,
  `SELECT 'appeal_decided' AS kind, id, action_id, status, decision_reason, decided_at FROM moderation_appeals WHERE decided_by = $1`,
  `SELECT 'case_note_written' AS kind, id, case_id, body, created_at FROM moderation_case_notes WHERE author_id = $1`,
  `SELECT 'pile_on_signal' AS kind, message_id, target_user_id, room_id, created_at FROM pile_on_signals WHERE author_id = $1`,
  `SELECT 'automod_rule_created' AS kind, id, community_id, action, created_at FROM automod_rules WHERE created_by = $1`,
  `SELECT 'moderation_settings_changed' AS kind, community_id, updated_at FROM moderation_settings WHERE updated_by = $1`,
  `SELECT 'crisis_phrases_changed' AS kind, community_id, language, updated_at FROM crisis_phrase_sets WHERE updated_by = $1`,
  `SELECT 'crisis_resources_changed' AS kind, community_id, updated_at FROM crisis_resource_sets WHERE updated_by = $1`,
];

/**
 * What moderation holds about a person. Export: the reports they made, cases and
 * actions about them (never who reported them), what they did as a moderator,
 * their appeals and notes. Erasure leaves nothing that names them: rows that are
 * theirs alone or only about them are deleted, their part in other people's records
 * is nulled. The append-only audit log keeps the facts under an id that then leads
 * to no one.
 */
@Injectable()
export class ModerationPersonalData implements OnModuleInit {
  constructor(private readonly registry: PersonalDataRegistry) {}

  onModuleInit(): void {
    this.registry.register({
      section: 'moderation',
      tables: TABLES,
      eraseOrder: 50,
      export: (userId, em) => this.export(userId, em),
      erase: (userId, _options, em) => this.erase(userId, em),
    });
  }

  private async *export(userId: string, em: EntityManager): AsyncIterable<unknown> {
    for (const sql of EXPORTS) for await (const row of streamRows(em, sql, [userId])) yield row;
  }

  private async erase(userId: string, em: EntityManager): Promise<void> {
    // Appeals hang off actions: the person's appeals, and any on actions about them, go first.
    await em.query(`DELETE FROM moderation_appeals WHERE user_id = $1 OR action_id IN (SELECT id FROM moderation_actions WHERE target_user_id = $1)`, [userId]);
    await em.query(`DELETE FROM moderation_actions WHERE target_user_id = $1`, [userId]);
    await em.query(`DELETE FROM moderation_reports WHERE reporter_id = $1 OR target_user_id = $1`, [userId]);
    await em.query(`DELETE FROM moderation_cases WHERE target_user_id = $1`, [userId]);
    await em.query(`DELETE FROM moderation_case_notes WHERE author_id = $1`, [userId]);
    await em.query(`DELETE FROM pile_on_signals WHERE author_id = $1 OR target_user_id = $1`, [userId]);
    await em.query(`UPDATE moderation_actions SET actor_id = NULL WHERE actor_id = $1`, [userId]);
    await em.query(`UPDATE moderation_actions SET lifted_by = NULL WHERE lifted_by = $1`, [userId]);
    await em.query(`UPDATE moderation_appeals SET decided_by = NULL WHERE decided_by = $1`, [userId]);
    await em.query(`UPDATE moderation_cases SET claimed_by = NULL WHERE claimed_by = $1`, [userId]);
    await em.query(`UPDATE moderation_cases SET resolved_by = NULL WHERE resolved_by = $1`, [userId]);
    for (const t of ['moderation_settings', 'crisis_phrase_sets', 'crisis_resource_sets']) await em.query(`UPDATE ${t} SET updated_by = NULL WHERE updated_by = $1`, [userId]);
    await em.query(`UPDATE automod_rules SET created_by = NULL WHERE created_by = $1`, [userId]);
  }
}
