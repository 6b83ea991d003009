import { catchDomainError, conflict, DomainError, invalid, isDomainError } from './domain-error';

describe('DomainError', () => {
  it('conflict() builds a 409 with code, English message, Vietnamese message and details', () => {
    const error = conflict('SUBMISSION_NOT_SUBMITTED', 'not awaiting review', 'Báo cáo không ở trạng thái chờ thẩm định.', {
      status: 'draft',
    });
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('DomainError');
    expect(error.code).toBe('SUBMISSION_NOT_SUBMITTED');
    expect(error.message).toBe('not awaiting review');
    expect(error.messageVi).toBe('Báo cáo không ở trạng thái chờ thẩm định.');
    expect(error.httpStatus).toBe(409);
    expect(error.details).toEqual({ status: 'draft' });
  });

  it('invalid() builds a 422 without details when none are given', () => {
    const error = invalid('FIELD_REQUIRED', 'reason must not be blank', 'Lý do không được để trống.');
    expect(error.httpStatus).toBe(422);
    expect(error.details).toBeUndefined();
    expect('details' in error).toBe(false);
  });

  it('stores the Vietnamese message in NFC', () => {
    const decomposed = 'Ho\u0300a Bi\u0300nh'; // "Hòa Bình" with combining grave accents
    const error = invalid('X_Y', 'x', decomposed);
    expect(error.messageVi).toBe('H\u00f2a B\u00ecnh');
    expect(error.messageVi).toHaveLength(8);
  });

  it.each(['lower_case', 'MIXED_Case', 'TRAILING_', '_LEADING', 'DOUBLE__UNDERSCORE', ''])(
    'refuses a code that is not UPPER_SNAKE (%p) with a plain Error',
    (code) => {
      let thrown: unknown;
      try {
        conflict(code, 'x', 'x');
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(Error);
      expect(thrown).not.toBeInstanceOf(DomainError);
    },
  );

  it('isDomainError() tells domain rejections from other errors', () => {
    expect(isDomainError(invalid('A', 'a', 'a'))).toBe(true);
    expect(isDomainError(new Error('boom'))).toBe(false);
    expect(isDomainError('A')).toBe(false);
  });
});

describe('catchDomainError', () => {
  it('returns the DomainError thrown by the function', () => {
    const error = catchDomainError(() => {
      throw conflict('CYCLE_CANCELLED', 'x', 'x');
    });
    expect(error.code).toBe('CYCLE_CANCELLED');
  });

  it('fails when nothing is thrown', () => {
    expect(() => catchDomainError(() => 42)).toThrow('expected a DomainError, but nothing was thrown');
  });

  it('fails when something other than a DomainError is thrown', () => {
    expect(() =>
      catchDomainError(() => {
        throw new TypeError('bad');
      }),
    ).toThrow('expected a DomainError, got: TypeError: bad');
  });
});
