import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppError, AuthUser, ErrorCode, PersonalDataContributor, PersonalDataRegistry } from '@hearth/common';
import { AuditService } from '@hearth/audit';
import { AuthService } from '@hearth/auth';
import { Transactions } from '@hearth/database';
import { DeleteAccountDto } from './dto/delete-account.dto';
import { EXPORT_FORMAT, htmlFoot, htmlHead, htmlRow, htmlSectionEnd, htmlSectionStart, htmlTableHead, rowJson } from './export-format';

/** Rows are joined into chunks of about this size before they are written. */
const CHUNK_CHARS = 64 * 1024;
/**
 * An export holds one database connection while it streams: at most this many
 * at once per instance (the pool has 10 by default), and one per person.
 */
const MAX_CONCURRENT_EXPORTS = 3;

/**
 * Data rights: everything held about the person, from every registered
 * personal-data contributor, exported as a stream; and account deletion, in
 * one transaction across every lib. Both are audited without content.
 */
@Injectable()
export class AccountService {
  private readonly exporting = new Set<string>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registry: PersonalDataRegistry,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
    private readonly auth: AuthService,
  ) {}

  /**
   * Takes an export slot (429 when this person already has an export running, or
   * the instance has too many); `release` must be called when the stream ends.
   */
  acquireExportSlot(user: AuthUser): { release: () => void } {
    if (this.exporting.has(user.id)) throw new AppError(ErrorCode.RATE_LIMITED, 'Your export is already being prepared; wait for it to finish', undefined, 5);
    if (this.exporting.size >= MAX_CONCURRENT_EXPORTS) throw new AppError(ErrorCode.RATE_LIMITED, 'Many exports are running right now; try again in a minute', undefined, 30);
    this.exporting.add(user.id);
    return { release: () => this.exporting.delete(user.id) };
  }

  /** Records the export (committed before anything is sent). */
  async recordExport(user: AuthUser, format: 'json' | 'html'): Promise<void> {
    await this.transactions.run((tx) =>
      this.audit.record(tx, { action: 'account.exported', actorId: user.id, subjectUserId: user.id, details: { format } }).then(() => undefined),
    );
  }

  /** The JSON export, a chunk at a time: `{ format, exportedAt, userId, sections: { <section>: [rows…] } }`. */
  async *exportJson(user: AuthUser): AsyncGenerator<string> {
    const out = new Chunker();
    yield* this.withSnapshot(async function* (this: AccountService, em: EntityManager) {
      yield `{"format":${JSON.stringify(EXPORT_FORMAT)},"exportedAt":${JSON.stringify(new Date().toISOString())},"userId":${JSON.stringify(user.id)},"sections":{`;
      let firstSection = true;
      for (const c of this.contributors()) {
        yield* out.add(`${firstSection ? '' : ','}\n${JSON.stringify(c.section)}:[`);
        firstSection = false;
        let first = true;
        for await (const row of c.export(user.id, em)) {
          yield* out.add(`${first ? '' : ','}\n${rowJson(row)}`);
          first = false;
        }
        yield* out.add(']');
      }
      yield* out.add('\n}}\n');
      yield* out.flush();
    }.bind(this));
  }

  /** The same data as a readable HTML page (every value escaped; no scripts). */
  async *exportHtml(user: AuthUser): AsyncGenerator<string> {
    const out = new Chunker();
    yield* this.withSnapshot(async function* (this: AccountService, em: EntityManager) {
      const contributors = this.contributors();
      yield htmlHead(user.username, new Date().toISOString(), contributors.map((c) => c.section));
      for (const c of contributors) {
        yield* out.add(htmlSectionStart(c.section));
        let columns: string[] | null = null;
        let rows = 0;
        for await (const raw of c.export(user.id, em)) {
          const row = (raw ?? {}) as Record<string, unknown>;
          if (!columns) {
            columns = Object.keys(row);
            yield* out.add(htmlTableHead(row));
          }
          yield* out.add(htmlRow(columns, row));
          rows++;
        }
        yield* out.add(htmlSectionEnd(rows));
      }
      yield* out.add(htmlFoot());
      yield* out.flush();
    }.bind(this));
  }

  /**
   * Deletes the account: password confirmed, then in ONE transaction: the audit
   * row (ids only), every session revoked (their sockets end once it commits),
   * and every contributor's erase in `eraseOrder`, ending with the account row.
   * Either everything is gone or nothing is.
   */
  async deleteAccount(user: AuthUser, dto: DeleteAccountDto): Promise<void> {
    const verified = await this.auth.validateCredentials(user.username, dto.password).catch((e: unknown) => {
      if (e instanceof AppError && e.code === ErrorCode.INVALID_CREDENTIALS) {
        throw new AppError(ErrorCode.INVALID_CREDENTIALS, 'Password is wrong', [{ field: 'password', message: 'is wrong' }]);
      }
      throw e;
    });
    if (verified.id !== user.id) throw new AppError(ErrorCode.INVALID_CREDENTIALS, 'Password is wrong', [{ field: 'password', message: 'is wrong' }]);
    await this.transactions.run(async (tx) => {
      // Read-only cross-lib locking (chat's rooms): the person's rooms are locked in the message writer's
      // order (by id) BEFORE the account row, so a send of theirs already in flight either commits first
      // (and its message is erased or kept below like the others) or runs after and finds no membership.
      // The same order as the writer (rooms, then the author's row by its foreign key) means no deadlock.
      await tx.em.query(`SELECT id FROM rooms WHERE id IN (SELECT room_id FROM room_members WHERE user_id = $1) ORDER BY id FOR UPDATE`, [user.id]);
      // Serialises with anything else changing this account (e.g. a concurrent second delete).
      await tx.em.query(`SELECT 1 FROM users WHERE id = $1 FOR UPDATE`, [user.id]);
      await this.audit.record(tx, { action: 'account.deleted', actorId: user.id, subjectUserId: user.id, details: { messages: dto.messages } });
      await this.auth.revokeSessions({ userId: user.id, sessionIds: 'all', reason: 'account_deleted' }, tx);
      for (const c of this.registry.all()) await c.erase(user.id, { messages: dto.messages }, tx.em);
    });
  }

  private contributors(): readonly PersonalDataContributor[] {
    // Export in a stable, readable order: the account first, then by section name.
    return [...this.registry.all()].sort((a, b) => (a.section === 'account' ? -1 : b.section === 'account' ? 1 : a.section.localeCompare(b.section)));
  }

  /**
   * Runs the export inside one read-only REPEATABLE READ transaction, so every
   * section (and every page of a long one) sees the same snapshot. Released
   * when the generator ends, fails, or is abandoned by a client that went away.
   */
  private async *withSnapshot(body: (em: EntityManager) => AsyncGenerator<string>): AsyncGenerator<string> {
    const qr = this.dataSource.createQueryRunner();
    await qr.connect();
    try {
      await qr.startTransaction('REPEATABLE READ');
      await qr.query('SET TRANSACTION READ ONLY');
      yield* body(qr.manager);
      await qr.commitTransaction();
    } finally {
      if (qr.isTransactionActive) await qr.rollbackTransaction().catch(() => undefined);
      await qr.release();
    }
  }
}

/** Joins small strings into chunks of about CHUNK_CHARS. */
class Chunker {
  private parts: string[] = [];
  private size = 0;

  *add(s: string): Generator<string> {
    this.parts.push(s);
    this.size += s.length;
    if (this.size >= CHUNK_CHARS) yield* this.flush();
  }

  *flush(): Generator<string> {
    if (!this.parts.length) return;
    const chunk = this.parts.join('');
    this.parts = [];
    this.size = 0;
    yield chunk;
  }
}
