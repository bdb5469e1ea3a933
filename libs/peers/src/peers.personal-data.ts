import { Injectable, OnModuleInit } from '@nestjs/common';
import { PersonalDataRegistry } from '@hearth/common';
import { streamRows } from '@hearth/database';

/**
 * Export and erasure of peer-support data. A session belongs to two people: when
 * one erases, their side is anonymised (their id and, for the member, the
 * feedback note) and the other keeps the record of having been in a session.
 */
@Injectable()
export class PeersPersonalData implements OnModuleInit {
  constructor(private readonly registry: PersonalDataRegistry) {}

  onModuleInit(): void {
    this.registry.register({
      section: 'peerSupport',
      tables: ['peer_profiles', 'peer_training_records', 'support_requests', 'support_sessions'],
      eraseOrder: 50,
      export: (userId, em) =>
        streamRows(
          em,
          `SELECT * FROM (
           SELECT 'peer_profile' AS kind, to_jsonb(p) AS row FROM peer_profiles p WHERE p.user_id = $1
           UNION ALL
           SELECT 'training_record', to_jsonb(r) - 'decided_by' FROM peer_training_records r WHERE r.user_id = $1
           UNION ALL
           SELECT 'support_request', to_jsonb(q) - 'excluded_peer_ids' FROM support_requests q WHERE q.requester_id = $1
           UNION ALL
           SELECT 'support_session', jsonb_build_object('id', s.id, 'role', CASE WHEN s.peer_id = $1 THEN 'peer' ELSE 'member' END,
                    'roomId', s.room_id, 'status', s.status, 'startedAt', s.started_at, 'endedAt', s.ended_at,
                    'feedbackRating', s.feedback_rating, 'feedbackNote', s.feedback_note)
             FROM support_sessions s WHERE s.requester_id = $1 OR s.peer_id = $1
           ) x ORDER BY kind, row->>'id'`,
          [userId],
        ),
      erase: async (userId, _options, em) => {
        await em.query(
          `UPDATE support_sessions SET requester_id = NULL, feedback_note = NULL, handover_to_peer_id = NULL WHERE requester_id = $1`,
          [userId],
        );
        await em.query(`UPDATE support_sessions SET peer_id = NULL WHERE peer_id = $1`, [userId]);
        await em.query(`UPDATE support_sessions SET handover_to_peer_id = NULL WHERE handover_to_peer_id = $1`, [userId]);
        await em.query(`UPDATE support_sessions SET ended_by = NULL WHERE ended_by = $1`, [userId]);
        await em.query(`DELETE FROM support_requests WHERE requester_id = $1`, [userId]);
        await em.query(
          `UPDATE support_requests SET excluded_peer_ids = array_remove(excluded_peer_ids, $1::uuid),
                  preferred_peer_id = NULLIF(preferred_peer_id, $1::uuid), target_peer_id = NULLIF(target_peer_id, $1::uuid),
                  accepted_by = NULLIF(accepted_by, $1::uuid)
            WHERE $1::uuid = ANY(excluded_peer_ids) OR preferred_peer_id = $1 OR target_peer_id = $1 OR accepted_by = $1`,
          [userId],
        );
        await em.query(`UPDATE peer_training_records SET decided_by = NULL WHERE decided_by = $1`, [userId]);
        await em.query(`DELETE FROM peer_training_records WHERE user_id = $1`, [userId]);
        await em.query(`DELETE FROM peer_profiles WHERE user_id = $1`, [userId]);
      },
    });
  }
}
