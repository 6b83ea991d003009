import { orgUnitDecider } from '@kybaocao/domain/org-units';
import { createTestDatabase, TestDatabase } from '../../../../../test/infra/db';
import { CommandHandler } from '../../event-store/command-handler';
import { EventMetadata, EventStore, type RecordedEvent } from '../../event-store/event-store';
import { Projector } from '../projector';
import { orgUnitQueries, orgUnitsProjection } from './org-units.projection';

const meta: EventMetadata = { actor: { userId: 'admin', role: 'admin' }, correlationId: 'c' };
const now = () => new Date('2026-01-05T03:00:00Z');

/** The registry read model's queries over real PostgreSQL. */
describe('org units queries', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    const store = new EventStore(db.app);
    const commands = new CommandHandler(store);
    const register = (unitId: string, parentId: string | null, canonicalName: string, shortName?: string) =>
      commands.handle(
        orgUnitDecider,
        `orgunit-${unitId}`,
        {
          type: 'RegisterUnit',
          data: {
            unitId,
            parentId,
            level: parentId ? 'huyen' : 'tinh',
            kind: 'DANG_UY',
            canonicalName,
            ...(shortName ? { shortName } : {}),
            activeFrom: '2020-01-01',
          },
        },
        { metadata: meta, now: now() },
      );
    await register('tu-lai-chau', null, 'Tỉnh ủy Lai Châu');
    await register('hu-tam-duong', 'tu-lai-chau', 'Huyện ủy Tam Đường', 'HU Tam Đường');
    await register('hu-sin-ho', 'tu-lai-chau', 'Huyện ủy Sìn Hồ');
    await new Projector(db.app, store, [orgUnitsProjection]).catchUpToNow();
  });
  afterAll(() => db.drop());

  it("gathers org_units' statistics when a registry import's batch has more than doubled it (the cached plans)", async () => {
    const analyzed = async () =>
      (await db.owner.query(`SELECT last_analyze FROM pg_stat_user_tables WHERE relname = 'org_units'`))[0].last_analyze;
    expect(await analyzed()).toBeNull();
    const batch = Array.from(
      { length: 1000 },
      (_, i) =>
        ({
          type: 'UnitRegistered',
          version: 1,
          data: {
            unitId: `xa-${i}`,
            parentId: 'hu-tam-duong',
            level: 'xa',
            kind: 'DANG_UY_XA',
            canonicalName: `Đảng ủy xã số ${i}`,
            aliases: [],
            activeFrom: '2020-01-01',
          },
        }) as unknown as RecordedEvent,
    );
    await db.app.transaction((m) => orgUnitsProjection.apply(m, batch));
    expect(await analyzed()).not.toBeNull();
  });

  it('byIds: the units named, once each, with parent and short name; unknown ids are absent; none asked, none read', async () => {
    const units = await orgUnitQueries.byIds(db.app.manager, ['hu-tam-duong', 'tu-lai-chau', 'hu-tam-duong', 'no-such-unit']);
    expect(units.map((u) => [u.id, u.parentId, u.level, u.canonicalName, u.shortName]).sort()).toEqual([
      ['hu-tam-duong', 'tu-lai-chau', 'huyen', 'Huyện ủy Tam Đường', 'HU Tam Đường'],
      ['tu-lai-chau', null, 'tinh', 'Tỉnh ủy Lai Châu', undefined],
    ]);
    expect(await orgUnitQueries.byIds(db.app.manager, [])).toEqual([]);
  });

  it('activeDuring: of the ids asked, those registered and existing some time in the period', async () => {
    const ids = ['hu-tam-duong', 'hu-sin-ho', 'no-such-unit'];
    expect((await orgUnitQueries.activeDuring(db.app.manager, ids, '2026-01-01', '2026-12-31')).sort()).toEqual([
      'hu-sin-ho',
      'hu-tam-duong',
    ]);
    expect(await orgUnitQueries.activeDuring(db.app.manager, ids, '2018-01-01', '2019-12-31')).toEqual([]);
    expect((await orgUnitQueries.activeDuring(db.app.manager, ids, '2019-06-01', '2020-01-01')).sort()).toEqual([
      'hu-sin-ho',
      'hu-tam-duong',
    ]);
  });
});
