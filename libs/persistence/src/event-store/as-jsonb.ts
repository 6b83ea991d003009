/** Printable ASCII and controls: one UTF-8 byte per UTF-16 code unit, so lengths and order agree. */
const ASCII = /^[\x00-\x7f]*$/;

/**
 * jsonb's order of an object's keys: shorter keys first (in UTF-8 bytes), keys of one length bytewise (PostgreSQL's
 * lengthCompareJsonbStringValue).
 */
export function jsonbKeyOrder(a: string, b: string): number {
  if (ASCII.test(a) && ASCII.test(b)) return a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0;
  const [x, y] = [Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')];
  return x.length !== y.length ? x.length - y.length : Buffer.compare(x, y);
}

/**
 * A JSON value (what JSON.parse gives) as a jsonb column gives it back: the same values, each object's keys in
 * jsonb's order (JavaScript still enumerates array-index-like keys first, as it does for the text PostgreSQL sends).
 * So a state folded from events just appended is, to the byte of its JSON, the state folded from the stream read
 * again. Objects already in that order are kept as they are.
 */
export function asJsonb<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    let changed = false;
    const items = value.map((v: unknown) => {
      const w = asJsonb(v);
      changed ||= w !== v;
      return w;
    });
    return (changed ? items : value) as T;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  const ordered = [...keys].sort(jsonbKeyOrder);
  let changed = ordered.some((k, i) => k !== keys[i]);
  const values = ordered.map((k) => {
    const w = asJsonb(record[k]);
    changed ||= w !== record[k];
    return w;
  });
  if (!changed) return value;
  const out: Record<string, unknown> = {};
  ordered.forEach((k, i) => (out[k] = values[i]));
  return out as T;
}
