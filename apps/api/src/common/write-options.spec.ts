import { prefersMinimal, writeOptionsOf } from './write-options';

describe('Prefer: return=minimal (RFC 7240)', () => {
  it('is read among other preferences, with parameters, spaces and any case', () => {
    for (const prefer of [
      'return=minimal',
      'Return=Minimal',
      'respond-async, return=minimal',
      'return = minimal; foo=bar',
      ['handling=lenient', 'return=minimal'],
    ])
      expect({ prefer, minimal: prefersMinimal(prefer) }).toEqual({ prefer, minimal: true });
  });
  it('is not read from other preferences or a malformed header', () => {
    for (const prefer of [undefined, '', 'return=representation', 'return=minimalist', 'wait=10', 42, ['return=representation']])
      expect({ prefer, minimal: prefersMinimal(prefer) }).toEqual({ prefer, minimal: false });
  });
  it('is one of the write options', () => {
    expect(writeOptionsOf({ prefer: 'return=minimal', 'idempotency-key': 'k1' })).toEqual({
      idempotencyKey: 'k1',
      returnMinimal: true,
      expectedVersion: undefined,
    });
    expect(writeOptionsOf({})).toEqual({ idempotencyKey: undefined, expectedVersion: undefined });
  });
});
