import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { ApiSession } from '../apps/api/src/demo/seed-demo';
import {
  ApiStack,
  cycleBody,
  HttpResult,
  login,
  openCycle,
  request,
  startStack,
  STARTUP_TIMEOUT_MS,
  VALID_CONTENT,
  waitForPhase,
} from './support/api-stack';
import { expectError, expectInvalid } from './support/expect-errors';
import { rawRequest } from './support/raw-http';

/**
 * Hostile input at the HTTP edge (issue #17): each request here answered 500 or stored something altered before.
 * Every one must be a 4xx naming the problem, and store nothing.
 */

const UNIT = 'hlhpn-tam-duong';
const REPORTER = `canbo.${UNIT}`;
const sub = (cycleId: string, action = '') => `/cycles/${cycleId}/units/${UNIT}/submission${action}`;

const raw = (baseUrl: string, method: string, path: string, body: Buffer | string, headers: Record<string, string>) =>
  rawRequest(baseUrl, method, path, body, headers);

/** `[[[…"x"…]]]` nested `depth` deep, as JSON text (JSON.stringify of such a value would itself overflow). */
const nested = (depth: number, leaf = '"x"') => '['.repeat(depth) + leaf + ']'.repeat(depth);

describe('hostile input at the HTTP edge', () => {
  let stack: ApiStack;
  let url: string;
  let coordinator: ApiSession;
  let reporter: ApiSession;
  let reviewer: ApiSession;
  let cycleId: string;

  const snapshot = async () =>
    (
      await stack.db.owner.query(
        `SELECT (SELECT count(*) FROM events)::int AS events, (SELECT count(*) FROM sessions)::int AS sessions, (SELECT count(*) FROM users)::int AS users`,
      )
    )[0];
  const rejected = async (send: () => Promise<HttpResult>): Promise<HttpResult> => {
    const before = await snapshot();
    const res = await send();
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(await snapshot()).toEqual(before);
    return res;
  };
  const json = (token?: string) => ({ 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) });

  beforeAll(async () => {
    stack = await startStack();
    url = stack.api.url;
    [coordinator, reporter, reviewer] = await Promise.all([login(url, 'chuyenvien.bdv'), login(url, REPORTER), login(url, 'lanhdao.bdv')]);
    cycleId = await openCycle(coordinator, [UNIT]);
  }, STARTUP_TIMEOUT_MS);
  afterAll(async () => {
    await stack?.stop();
  });

  describe('NUL and lone surrogates', () => {
    it('a NUL in the login username, without a token → 400 naming username', async () => {
      const res = await rejected(() => request(url, 'POST', '/auth/login', { body: { username: 'a\u0000b', password: 'x' } }));
      expectInvalid(res, ['username'], ['username must not contain a NUL character'], 'Dữ liệu gửi lên không hợp lệ: username');
    });
    it('a lone surrogate in the login password → 400 naming password', async () => {
      const res = await rejected(() => raw(url, 'POST', '/auth/login', '{"username":"chuyenvien.bdv","password":"\\ud800x"}', json()));
      expectInvalid(res, ['password'], ['password must be well-formed Unicode (it contains a lone surrogate)']);
    });
    it('a NUL in a query parameter → 400 naming it (GET /org-units?parentId=%00)', async () => {
      const res = await rejected(() => request(url, 'GET', '/org-units?parentId=%00', { token: coordinator.token }));
      expectInvalid(res, ['parentId'], ['parentId must not contain a NUL character'], 'Tham số parentId không hợp lệ.');
    });
    it('a NUL in GET /audit/verify?streamId=%00 → 400 naming streamId', async () => {
      const res = await rejected(() => request(url, 'GET', '/audit/verify?streamId=%00', { token: coordinator.token }));
      expectInvalid(res, ['streamId'], ['streamId must not contain a NUL character']);
    });
    it('a NUL in a path parameter → 400 naming it', async () => {
      const res = await rejected(() => request(url, 'GET', `/cycles/${cycleId}/units/a%00b/submission`, { token: reporter.token }));
      expectInvalid(res, ['unitId'], ['unitId must not contain a NUL character'], 'Tham số unitId không hợp lệ.');
    });
    it("a lone surrogate in a draft's narrative → 400 naming the section, nothing stored", async () => {
      const res = await rejected(() =>
        raw(url, 'PUT', sub(cycleId, '/draft'), '{"figures":{},"narrative":{"II.1":"Tổ chức \\udc00 buổi"}}', json(reporter.token)),
      );
      expectInvalid(res, ['narrative.II.1'], ['narrative.II.1 must be well-formed Unicode (it contains a lone surrogate)']);
    });
    it('a NUL in an object key → 400 naming the key', async () => {
      const res = await rejected(
        () => reporter.call('PUT', sub(cycleId, '/draft'), { figures: {}, narrative: { 'II\u00001': 'x' } }) as Promise<HttpResult>,
      );
      expectInvalid(res, ['narrative.II?1'], ['the name of narrative.II?1 must not contain a NUL character']);
    });
  });

  describe('nesting depth, non-finite numbers, drafts that are malformed', () => {
    it('a login body nested 5,000 deep → 400 (was a stack overflow in the validation pipe)', async () => {
      const res = await rejected(() => raw(url, 'POST', '/auth/login', `{"username":${nested(5000)},"password":"x"}`, json()));
      expect(res.body.error).toBe('VALIDATION_FAILED');
      expect(res.body.message).toEqual([`username${'[0]'.repeat(31)} is nested deeper than 32 levels`]);
    });
    it('a draft whose qualifier is an object nested 1,000 deep → 400, nothing stored', async () => {
      const qualifier = '{"a":'.repeat(1000) + '1' + '}'.repeat(1000);
      const res = await rejected(() =>
        raw(
          url,
          'PUT',
          sub(cycleId, '/draft'),
          `{"figures":{"TT_BUOI":{"value":1,"qualifier":${qualifier}}},"narrative":{}}`,
          json(reporter.token),
        ),
      );
      expect(res.status).toBe(400);
      expect(res.body.fields[0].field).toMatch(/^figures\.TT_BUOI\.qualifier(\.a)+$/);
    });
    it('a draft whose qualifier is a shallow object → 422 SUBMISSION_FIGURE_MALFORMED (drafts may be incomplete, never malformed)', async () => {
      const res = await rejected(
        () =>
          reporter.call('PUT', sub(cycleId, '/draft'), {
            figures: { TT_BUOI: { value: 1, qualifier: { a: 1 } } },
            narrative: {},
          }) as Promise<HttpResult>,
      );
      expectError(
        res,
        422,
        'SUBMISSION_FIGURE_MALFORMED',
        'figure TT_BUOI has a qualifier that is not one of tren, gan, uoc_dat, luy_ke',
        'Số liệu của chỉ tiêu "TT_BUOI" có ghi chú không hợp lệ.',
      );
    });
    it('1e309 in a draft → 400 naming the figure (jsonb would store null)', async () => {
      const res = await rejected(() =>
        raw(url, 'PUT', sub(cycleId, '/draft'), '{"figures":{"TT_BUOI":{"value":1e309}},"narrative":{}}', json(reporter.token)),
      );
      expectInvalid(res, ['figures.TT_BUOI.value'], ['figures.TT_BUOI.value must be a finite number']);
    });
  });

  describe('encodings', () => {
    const body = JSON.stringify({ username: 'chuyenvien.bdv', password: 'kybaocao-demo' });
    it('Content-Type: application/json; charset=latin1 → 415 UNSUPPORTED_CHARSET', async () => {
      const res = await rejected(() => raw(url, 'POST', '/auth/login', body, { 'content-type': 'application/json; charset=latin1' }));
      expectError(
        res,
        415,
        'UNSUPPORTED_CHARSET',
        'charset "latin1" is not supported: send UTF-8',
        'Bảng mã của dữ liệu gửi lên không được hỗ trợ; hãy gửi UTF-8.',
      );
    });
    it('Content-Type: application/json; charset=utf-16 → 415 as well (JSON between systems is UTF-8)', async () => {
      const res = await rejected(() =>
        raw(url, 'POST', '/auth/login', Buffer.from(body, 'utf16le'), { 'content-type': 'application/json; charset=utf-16' }),
      );
      expectError(res, 415, 'UNSUPPORTED_CHARSET', 'charset "utf-16" is not supported: send UTF-8');
    });
    it('Content-Encoding: compress → 415 UNSUPPORTED_CONTENT_ENCODING', async () => {
      const res = await rejected(() => raw(url, 'POST', '/auth/login', body, { ...json(), 'content-encoding': 'compress' }));
      expectError(
        res,
        415,
        'UNSUPPORTED_CONTENT_ENCODING',
        'Content-Encoding "compress" is not supported (gzip, deflate, br or identity)',
        'Kiểu nén của dữ liệu gửi lên không được hỗ trợ.',
      );
    });
    it('Content-Encoding: gzip over a body that is not gzip → 400 MALFORMED_BODY', async () => {
      const res = await rejected(() => raw(url, 'POST', '/auth/login', body, { ...json(), 'content-encoding': 'gzip' }));
      expectError(
        res,
        400,
        'MALFORMED_BODY',
        'request body could not be read (it does not match its Content-Encoding or Content-Length)',
        'Không đọc được dữ liệu gửi lên.',
      );
    });
    it('Content-Encoding: gzip over a gzip body still works', async () => {
      const res = await raw(url, 'POST', '/auth/login', gzipSync(body), { ...json(), 'content-encoding': 'gzip' });
      expect(res.status).toBe(200);
    });
    it('invalid UTF-8 bytes in a body → 400 INVALID_UTF8, not stored as U+FFFD', async () => {
      const bytes = Buffer.concat([
        Buffer.from('{"figures":{},"narrative":{"II.1":"T'),
        Buffer.from([0xff, 0xfe, 0xc3]),
        Buffer.from('"}}'),
      ]);
      const res = await rejected(() => raw(url, 'PUT', sub(cycleId, '/draft'), bytes, json(reporter.token)));
      expectError(res, 400, 'INVALID_UTF8', 'request body is not valid UTF-8', 'Dữ liệu gửi lên có ký tự không hợp lệ (không phải UTF-8).');
    });
  });

  describe('repeated query parameters and caps', () => {
    it('?streamId=a&streamId=b → 400 (was 200 with 0 events checked)', async () => {
      const res = await rejected(() => request(url, 'GET', '/audit/verify?streamId=a&streamId=b', { token: coordinator.token }));
      expectInvalid(res, ['streamId'], ['streamId must be given once'], 'Tham số streamId chỉ được ghi một lần.');
    });
    it('?parentId twice → 400', async () => {
      const res = await rejected(() => request(url, 'GET', '/org-units?parentId=a&parentId=b', { token: coordinator.token }));
      expectInvalid(res, ['parentId'], ['parentId must be given once']);
    });
    it('a return with 51 reasons → 400 naming reasons', async () => {
      const reasons = Array.from({ length: 51 }, (_, i) => ({ reason: `Lý do ${i + 1}` }));
      const res = await rejected(() => reviewer.call('POST', sub(cycleId, '/return'), { reasons }) as Promise<HttpResult>);
      expectInvalid(res, ['reasons'], ['reasons must contain at most 50 reasons']);
    });
    it('a draft with 101 narrative sections or 201 indicators → 400 naming them', async () => {
      const narrative = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`S${i}`, 'x']));
      const figures = Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`X${i}`, { value: 1 }]));
      expectInvalid(
        await rejected(() => reporter.call('PUT', sub(cycleId, '/draft'), { figures: {}, narrative }) as Promise<HttpResult>),
        ['narrative'],
        ['narrative must have at most 100 sections, each keyed by a code of at most 60 letters, digits, _ . -'],
      );
      expectInvalid(
        await rejected(() => reporter.call('PUT', sub(cycleId, '/draft'), { figures, narrative: {} }) as Promise<HttpResult>),
        ['figures'],
        ['figures must have at most 200 indicators, each keyed by a code of at most 60 letters, digits, _ . -'],
      );
    });
    it('a cycle whose period.year is 99999 → 400 naming period.year', async () => {
      const body = cycleBody([UNIT]);
      const res = await rejected(
        () => coordinator.call('POST', '/cycles', { ...body, period: { ...body.period, year: 99999 } }) as Promise<HttpResult>,
      );
      expectInvalid(res, ['period.year'], ['year must not be greater than 2100']);
    });
  });

  describe('Idempotency-Key', () => {
    it('the same key with a different body → 422 IDEMPOTENCY_KEY_MISMATCH, nothing stored; the same body again replays', async () => {
      const key = `draft-${randomUUID()}`;
      const first = await reporter.call('PUT', sub(cycleId, '/draft'), VALID_CONTENT, { 'idempotency-key': key });
      expect(first.status).toBe(200);
      const other = { ...VALID_CONTENT, narrative: { 'II.1': 'Nội dung khác hẳn.' } };
      const res = await rejected(
        () => reporter.call('PUT', sub(cycleId, '/draft'), other, { 'idempotency-key': key }) as Promise<HttpResult>,
      );
      expectError(
        res,
        422,
        'IDEMPOTENCY_KEY_MISMATCH',
        `the Idempotency-Key was already used on submission-${cycleId}:${UNIT} with a different request`,
        'Khóa chống trùng (Idempotency-Key) đã được dùng cho một yêu cầu có nội dung khác.',
      );
      const again = await reporter.call('PUT', sub(cycleId, '/draft'), VALID_CONTENT, { 'idempotency-key': key });
      expect({ status: again.status, body: again.body }).toEqual({ status: 200, body: first.body });
    });
    it('POST /cycles with a reused key and another body → 422', async () => {
      const key = `open-${randomUUID()}`;
      const first = await coordinator.call('POST', '/cycles', cycleBody([UNIT]), { 'idempotency-key': key });
      expect(first.status).toBe(201);
      await waitForPhase(coordinator, first.body.id, 'collecting'); // the workflow's own events are in before counting
      const res = await rejected(
        () =>
          coordinator.call('POST', '/cycles', cycleBody([UNIT], { signer: { authority: 'T/M', title: 'BÍ THƯ', name: 'Trần Văn B' } }), {
            'idempotency-key': key,
          }) as Promise<HttpResult>,
      );
      expect({ status: res.status, error: res.body.error }).toEqual({ status: 422, error: 'IDEMPOTENCY_KEY_MISMATCH' });
    });
  });

  describe('OpenAPI', () => {
    it('every security scheme an operation references is defined (kybaocao_session was not)', async () => {
      const doc = (await request(url, 'GET', '/docs/openapi.json')).body;
      const referenced = new Set<string>();
      for (const item of Object.values<any>(doc.paths)) {
        for (const op of Object.values<any>(item)) for (const req of op.security ?? []) Object.keys(req).forEach((k) => referenced.add(k));
      }
      expect(referenced.size).toBeGreaterThan(0);
      expect([...referenced].filter((name) => !doc.components?.securitySchemes?.[name])).toEqual([]);
      expect(doc.components.securitySchemes.kybaocao_session).toEqual({ type: 'apiKey', in: 'cookie', name: 'kybaocao_session' });
    });
  });
});
