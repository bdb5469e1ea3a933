import type { EntityManager } from 'typeorm';

/**
 * The rows of a query, a page at a time, so an export never holds a whole
 * history in memory. `sql` must have a total ORDER BY (ties broken by a unique
 * column) so pages neither repeat nor skip rows.
 */
export async function* streamRows(em: EntityManager, sql: string, params: unknown[], pageSize = 1000): AsyncIterable<unknown> {
  for (let offset = 0; ; offset += pageSize) {
    const rows: unknown[] = await em.query(`${sql} LIMIT ${pageSize} OFFSET ${offset}`, params);
    yield* rows;
    if (rows.length < pageSize) return;
  }
}
