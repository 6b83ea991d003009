import { BadRequestException } from '@nestjs/common';
import { noteWritten, trackWrites } from '@kybaocao/persistence/event-store/written-positions';
import type { AddressInfo } from 'node:net';
import cookieParser from 'cookie-parser';
import express from 'express';
import { readAfterOf, WRITTEN_COOKIE, writtenPositionMiddleware } from './written-position';

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

describe('the middleware that hands the token to the client', () => {
  const serve = async (handler: express.RequestHandler) => {
    const app = express();
    app.use(cookieParser());
    app.use(writtenPositionMiddleware);
    app.get('/x', handler);
    const server = app.listen(0);
    await new Promise((r) => server.once('listening', r));
    const { port } = server.address() as AddressInfo;
    try {
      const res = await fetch(`http://127.0.0.1:${port}/x`);
      return { status: res.status, header: res.headers.get('x-written-position'), cookie: res.headers.get('set-cookie') };
    } finally {
      server.close();
    }
  };

  it('answers a route that responds synchronously, inside next() (the OpenAPI document), with no token', async () => {
    expect(await serve((_req, res) => void res.json({ ok: true }))).toEqual({ status: 200, header: null, cookie: null });
  });

  it('hands what an asynchronous route appended as the header and the cookie', async () => {
    const got = await serve(async (_req, res) => {
      await new Promise((r) => setTimeout(r, 2));
      noteWritten('41');
      noteWritten('42');
      res.json({ ok: true });
    });
    expect(got).toEqual({ status: 200, header: '42', cookie: 'kbc_written=42; Path=/; HttpOnly; SameSite=Strict' });
  });
});
