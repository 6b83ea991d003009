import { DIGEST_TIME_PATTERN, formatDigestTime, parseDigestTime } from './user-preferences';

describe('digest time "HH:MM"', () => {
  it('parses and formats times of day from 00:00 to 23:59', () => {
    expect(parseDigestTime('00:00')).toEqual({ digestHour: 0, digestMinute: 0 });
    expect(parseDigestTime('06:30')).toEqual({ digestHour: 6, digestMinute: 30 });
    expect(parseDigestTime('23:59')).toEqual({ digestHour: 23, digestMinute: 59 });
    expect(formatDigestTime({ digestHour: 7, digestMinute: 5 })).toBe('07:05');
    expect(formatDigestTime(parseDigestTime('18:45'))).toBe('18:45');
  });
  it.each(['7:00', '24:00', '12:60', '12:5', ' 07:00', '07:00:00', '', 'ab:cd'])('refuses %j', (time) => {
    expect(DIGEST_TIME_PATTERN.test(time)).toBe(false);
    expect(() => parseDigestTime(time)).toThrow(RangeError);
  });
});
