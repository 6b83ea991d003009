import express from 'express';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { COMPRESSED_FROM_BYTES, compressedAnswers } from './compressed-answers';
import { rawGet } from '../../../../test/support/raw-get';

describe('large JSON answers compressed for a client that accepts it', () => {
  const big = { units: Array.from({ length: 2000 }, (_, i) => ({ unitName: `Hội Liên hiệp Phụ nữ xã số ${i}`, status: 'approved' })) };
  let server: http.Server;
  let url: string;

  beforeAll(async () => {
    const app = express();
    app.use(compressedAnswers());
    app.get('/cycles/big', (_req, res) => res.json(big));
    app.get('/cycles/small', (_req, res) => res.json({ ok: true }));
    app.get('/auth/big', (_req, res) => res.json(big));
    app.get('/cycles/big.csv', (_req, res) => res.type('text/csv').send(big.units.map((u) => u.unitName).join('\n')));
    server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((r) => server.close(r)));

  it.each([
    ['gzip, deflate, br', 'br', brotliDecompressSync],
    ['gzip, deflate', 'gzip', gunzipSync],
  ] as const)(
    'compresses a large JSON answer for "%s" as %s, to a fraction, the same JSON once decompressed',
    async (accepts, encoding, decode) => {
      const res = await rawGet(`${url}/cycles/big`, accepts);
      expect([res.headers['content-encoding'], res.headers['vary']]).toEqual([encoding, 'Accept-Encoding']);
      expect(JSON.parse(decode(res.body).toString())).toEqual(big);
      expect(res.body.length).toBeLessThan(Buffer.byteLength(JSON.stringify(big)) / 5);
      expect(Buffer.byteLength(JSON.stringify(big))).toBeGreaterThan(COMPRESSED_FROM_BYTES);
    },
  );

  it.each([
    ['a small answer', '/cycles/small', 'gzip'],
    ['an answer under /auth (a session token: BREACH)', '/auth/big', 'gzip'],
    ['a file (CSV)', '/cycles/big.csv', 'gzip'],
    ['an answer to a client that does not accept it', '/cycles/big', undefined],
  ])('leaves %s as it is', async (_what, path, accepts) => {
    const res = await rawGet(`${url}${path}`, accepts);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body.length).toBe(Number(res.headers['content-length']));
  });
});
