import { INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { WebAppFiles, WebAppMiddleware, WebAppModule } from './web-app.module';
import { rawGet } from '../../../../test/support/raw-get';

const BIG = `export const rows = ${JSON.stringify(Array.from({ length: 500 }, (_, i) => `Hội Nông dân xã số ${i}`))};`;

describe('the web app at /ui/', () => {
  let dir: string;
  let app: INestApplication;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'web-app-'));
    fs.mkdirSync(path.join(dir, 'assets'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Kỳ báo cáo</title>');
    fs.writeFileSync(path.join(dir, 'assets', 'index-abc123.js'), 'console.log(1);');
    // An asset the build also wrote compressed (apps/web/vite.config.mts, precompressed).
    fs.writeFileSync(path.join(dir, 'assets', 'QueryState-def456.js'), BIG);
    fs.writeFileSync(path.join(dir, 'assets', 'QueryState-def456.js.br'), brotliCompressSync(BIG));
    fs.writeFileSync(path.join(dir, 'assets', 'QueryState-def456.js.gz'), gzipSync(BIG));
    // The module as the API imports it, with the files of this test instead of dist/web.
    @Module({ providers: [{ provide: WebAppFiles, useValue: new WebAppFiles(dir) }, WebAppMiddleware] })
    class WebAppForTest extends WebAppModule {}
    app = await NestFactory.create(WebAppForTest, { logger: false });
    await app.listen(0, '127.0.0.1');
  });
  afterAll(async () => {
    await app?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it.each(['/ui', '/ui/', '/ui/assignments', '/ui/cycles/0b7c2f4e/units/hlhpn-tam-duong?x=1', '/ui/login?next=%2Fassignments'])(
    'answers index.html, not cached, for the app route %s (the app routes itself)',
    async (url) => {
      const res = await request(app.getHttpServer()).get(url);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.text).toContain('<title>Kỳ báo cáo</title>');
    },
  );

  it('serves a hashed asset with a year-long cache', async () => {
    const res = await request(app.getHttpServer()).get('/ui/assets/index-abc123.js');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.text).toBe('console.log(1);');
  });

  it.each([
    ['br, gzip, deflate', 'br', brotliDecompressSync],
    ['gzip, deflate', 'gzip', gunzipSync],
    ['identity', undefined, (b: Buffer) => b],
  ] as const)('sends an asset the build compressed to a browser accepting "%s" as %s', async (accepts, encoding, decode) => {
    const res = await rawGet(`${await app.getUrl()}/ui/assets/QueryState-def456.js`, accepts);
    expect(res.status).toBe(200);
    expect([res.headers['content-encoding'], res.headers['vary']]).toEqual([encoding, 'Accept-Encoding']);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(decode(res.body).toString()).toBe(BIG);
    if (encoding) expect(res.body.length).toBeLessThan(Buffer.byteLength(BIG) / 3);
  });

  it('answers 404 with a Vietnamese message for a missing asset, never index.html', async () => {
    const res = await request(app.getHttpServer()).get('/ui/assets/nope.js');
    expect(res.status).toBe(404);
    expect(res.body).toEqual(expect.objectContaining({ error: 'NOT_FOUND', messageVi: 'Không tìm thấy tệp.' }));
  });

  it('does not let a path climb out of the folder', async () => {
    const res = await request(app.getHttpServer()).get('/ui/assets/..%2F..%2Fpackage.json');
    expect([403, 404]).toContain(res.status);
    expect(res.text).not.toContain('"name"');
  });

  it('leaves other paths alone', async () => {
    const res = await request(app.getHttpServer()).get('/uix');
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('Kỳ báo cáo');
  });
});
