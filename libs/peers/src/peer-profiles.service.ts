import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuthUser } from '@hearth/common';
import { Transactions } from '@hearth/database';
import { ThemesService } from '@hearth/themes';
import { ApplyPeerDto, TrainingRecordInputDto } from './dto/apply-peer.dto';
import { PeerProfileFieldsDto, UpdatePeerProfileDto } from './dto/peer-profile-fields';
import { PeerApplicationView, PeerProfileView, TrainingRecordView } from './dto/peers.view';
import { isTimeZone, minutesOf, toMinuteRanges } from './matching/availability';
import { PeerRoleService } from './peer-role.service';
import { languageKeysOf, PROFILE_COLUMNS, ProfileRow, RECORD_COLUMNS, RecordRow, themeNamesOf, toProfileView, toRecordView } from './peer-views';
import { peersErrors } from './peers.errors';

const todayUtc = () => new Date().toISOString().slice(0, 10);
const isRealDate = (d: string) => {
  const t = new Date(`${d}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d;
};

/** Becoming a peer worker (the application and its training records) and the peer's own profile. */
@Injectable()
export class PeerProfilesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly themes: ThemesService,
    private readonly role: PeerRoleService,
  ) {}

  async apply(user: AuthUser, dto: ApplyPeerDto): Promise<PeerApplicationView> {
    dto.trainingRecords.forEach((r, i) => this.checkRecord(r, `trainingRecords.${i}`));
    await this.transactions.run(async (tx) => {
      const exists: unknown[] = await tx.em.query(`SELECT 1 FROM peer_profiles WHERE user_id = $1`, [user.id]);
      if (exists.length) throw peersErrors.alreadyApplied();
      const fields = await this.checkedFields(tx.em, dto);
      // ON CONFLICT: two concurrent applications make one profile; the loser is told it already applied.
      const inserted: unknown[] = await tx.em.query(
        `INSERT INTO peer_profiles (user_id, bio, languages, language_keys, theme_ids, availability, time_zone, max_sessions, pronouns, age_band, availability_minutes)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (user_id) DO NOTHING RETURNING user_id`,
        [
          user.id,
          dto.bio.trim(),
          fields.languages ?? [],
          languageKeysOf(fields.languages ?? []),
          fields.themeIds ?? [],
          JSON.stringify(dto.availability ?? []),
          dto.timeZone ?? 'UTC',
          dto.maxSessions ?? 3,
          dto.pronouns?.trim() || null,
          dto.ageBand ?? null,
          toMinuteRanges(dto.availability ?? []),
        ],
      );
      if (!inserted.length) throw peersErrors.alreadyApplied();
      for (const r of dto.trainingRecords) await this.insertRecord(tx.em, user.id, r);
    });
    return this.myApplication(user);
  }

  async addRecord(user: AuthUser, dto: TrainingRecordInputDto): Promise<TrainingRecordView> {
    this.checkRecord(dto, '');
    const exists: unknown[] = await this.dataSource.query(`SELECT 1 FROM peer_profiles WHERE user_id = $1`, [user.id]);
    if (!exists.length) throw peersErrors.profileNotFound();
    const id = await this.insertRecord(this.dataSource.manager, user.id, dto);
    const rows: RecordRow[] = await this.dataSource.query(`SELECT ${RECORD_COLUMNS} FROM peer_training_records r WHERE r.id = $1`, [id]);
    return toRecordView(rows[0]);
  }

  /** The applicant's own view: profile and every record with its status and the reason given. */
  async myApplication(user: AuthUser): Promise<PeerApplicationView> {
    const profile = await this.getMine(user);
    const records: RecordRow[] = await this.dataSource.query(
      `SELECT ${RECORD_COLUMNS} FROM peer_training_records r WHERE r.user_id = $1 ORDER BY r.created_at, r.id`,
      [user.id],
    );
    return { profile, trainingRecords: records.map(toRecordView) };
  }

  async getMine(user: AuthUser, em: EntityManager = this.dataSource.manager): Promise<PeerProfileView> {
    const rows: ProfileRow[] = await em.query(`SELECT ${PROFILE_COLUMNS} FROM peer_profiles p WHERE p.user_id = $1`, [user.id]);
    if (!rows[0]) throw peersErrors.profileNotFound();
    return toProfileView(rows[0], await themeNamesOf(em, rows[0].theme_ids));
  }

  async update(user: AuthUser, dto: UpdatePeerProfileDto): Promise<PeerProfileView> {
    // Turning "accepting requests" on is a peer action; going away is always allowed, at once.
    if (dto.acceptingRequests === true) await this.role.assertActivePeer(user);
    return this.transactions.run(async (tx) => {
      const rows: unknown[] = await tx.em.query(`SELECT 1 FROM peer_profiles WHERE user_id = $1 FOR UPDATE`, [user.id]);
      if (!rows.length) throw peersErrors.profileNotFound();
      const fields = await this.checkedFields(tx.em, dto);
      const sets: string[] = [];
      const params: unknown[] = [user.id];
      const set = (column: string, value: unknown) => {
        params.push(value);
        sets.push(`${column} = $${params.length}`);
      };
      if (dto.bio !== undefined) set('bio', dto.bio.trim());
      if (fields.languages !== undefined) {
        set('languages', fields.languages);
        set('language_keys', languageKeysOf(fields.languages));
      }
      if (fields.themeIds !== undefined) set('theme_ids', fields.themeIds);
      if (dto.availability !== undefined) {
        set('availability', JSON.stringify(dto.availability));
        set('availability_minutes', toMinuteRanges(dto.availability));
      }
      if (dto.timeZone !== undefined) set('time_zone', dto.timeZone);
      if (dto.maxSessions !== undefined) set('max_sessions', dto.maxSessions);
      if (dto.pronouns !== undefined) set('pronouns', dto.pronouns?.trim() || null);
      if (dto.ageBand !== undefined) set('age_band', dto.ageBand);
      if (dto.acceptingRequests !== undefined) set('accepting_requests', dto.acceptingRequests);
      if (sets.length) await tx.em.query(`UPDATE peer_profiles SET ${sets.join(', ')}, updated_at = now() WHERE user_id = $1`, params);
      return this.getMine(user, tx.em);
    });
  }

  /** Opts back in after the pause that follows a session with a crisis alert (and closes the debrief prompt). */
  async resume(user: AuthUser): Promise<PeerProfileView> {
    await this.role.assertActivePeer(user);
    await this.dataSource.query(`UPDATE peer_profiles SET paused_until = NULL, debrief_session_id = NULL, updated_at = now() WHERE user_id = $1`, [user.id]);
    return this.getMine(user);
  }

  private checkRecord(r: TrainingRecordInputDto, prefix: string): void {
    const field = (f: string) => (prefix ? `${prefix}.${f}` : f);
    const bad = (f: string, message: string) => peersErrors.badRecord(field(f), message);
    if (!isRealDate(r.completedOn)) throw bad('completedOn', 'completedOn is not a real date');
    if (!isRealDate(r.expiresOn)) throw bad('expiresOn', 'expiresOn is not a real date');
    if (r.completedOn > todayUtc()) throw bad('completedOn', 'completedOn cannot be in the future');
    if (r.expiresOn <= r.completedOn) throw bad('expiresOn', 'expiresOn must be after completedOn');
    if (r.expiresOn < todayUtc()) throw bad('expiresOn', 'This training has already expired');
  }

  private async insertRecord(em: EntityManager, userId: string, r: TrainingRecordInputDto): Promise<string> {
    const rows: Array<{ id: string }> = await em.query(
      `INSERT INTO peer_training_records (user_id, course, provider, completed_on, expires_on, evidence_ref)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [userId, r.course.trim(), r.provider.trim(), r.completedOn, r.expiresOn, r.evidenceRef?.trim() || null],
    );
    return rows[0].id;
  }

  /** Resolves themes (merged ones to what they became), checks the time zone and the availability windows. */
  private async checkedFields(em: EntityManager, dto: PeerProfileFieldsDto): Promise<{ languages?: string[]; themeIds?: string[] }> {
    if (dto.timeZone !== undefined && !isTimeZone(dto.timeZone)) {
      throw peersErrors.badAvailability('timeZone must be an IANA time zone such as Europe/Berlin');
    }
    dto.availability?.forEach((w, i) => {
      if (minutesOf(w.from) >= minutesOf(w.to)) throw peersErrors.badAvailability(`availability.${i}: from must be before to (split overnight slots in two)`);
    });
    const themeIds = dto.themeIds !== undefined ? (await this.themes.resolveIds(em, dto.themeIds)).map((t) => t.id) : undefined;
    const languages = dto.languages?.map((l) => l.toLowerCase());
    return { languages, themeIds };
  }
}
