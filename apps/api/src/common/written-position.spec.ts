import { BadRequestException } from '@nestjs/common';
import { noteWritten, trackWrites } from '@kybaocao/persistence/event-store/written-positions';
import { readAfterOf, WRITTEN_COOKIE } from './written-position';

const req = (cookie?: string, header?: string) => ({
  cookies: cookie === undefined ? {} : { [WRITTEN_COOKIE]: cookie },
  header: (name: string) => (name.toLowerCase() === 'x-written-position' ? header : undefined),
});

describe("the caller's consistency token", () => {
  it('is the higher of the cookie and the header; none without either', () => {
    expect(readAfterOf(req() as never)).toBeUndefined();
    expect(readAfterOf(req('120') as never)).toBe(120n);
    expect(readAfterOf(req(undefined, '95') as never)).toBe(95n);
    expect(readAfterOf(req('120', '950') as never)).toBe(950n);
    expect(readAfterOf(req('9999999999999999999999', '1') as never)).toBe(9999999999999999999999n); // the projector clamps it
  });

  it('that is not a whole number: 400 WRITTEN_POSITION_INVALID', () => {
    for (const bad of ['abc', '-1', '1.5', '12 ']) {
      const error = (() => {
        try {
          readAfterOf(req(undefined, bad) as never);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(BadRequestException);
      expect((error as BadRequestException).getResponse()).toMatchObject({ statusCode: 400, error: 'WRITTEN_POSITION_INVALID' });
    }
  });
});

describe('the positions a unit of work appended', () => {
  it('are the highest noted in its own scope, across awaits; nothing outside a scope, nothing from another scope', async () => {
    noteWritten('500'); // outside any scope (the worker, a script): ignored
    const a = trackWrites(async () => {
      noteWritten('10');
      await new Promise((r) => setTimeout(r, 5));
      noteWritten('7');
      noteWritten(12n);
    });
    const b = trackWrites(async () => {
      await new Promise((r) => setTimeout(r, 1));
      noteWritten('3');
    });
    const none = trackWrites(async () => undefined);
    await Promise.all([a.result, b.result, none.result]);
    expect([a.written(), b.written(), none.written()]).toEqual([12n, 3n, null]);
  });
});
