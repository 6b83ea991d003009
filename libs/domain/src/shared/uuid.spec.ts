import { isUuid, UUID_PATTERN } from './uuid';

describe('isUuid', () => {
  it.each([
    ['60517d4d-e20c-4c87-83d0-daf3f73bac52', true],
    ['60517D4D-E20C-4C87-83D0-DAF3F73BAC52', true],
    ['cv', false],
    ['60517d4d-e20c-4c87-83d0-daf3f73bac5', false],
    [' 60517d4d-e20c-4c87-83d0-daf3f73bac52', false],
    ['60517d4d-e20c-4c87-83d0-daf3f73bac52x', false],
  ])('%j → %s', (text, expected) => {
    expect(isUuid(text)).toBe(expected);
  });

  it('is anchored, as PostgreSQL reads the same pattern', () => {
    expect(UUID_PATTERN.startsWith('^') && UUID_PATTERN.endsWith('$')).toBe(true);
  });
});
