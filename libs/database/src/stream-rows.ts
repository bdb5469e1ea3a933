import type { EntityManager } from 'typeorm';
import type { PersonalDataContributor } from '@hearth/common';

let cursorSeq = 0;

/**
 * The rows of a query, a page at a time, so an export never holds a whole
 * history in memory. `sql` must have a total ORDER BY (ties broken by a unique
 * column) so pages neither repeat nor skip rows.
 *
 * Inside a transaction (the export runs in one REPEATABLE READ snapshot) the
 * query runs once as a server-side cursor and pages are FETCHed from it: no
 * re-sorting per page as with OFFSET, so a 100,000-row history costs one sort.
 * Outside a transaction it falls back to OFFSET pages.
 */
export async function* streamRows(em: EntityManager, sql: string, params: unknown[], pageSize = 1000): AsyncIterable<unknown> {
  if (em.queryRunner?.isTransactionActive) {
    const name = `hearth_stream_${++cursorSeq}`;
    await em.query(`DECLARE ${name} NO SCROLL CURSOR FOR ${sql}`, params);
    try {
      for (;;) {
        const rows: unknown[] = await em.query(`FETCH ${pageSize} FROM ${name}`);
        yield* rows;
        if (rows.length < pageSize) return;
      }
    } finally {
      await em.query(`CLOSE ${name}`).catch(() => undefined);
    }
  }
  for (let offset = 0; ; offset += pageSize) {
    const rows: unknown[] = await em.query(`${sql} LIMIT ${pageSize} OFFSET ${offset}`, params);
    yield* rows;
    if (rows.length < pageSize) return;
  }
}

/**
 * The personal data of rows a person made that belong to others as well (a group, a
 * theme, an invite link): exported as theirs, and on erasure only the reference to
 * them goes. `columns` never includes secrets (token hashes). Rows need `created_at`
 * and `id` (the export's order).
 */
export function madeByContributor(o: { section: string; table: string; columns: string; by?: string }): PersonalDataContributor {
  const by = o.by ?? 'created_by';
  return {
    section: o.section,
    tables: [o.table],
    export: (userId, em) => streamRows(em, `SELECT ${o.columns} FROM ${o.table} WHERE ${by} = $1 ORDER BY created_at, id`, [userId]),
    erase: async (userId, _options, em) => {
      await em.query(`UPDATE ${o.table} SET ${by} = NULL WHERE ${by} = $1`, [userId]);
    },
  };
}
