import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { AuthUser, escapeLike, invalidCursor, isPlatformAdmin, keyset, Page } from '@hearth/common';
import { isUniqueViolation } from '@hearth/database';
import { Theme } from './entities/theme.entity';
import { CreateThemeDto } from './dto/create-theme.dto';
import { SearchThemesDto } from './dto/search-themes.dto';
import { CreatedThemeView, ThemeRef, ThemeSuggestionsView, ThemeView } from './dto/theme.view';
import { displayThemeName, themeKey } from './theme-name';
import { themeErrors } from './themes.errors';

interface ThemeRow {
  id: string;
  name: string;
  description: string;
  merged_into_id: string | null;
  created_at: Date;
  group_count: number;
}

const THEME_COLUMNS = `t.id, t.name, t.description, t.merged_into_id, t.created_at,
  (SELECT count(*) FROM group_themes gt WHERE gt.theme_id = t.id)::int AS group_count`;

const toView = (r: ThemeRow): ThemeView => ({
  id: r.id,
  name: r.name,
  description: r.description,
  groupCount: r.group_count,
  mergedIntoId: r.merged_into_id,
  createdAt: r.created_at.toISOString(),
});

const SIMILAR_LIMIT = 5;

@Injectable()
export class ThemesService {
  private readonly logger = new Logger('Themes');

  constructor(
    @InjectRepository(Theme) private readonly themes: Repository<Theme>,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** Text search over names and descriptions, accent-insensitive, tolerant of misspellings (pg_trgm). */
  async search(query: SearchThemesDto): Promise<Page<ThemeView>> {
    // Ranked by relevance, so the cursor is an offset (capped) rather than a key.
    const page = keyset(query, { o: 'number' });
    const offset = page.after?.o ?? 0;
    if (!Number.isInteger(offset) || offset < 0 || offset > 100_000) throw invalidCursor();
    const q = query.q?.trim();
    let rows: ThemeRow[];
    if (q) {
      rows = await this.themes.query(
        `SELECT ${THEME_COLUMNS}
           FROM themes t
          WHERE t.merged_into_id IS NULL
            AND (hearth_fold(t.name || ' ' || t.description) LIKE '%' || hearth_fold($2) || '%'
                 OR hearth_fold(t.name) % hearth_fold($1)
                 OR hearth_fold($1) <% hearth_fold(t.name || ' ' || t.description))
          ORDER BY (hearth_fold(t.name) LIKE hearth_fold($2) || '%') DESC,
                   GREATEST(similarity(hearth_fold(t.name), hearth_fold($1)),
                            word_similarity(hearth_fold($1), hearth_fold(t.name || ' ' || t.description))) DESC,
                   t.name, t.id
          LIMIT $3 OFFSET $4`,
        [q, escapeLike(q), page.take, offset],
      );
    } else {
      rows = await this.themes.query(
        `SELECT ${THEME_COLUMNS} FROM themes t WHERE t.merged_into_id IS NULL ORDER BY t.name, t.id LIMIT $1 OFFSET $2`,
        [page.take, offset],
      );
    }
    const { rows: kept, nextCursor } = page.page(rows, () => ({ o: offset + page.limit }));
    return { items: kept.map(toView), nextCursor };
  }

  /** What to show someone before they propose a name: the same theme if it exists, and similar spellings. */
  async suggestions(name: string): Promise<ThemeSuggestionsView> {
    const key = themeKey(name);
    const exact = key ? await this.findByKey(key) : null;
    const similar = await this.similarTo(name, exact ? [exact.id] : []);
    return { exact, similar };
  }

  async create(caller: AuthUser, dto: CreateThemeDto): Promise<CreatedThemeView> {
    const name = displayThemeName(dto.name);
    const key = themeKey(name);
    if (!key) throw themeErrors.nameWithoutLetters();
    const existing = await this.findByKey(key);
    if (existing) throw themeErrors.exists(existing);
    let saved: Theme;
    try {
      saved = await this.themes.save(this.themes.create({ name, normalizedName: key, description: dto.description.trim(), createdBy: caller.id }));
    } catch (e) {
      // Someone proposed the same name a moment ago.
      if (isUniqueViolation(e, 'themes_normalized_name_key')) {
        const raced = await this.findByKey(key);
        if (raced) throw themeErrors.exists(raced);
      }
      throw e;
    }
    this.logger.log({ userId: caller.id, themeId: saved.id }, 'Theme proposed');
    const similar = await this.similarTo(name, [saved.id]);
    return { ...(await this.get(saved.id)), similar };
  }

  async get(themeId: string): Promise<ThemeView> {
    const rows: ThemeRow[] = await this.themes.query(`SELECT ${THEME_COLUMNS} FROM themes t WHERE t.id = $1`, [themeId]);
    if (!rows[0]) throw themeErrors.themeNotFound();
    return toView(rows[0]);
  }

  /** Moves every group and person from one theme to another; the merged theme stays as an alias of the survivor. */
  async merge(caller: AuthUser, themeId: string, intoThemeId: string): Promise<ThemeView> {
    if (!isPlatformAdmin(caller)) throw themeErrors.onlyPlatformAdminsMerge();
    if (themeId === intoThemeId) throw themeErrors.mergeIntoItself();
    await this.dataSource.transaction(async (em) => {
      // Lock both rows in a fixed order so concurrent merges cannot deadlock.
      const locked: Array<{ id: string; merged_into_id: string | null }> = await em.query(
        `SELECT id, merged_into_id FROM themes WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
        [[themeId, intoThemeId]],
      );
      const from = locked.find((r) => r.id === themeId);
      const into = locked.find((r) => r.id === intoThemeId);
      if (!from) throw themeErrors.themeNotFound();
      if (!into) throw themeErrors.targetNotFound();
      if (from.merged_into_id) throw themeErrors.alreadyMerged();
      if (into.merged_into_id) throw themeErrors.targetMerged();
      for (const table of ['group_themes', 'user_themes']) {
        const owner = table === 'group_themes' ? 'group_id' : 'user_id';
        await em.query(
          `INSERT INTO ${table} (${owner}, theme_id) SELECT ${owner}, $2 FROM ${table} WHERE theme_id = $1 ON CONFLICT DO NOTHING`,
          [themeId, intoThemeId],
        );
        await em.query(`DELETE FROM ${table} WHERE theme_id = $1`, [themeId]);
      }
      await em.query(`UPDATE themes SET merged_into_id = $2 WHERE id = $1 OR merged_into_id = $1`, [themeId, intoThemeId]);
    });
    this.logger.log({ adminId: caller.id, themeId, intoThemeId }, 'Theme merged');
    return this.get(intoThemeId);
  }

  // ---- for users and groups, inside their transactions ----

  /**
   * Checks theme ids exist and maps merged themes to the theme they became.
   * Unknown ids are refused with VALIDATION_FAILED naming them; nothing is written.
   */
  async resolveIds(em: EntityManager, themeIds: string[], field = 'themeIds'): Promise<ThemeRef[]> {
    const unique = [...new Set(themeIds)];
    if (!unique.length) return [];
    const rows: Array<{ id: string; name: string; merged_into_id: string | null; final_id: string; final_name: string }> = await em.query(
      `SELECT t.id, t.name, t.merged_into_id, COALESCE(m.id, t.id) AS final_id, COALESCE(m.name, t.name) AS final_name
         FROM themes t LEFT JOIN themes m ON m.id = t.merged_into_id
        WHERE t.id = ANY($1::uuid[])`,
      [unique],
    );
    const found = new Set(rows.map((r) => r.id));
    const unknown = unique.filter((id) => !found.has(id));
    if (unknown.length) {
      throw themeErrors.unknownIds(unknown, field);
    }
    const byId = new Map(rows.map((r) => [r.id, { id: r.final_id, name: r.final_name }]));
    const out = new Map<string, ThemeRef>();
    for (const id of unique) {
      const ref = byId.get(id)!;
      out.set(ref.id, ref);
    }
    return [...out.values()];
  }

  /** Replaces a person's themes. */
  async setUserThemes(em: EntityManager, userId: string, themeIds: string[]): Promise<ThemeRef[]> {
    const refs = await this.resolveIds(em, themeIds);
    await em.query(`DELETE FROM user_themes WHERE user_id = $1`, [userId]);
    if (refs.length) {
      await em.query(`INSERT INTO user_themes (user_id, theme_id) SELECT $1, unnest($2::uuid[])`, [userId, refs.map((r) => r.id)]);
    }
    return refs.sort((a, b) => a.name.localeCompare(b.name));
  }

  async themesOfUser(userId: string, em: EntityManager = this.themes.manager): Promise<ThemeRef[]> {
    return em.query(
      `SELECT t.id, t.name FROM user_themes ut JOIN themes t ON t.id = ut.theme_id WHERE ut.user_id = $1 ORDER BY t.name, t.id`,
      [userId],
    );
  }

  /** Replaces a group's themes. */
  async setGroupThemes(em: EntityManager, groupId: string, themeIds: string[]): Promise<ThemeRef[]> {
    const refs = await this.resolveIds(em, themeIds);
    await em.query(`DELETE FROM group_themes WHERE group_id = $1`, [groupId]);
    if (refs.length) {
      await em.query(`INSERT INTO group_themes (group_id, theme_id) SELECT $1, unnest($2::uuid[])`, [groupId, refs.map((r) => r.id)]);
    }
    return refs.sort((a, b) => a.name.localeCompare(b.name));
  }

  async themesOfGroups(groupIds: string[], em: EntityManager = this.themes.manager): Promise<Map<string, ThemeRef[]>> {
    const out = new Map<string, ThemeRef[]>(groupIds.map((id) => [id, []]));
    if (!groupIds.length) return out;
    const rows: Array<{ group_id: string; id: string; name: string }> = await em.query(
      `SELECT gt.group_id, t.id, t.name FROM group_themes gt JOIN themes t ON t.id = gt.theme_id
        WHERE gt.group_id = ANY($1::uuid[]) ORDER BY t.name, t.id`,
      [groupIds],
    );
    for (const r of rows) out.get(r.group_id)?.push({ id: r.id, name: r.name });
    return out;
  }

  /** A theme id as it is now: a merged theme's id resolves to the theme it became; unknown ids to null. */
  async currentId(themeId: string): Promise<string | null> {
    const rows: Array<{ id: string }> = await this.themes.query(`SELECT COALESCE(merged_into_id, id) AS id FROM themes WHERE id = $1`, [themeId]);
    return rows[0]?.id ?? null;
  }

  private async findByKey(key: string): Promise<ThemeView | null> {
    const rows: Array<{ id: string; merged_into_id: string | null }> = await this.themes.query(
      `SELECT id, merged_into_id FROM themes WHERE normalized_name = $1`,
      [key],
    );
    if (!rows[0]) return null;
    // A merged theme's name belongs to the theme it became.
    return this.get(rows[0].merged_into_id ?? rows[0].id);
  }

  private async similarTo(name: string, excludeIds: string[]): Promise<ThemeView[]> {
    const rows: ThemeRow[] = await this.themes.query(
      `SELECT ${THEME_COLUMNS}
         FROM themes t
        WHERE t.merged_into_id IS NULL AND NOT (t.id = ANY($2::uuid[]))
          AND (hearth_fold(t.name) % hearth_fold($1) OR hearth_fold($1) <% hearth_fold(t.name))
        ORDER BY GREATEST(similarity(hearth_fold(t.name), hearth_fold($1)), word_similarity(hearth_fold($1), hearth_fold(t.name))) DESC, t.name
        LIMIT $3`,
      [name, excludeIds, SIMILAR_LIMIT],
    );
    return rows.map(toView);
  }
}
