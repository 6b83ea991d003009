import { findHostileValue, MAX_DEPTH } from './hostile-input';

describe('findHostileValue', () => {
  it('accepts ordinary Vietnamese text, numbers, nested objects within the depth cap', () => {
    expect(findHostileValue({ a: 'Hội LHPN 😀', b: [1, 2.5, { c: null, d: true }] })).toBeNull();
  });
  it("names a NUL in a nested string with the validation pipe's field syntax", () => {
    expect(findHostileValue({ reasons: [{ reason: 'ok' }, { reason: 'a\u0000' }] })).toEqual({
      field: 'reasons[1].reason',
      message: 'reasons[1].reason must not contain a NUL character',
    });
  });
  it('finds lone high and low surrogates, but not a pair', () => {
    expect(findHostileValue({ s: '\ud83d\ude00' })).toBeNull();
    expect(findHostileValue({ s: 'x\ud800' })?.field).toBe('s');
    expect(findHostileValue({ s: '\udc00x' })?.field).toBe('s');
  });
  it('refuses a non-finite number (JSON.parse of 1e309)', () => {
    expect(findHostileValue(JSON.parse('{"v":1e309}'))).toEqual({ field: 'v', message: 'v must be a finite number' });
  });
  it('stops at the depth cap without recursion (100,000 levels)', () => {
    const deep = JSON.parse('['.repeat(100000) + ']'.repeat(100000));
    expect(findHostileValue(deep)?.message).toMatch(new RegExp(`nested deeper than ${MAX_DEPTH} levels$`));
    const ok = JSON.parse('['.repeat(MAX_DEPTH) + ']'.repeat(MAX_DEPTH));
    expect(findHostileValue(ok)).toBeNull();
  });
  it('checks object keys', () => {
    expect(findHostileValue({ narrative: { 'a\u0000': 'x' } })).toEqual({
      field: 'narrative.a?',
      message: 'the name of narrative.a? must not contain a NUL character',
    });
  });
});
