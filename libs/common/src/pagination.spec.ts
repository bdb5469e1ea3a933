import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ErrorCode } from './errors';
import { decodeCursor, encodeCursor, keyset } from './pagination';
import { escapeLike } from './sql';
import { IsLanguageTags, IsName } from './validation';

const UUID = '3f1e2d4c-5b6a-4789-8abc-def012345678';

describe('keyset pages', () => {
  it('the first page fetches limit + 1 and makes a cursor from the last row kept, only when there is more', () => {
    const page = keyset({ limit: 2 }, { t: 'string', id: 'uuid' });
    expect([page.limit, page.take, page.after]).toEqual([2, 3, null]);
    const rows = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
    const cut = page.page(rows, (last) => ({ t: '2026-01-01T00:00:00.000001Z', id: last.id }));
    expect(cut.rows).toEqual([{ id: 'a' }, { id: 'b' }]);
    expect(decodeCursor(cut.nextCursor!, { t: 'string', id: 'string' })).toEqual({ t: '2026-01-01T00:00:00.000001Z', id: 'b' });
    expect(page.page(rows.slice(0, 2), () => ({ t: 'x', id: 'y' })).nextCursor).toBeNull();
  });

  it('uses the default limit and decodes the cursor it is given', () => {
    const cursor = encodeCursor({ t: '2026-01-01T00:00:00Z', id: UUID });
    const page = keyset({ cursor }, { t: 'string', id: 'uuid' }, 50);
    expect([page.limit, page.take, page.after]).toEqual([50, 51, { t: '2026-01-01T00:00:00Z', id: UUID }]);
  });

  it('refuses a uuid key that is not a uuid, and a t key that is not a strict UTC timestamp, with INVALID_CURSOR', () => {
    const cases: Array<Record<string, string>> = [{ t: '2026-01-01T00:00:00Z', id: 'not-a-uuid' }, { t: '2026-02-30T00:00:00Z', id: UUID }, { t: 'yesterday', id: UUID }, { t: '2026-01-01T00:00:00Z' }];
    for (const bad of cases) {
      expect(() => keyset({ cursor: encodeCursor(bad) }, { t: 'string', id: 'uuid' })).toThrow(expect.objectContaining({ code: ErrorCode.INVALID_CURSOR }));
    }
  });
});

describe('escapeLike', () => {
  it('escapes LIKE wildcards and the escape character, and nothing else', () => {
    expect(escapeLike('50%_off\\now')).toBe('50\\%\\_off\\\\now');
    expect(escapeLike('grief circle')).toBe('grief circle');
  });
});

describe('shared validators', () => {
  class Dto {
    @IsLanguageTags(3)
    languages: unknown;

    @IsName()
    name: unknown;
  }
  const errors = (o: object) => validateSync(plainToInstance(Dto, o)).flatMap((e) => Object.values(e.constraints ?? {}));

  it('IsLanguageTags: distinct tags such as en or pt-BR, at most the given number', () => {
    expect(errors({ languages: ['en', 'pt-BR', 'zh-Hant-TW'], name: 'Group' })).toEqual([]);
    expect(errors({ languages: ['english'], name: 'Group' })).toEqual(['each language must be a language tag such as en or pt-BR']);
    expect(errors({ languages: ['en', 'en'], name: 'Group' })).toHaveLength(1);
    expect(errors({ languages: ['en', 'fr', 'de', 'es'], name: 'Group' })).toHaveLength(1);
    expect(errors({ languages: 'en', name: 'Group' }).length).toBeGreaterThan(0);
  });

  it('IsName: 2 to 100 characters, not only spaces', () => {
    expect(errors({ languages: [], name: 'Sunday grief circle' })).toEqual([]);
    expect(errors({ languages: [], name: '   ' })).toEqual(['name must not be blank']);
    expect(errors({ languages: [], name: 'x' })).toHaveLength(1);
    expect(errors({ languages: [], name: 'x'.repeat(101) })).toHaveLength(1);
  });
});
