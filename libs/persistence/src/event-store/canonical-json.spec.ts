import { canonicalize } from 'json-canonicalize';
import { canonicalJson } from './canonical-json';

/** Deterministic pseudo-random JSON values of every shape the event store hashes, and some it never sees. */
function generator(seed: number) {
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
  const keys = [
    'a',
    'b',
    'B',
    'z',
    'é',
    'Đ',
    'ư',
    'aa',
    'a b',
    '"q"',
    'x\n',
    '\u0000',
    '😀',
    '\uD800',
    'ￃ',
    'toString',
    '_',
    '10',
    '9',
    '0',
    '01',
    '-1',
  ];
  const strings = ['', 'Hội Nông dân', 'e\u0301', 'tab\t', '\u2028', '\\', '"', '😀', '\uDC00', 'ﬃ'];
  const numbers = [0, -0, 1, -1, 0.1, 1e21, 1e-7, 123456789.123, -5e-324, 2 ** 53, 862.796456, 1 / 3];
  const value = (depth: number): unknown => {
    const r = next();
    if (depth > 3 || r < 0.35) return pick<unknown>([null, true, false, pick(numbers), pick(strings), Math.round(next() * 1e6) / 100]);
    if (r < 0.6) return Array.from({ length: Math.floor(next() * 4) }, () => value(depth + 1));
    const o: Record<string, unknown> = {};
    for (let i = Math.floor(next() * 5); i > 0; i--) o[pick(keys)] = value(depth + 1);
    return o;
  };
  return value;
}

describe('canonicalJson (the event hash input)', () => {
  it('is the text json-canonicalize gives, for 3,000 random JSON values (unicode and index-like keys included)', () => {
    for (let seed = 1; seed <= 3000; seed++) {
      const v = JSON.parse(JSON.stringify(generator(seed)(0) ?? null));
      expect(canonicalJson(v)).toBe(canonicalize(v));
    }
  });

  it('sorts keys by UTF-16 code units at every depth, and hands index-like keys to the library', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: null }, é: 2, E: 3 })).toBe(
      '{"E":3,"a":{"c":null,"d":[{"y":2,"z":1}]},"b":1,"é":2}',
    );
    // JavaScript enumerates "9" before "10"; the canonical order is "10" before "9".
    expect(canonicalJson({ 9: 'x', 10: 'y', a: 1 })).toBe('{"10":"y","9":"x","a":1}');
    expect(canonicalJson({ '😀': 1, '\uFB03': 2 })).toBe(canonicalize({ '😀': 1, '\uFB03': 2 }));
  });

  it('writes what the library writes for values JSON.parse never gives', () => {
    const odd = { when: new Date('2026-12-10T03:00:00Z'), toJSONKey: { toJSON: 1, b: 2, a: 1 }, list: [undefined, 1], skip: undefined };
    expect(canonicalJson(odd)).toBe(canonicalize(odd));
    expect(() => canonicalJson({ a: NaN })).toThrow();
    expect(() => canonicalJson([Infinity])).toThrow();
  });
});
