import { mulberry32 } from '@kybaocao/domain/shared/seeded-random';
import { createTestDatabase, type TestDatabase } from '../../../../test/infra/db';
import { asJsonb } from './as-jsonb';

/** Keys of every kind jsonb orders: lengths, equal lengths, index-like, non-ASCII (2-, 3- and 4-byte UTF-8), case. */
const KEYS = ['a', 'b', 'B', 'ab', 'ba', 'z', '0', '1', '10', '9', '01', '__proto__x', 'đ', 'ê', 'ươ', 'a😀', 'x'.repeat(40), 'năm', 'Năm'];

function randomValue(next: () => number, depth: number): unknown {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)];
  const kind = depth > 3 ? Math.floor(next() * 4) : Math.floor(next() * 6);
  if (kind === 0) return Math.round(next() * 1e6) / 100;
  if (kind === 1) return pick(['', 'Hội LHPN', 'số 1', 'a"b\\c']);
  if (kind === 2) return pick([true, false, null]);
  if (kind === 3) return Math.floor(next() * 100) - 50;
  if (kind === 4) return Array.from({ length: Math.floor(next() * 4) }, () => randomValue(next, depth + 1));
  const o: Record<string, unknown> = {};
  for (let i = Math.floor(next() * 7); i > 0; i--) o[pick(KEYS)] = randomValue(next, depth + 1);
  return o;
}

/**
 * What jsonb gives back is what asJsonb gives, to the byte of JSON.stringify: the state a command answers from the
 * events it appended is then the state a read of the stream folds (#16: a report command answers without reading
 * again).
 */
describe('asJsonb: a value as a jsonb column gives it back', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('orders every object as PostgreSQL does (random values, seeded)', async () => {
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const next = mulberry32(seed);
      const values = Array.from({ length: 40 }, () => ({ root: randomValue(next, 0), [KEYS[seed]]: randomValue(next, 1) }));
      const rows: { v: unknown }[] = await db.owner.query(`SELECT v FROM jsonb_array_elements($1::jsonb) AS v`, [JSON.stringify(values)]);
      expect({ seed, ordered: values.map((v) => JSON.stringify(asJsonb(v))) }).toEqual({
        seed,
        ordered: rows.map((r) => JSON.stringify(r.v)),
      });
    }
  });

  it('keeps what is already in order (no copy) and copies what is not', () => {
    const ordered = { b: 1, ab: [{ x: 1, yy: 2 }], abc: { d: null } };
    expect(asJsonb(ordered)).toBe(ordered);
    const by = { userId: 'u-1', name: 'Tên' };
    const answered = asJsonb({ by });
    expect([Object.keys(answered.by), answered.by === by, Object.keys(by)]).toEqual([['name', 'userId'], false, ['userId', 'name']]);
  });
});
