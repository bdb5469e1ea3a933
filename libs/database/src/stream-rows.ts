import type { EntityManager } from 'typeorm';

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
