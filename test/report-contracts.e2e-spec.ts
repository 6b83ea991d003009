import { existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { ApiSession } from '../apps/api/src/demo/seed-demo';
import {
  ApiStack,
  eventCount,
  HttpResult,
  login,
  openCycle,
  request,
  startStack,
  STARTUP_TIMEOUT_MS,
  streamEvents,
  TEST_ADMIN_PASSWORD,
  VALID_CONTENT,
} from './support/api-stack';
import { expectError, expectInvalid } from './support/expect-errors';
import { readModelsCurrent } from './support/read-models';

/**
 * Contract tests of the report endpoints: per endpoint a valid request and at least two invalid ones, each with
 * the exact status, code and message, and nothing stored by a refused request. The describes run in order and
 * carry one cycle through its phases (the report's endpoints each belong to a phase).
 */

const UNIT = 'hlhpn-tam-duong';
const HAS_SOFFICE = ['soffice', 'libreoffice'].some((p) => (process.env.PATH ?? '').split(':').some((dir) => existsSync(`${dir}/${p}`)));

describe('HTTP contracts of the report endpoints', () => {
  let stack: ApiStack;
  let url: string;
  let cycleId: string;
  let coordinator: ApiSession, reviewer: ApiSession, standing: ApiSession, signer: ApiSession, clerk: ApiSession, reporter: ApiSession;
  const report = (path = '', id = cycleId) => `/cycles/${id}/report${path}`;
  const as = (s: ApiSession | undefined, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    request(url, method, path, { token: s?.token, body, headers });
  /** A request that must be refused, and store nothing. */
  const rejected = async (send: () => Promise<HttpResult>): Promise<HttpResult> => {
    const before = await eventCount(stack.db);
    const res = await send();
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(await eventCount(stack.db)).toBe(before);
    return res;
  };
  const ok = async (send: () => Promise<HttpResult>, status = 200): Promise<HttpResult> => {
    const res = await send();
    expect({ status: res.status, error: res.body?.error }).toEqual({ status, error: undefined });
    return res;
  };

  beforeAll(async () => {
    stack = await startStack();
    url = stack.api.url;
    [coordinator, reviewer, standing, signer, clerk, reporter] = await Promise.all([
      login(url, 'chuyenvien.bdv'),
      login(url, 'lanhdao.bdv'),
      login(url, 'thuongtruc'),
      login(url, 'btv.pbt'),
      login(url, 'vanthu'),
      login(url, `canbo.${UNIT}`),
    ]);
    cycleId = await openCycle(coordinator, [UNIT]);
    for (const [s, path, body] of [
      [reporter, `/cycles/${cycleId}/units/${UNIT}/submission/submit`, { content: VALID_CONTENT }],
      [reviewer, `/cycles/${cycleId}/units/${UNIT}/submission/approve`, { version: 1 }],
      [coordinator, `/cycles/${cycleId}/close-submissions`, undefined],
    ] as const) {
      const res = await s.call('POST', path, body);
      if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    }
  }, STARTUP_TIMEOUT_MS);
  afterAll(async () => {
    await stack?.stop();
  });

  describe('GET /cycles/{cycleId}/report', () => {
    it('valid: 200, no report yet', async () => {
      const res = await ok(() => as(coordinator, 'GET', report()));
      expect(res.body).toMatchObject({ cycleId, status: 'none', versions: [], document: null, cyclePhase: 'reviewing' });
      expect(res.headers.get('etag')).toBe('"0"');
    });
    it('invalid: a cycle id that is not a UUID → 400', async () => {
      expectInvalid(await as(coordinator, 'GET', report('', 'ky-2027')), ['cycleId'], ['cycleId must be a UUID']);
    });
    it('invalid: an unknown cycle → 404 CYCLE_NOT_FOUND', async () => {
      const id = randomUUID();
      expectError(
        await as(coordinator, 'GET', report('', id)),
        404,
        'CYCLE_NOT_FOUND',
        `cycle ${id} does not exist`,
        'Không tìm thấy kỳ báo cáo.',
      );
    });
  });

  describe('GET /cycles/{cycleId}/report/checks', () => {
    it('valid: 200 with the totals', async () => {
      const res = await ok(() => as(reviewer, 'GET', report('/checks')));
      expect(res.body.totals.map((t: any) => [t.code, t.text])).toEqual([
        ['TT_BUOI', '245 buổi'],
        ['TT_LUOT_NGUOI', 'trên 9.800 lượt người'],
      ]);
    });
    it('invalid: a reporter → 403', async () => {
      expectError(
        await as(reporter, 'GET', report('/checks')),
        403,
        'FORBIDDEN',
        'requires one of the roles: admin, coordinator, reviewer, standing, signer, clerk',
      );
    });
    it('invalid: an unknown cycle → 404', async () => {
      const id = randomUUID();
      expectError(await as(reviewer, 'GET', report('/checks', id)), 404, 'CYCLE_NOT_FOUND', `cycle ${id} does not exist`);
    });
  });

  describe('POST /cycles/{cycleId}/report/draft', () => {
    it('invalid: an unknown scheme → 400 naming scheme', async () => {
      expectInvalid(
        await rejected(() => as(coordinator, 'POST', report('/draft'), { scheme: 'federal' })),
        ['scheme'],
        ['scheme must be party or state'],
      );
    });
    it('invalid: an unknown property → 400 naming it', async () => {
      expectInvalid(
        await rejected(() => as(coordinator, 'POST', report('/draft'), { colour: 'đỏ' })),
        ['colour'],
        ['property colour should not exist'],
      );
    });
    it('invalid: a reporter → 403', async () => {
      expectError(
        await rejected(() => as(reporter, 'POST', report('/draft'), {})),
        403,
        'FORBIDDEN',
        'requires one of the roles: coordinator, reviewer',
      );
    });
    it('valid: 200, version 1 from the approved submissions', async () => {
      const res = await ok(() =>
        as(coordinator, 'POST', report('/draft'), { title: 'tổng kết công tác dân vận năm 2027'.normalize('NFD') }),
      );
      expect(res.body).toMatchObject({ status: 'drafting', latestVersion: 1, document: { title: 'tổng kết công tác dân vận năm 2027' } });
      expect(res.body.document.title).toBe(res.body.document.title.normalize('NFC'));
      expect(res.headers.get('etag')).toBe('"1"');
    });
  });

  describe('GET /cycles/{cycleId}/report/versions/{version}', () => {
    it('valid: 200 with passages', async () => {
      const res = await ok(() => as(standing, 'GET', report('/versions/1')));
      expect(res.body.passages[0]).toEqual({ id: 't', kind: 'title', text: 'tổng kết công tác dân vận năm 2027' });
    });
    it('invalid: not a number → 400 naming version', async () => {
      expectInvalid(await as(standing, 'GET', report('/versions/abc')), ['version'], ['version must be a positive integer']);
    });
    it('invalid: no such version → 404 REPORT_VERSION_NOT_FOUND', async () => {
      expectError(
        await as(standing, 'GET', report('/versions/9')),
        404,
        'REPORT_VERSION_NOT_FOUND',
        'the report has no version 9',
        'Báo cáo không có phiên bản 9.',
      );
    });
  });

  describe('GET /cycles/{cycleId}/report/versions/{version}/diff', () => {
    it('valid: 200, no change between a version and itself', async () => {
      expect((await ok(() => as(standing, 'GET', report('/versions/1/diff?from=1')))).body).toEqual({
        cycleId,
        from: 1,
        to: 1,
        changes: [],
      });
    });
    it('invalid: from not a number → 400 naming from', async () => {
      expectInvalid(await as(standing, 'GET', report('/versions/1/diff?from=x')), ['from'], ['from must be a positive integer']);
    });
    it('invalid: version 1 has no previous version → 404', async () => {
      expectError(await as(standing, 'GET', report('/versions/1/diff')), 404, 'REPORT_VERSION_NOT_FOUND', 'the report has no version 0');
    });
  });

  describe('GET /cycles/{cycleId}/report/versions/{version}/figure-sources', () => {
    it("valid: 200, the figure passage's indicators with the unit, its approved version and the approval", async () => {
      const res = await ok(() => as(standing, 'GET', report('/versions/1/figure-sources?passageId=s2.1/p1')));
      const buoi = res.body.indicators.find((i: any) => i.code === 'TT_BUOI');
      expect(buoi).toMatchObject({
        name: 'Số buổi tuyên truyền',
        sourceCount: 1,
        sources: [
          {
            unitId: UNIT,
            unitName: 'Hội LHPN',
            submissionVersion: 1,
            valueText: '245 buổi',
            approvedBy: 'Tẩn Văn Sơn (Phó Trưởng Ban Dân vận)',
          },
        ],
      });
      expect(res.body).toMatchObject({ page: 1, pageSize: 100 });
      // A page past the figure's units lists none and still counts them.
      const past = await ok(() => as(standing, 'GET', report('/versions/1/figure-sources?passageId=s2.1/p1&page=2')));
      expect(past.body.indicators.find((i: any) => i.code === 'TT_BUOI')).toMatchObject({ sourceCount: 1, sources: [] });
    });
    it('invalid: page 0 → 400 naming page', async () => {
      expectInvalid(
        await as(standing, 'GET', report('/versions/1/figure-sources?passageId=s2.1/p1&page=0')),
        ['page'],
        ['page must be a positive integer'],
      );
    });
    it('invalid: a passage that is no paragraph of the version → 422 PASSAGE_NOT_FOUND; no such version → 404; a reporter → 403', async () => {
      expectError(
        await as(standing, 'GET', report('/versions/1/figure-sources?passageId=s99/p1')),
        422,
        'PASSAGE_NOT_FOUND',
        'version 1 has no paragraph s99/p1',
        'Không tìm thấy đoạn văn này trong phiên bản đã chọn.',
      );
      expectError(await as(standing, 'GET', report('/versions/1/figure-sources')), 422, 'PASSAGE_NOT_FOUND', 'version 1 has no paragraph ');
      expectError(
        await as(standing, 'GET', report('/versions/9/figure-sources?passageId=s2.1/p1')),
        404,
        'REPORT_VERSION_NOT_FOUND',
        'the report has no version 9',
      );
      expectError(
        await as(reporter, 'GET', report('/versions/1/figure-sources?passageId=s2.1/p1')),
        403,
        'FORBIDDEN',
        'requires one of the roles: admin, coordinator, reviewer, standing, signer, clerk',
      );
    });
  });

  describe('POST /cycles/{cycleId}/report/revisions', () => {
    it('invalid: no baseVersion → 400 naming baseVersion', async () => {
      expectInvalid(
        await rejected(() => as(coordinator, 'POST', report('/revisions'), { title: 'tổng kết' })),
        ['baseVersion'],
        ['baseVersion must be an integer number'],
      );
    });
    it('invalid: nothing to change → 422 REPORT_REVISION_EMPTY', async () => {
      expectError(
        await rejected(() => as(coordinator, 'POST', report('/revisions'), { baseVersion: 1 })),
        422,
        'REPORT_REVISION_EMPTY',
        'a revision changes at least one of title, place, body, recipients, archive',
        'Nội dung sửa đổi không khác phiên bản hiện tại.',
      );
    });
    it('invalid: a Nơi nhận line naming a unit not in the registry → 422 RECIPIENT_UNIT_UNKNOWN', async () => {
      expectError(
        await rejected(() =>
          as(coordinator, 'POST', report('/revisions'), {
            baseVersion: 1,
            recipients: [{ name: 'Đơn vị lạ', purpose: 't/d', unitIds: ['khong-co'] }],
          }),
        ),
        422,
        'RECIPIENT_UNIT_UNKNOWN',
        'recipients name units not in the registry: khong-co',
        'Nơi nhận có đơn vị không có trong danh mục tổ chức: khong-co.',
      );
    });
    it('invalid: an unknown purpose → 400 naming recipients.0.purpose', async () => {
      expectInvalid(
        await rejected(() =>
          as(coordinator, 'POST', report('/revisions'), { baseVersion: 1, recipients: [{ name: 'Ban Dân vận Tỉnh ủy', purpose: 'x' }] }),
        ),
        ['recipients.0.purpose'],
        ['purpose must be one of b/c, đ/b, t/d'],
      );
    });
    it('valid: 200, version 2', async () => {
      const res = await ok(() =>
        as(
          coordinator,
          'POST',
          report('/revisions'),
          { baseVersion: 1, title: 'tổng kết công tác dân vận năm 2027, nhiệm vụ năm 2028' },
          { 'if-match': '"1"' },
        ),
      );
      expect(res.body).toMatchObject({ latestVersion: 2, versions: [{ version: 1 }, { version: 2, origin: 'revision' }] });
      expect((await reviewer.call('POST', `/cycles/${cycleId}/advance`, { to: 'commenting' })).status).toBe(200);
    });
  });

  let commentId: string;
  describe('POST /cycles/{cycleId}/report/comments', () => {
    it('invalid: a passage id of the wrong shape → 400 naming passageId', async () => {
      expectInvalid(
        await rejected(() => as(standing, 'POST', report('/comments'), { version: 2, passageId: 'x/y', text: 'Góp ý' })),
        ['passageId'],
        ['passageId must be a passage id such as s2.4/p1'],
      );
    });
    it('invalid: empty text → 400 naming text', async () => {
      expectInvalid(
        await rejected(() => as(standing, 'POST', report('/comments'), { version: 2, passageId: 't', text: '' })),
        ['text'],
        ['text must be longer than or equal to 1 characters'],
      );
    });
    it('invalid: a version that does not exist → 422 REPORT_VERSION_UNKNOWN', async () => {
      expectError(
        await rejected(() => as(standing, 'POST', report('/comments'), { version: 7, passageId: 't', text: 'Góp ý' })),
        422,
        'REPORT_VERSION_UNKNOWN',
        'version 7 does not exist',
        'Không có phiên bản 7 của dự thảo.',
      );
    });
    it('valid: 200, anchored to the title of version 2', async () => {
      const res = await ok(() =>
        as(
          standing,
          'POST',
          report('/comments'),
          { version: 2, passageId: 't', quote: 'nhiệm vụ năm 2028', text: 'Viết đầy đủ "nhiệm vụ trọng tâm".' },
          { 'idempotency-key': 'tt-1' },
        ),
      );
      expect(res.body.comments).toEqual([
        expect.objectContaining({
          commentId: expect.stringMatching(/^c-[0-9a-f]{16}$/),
          version: 2,
          anchor: { passageId: 't', quote: 'nhiệm vụ năm 2028' },
          status: 'open',
        }),
      ]);
      commentId = res.body.comments[0].commentId;
      // The same request again (a retry) stores nothing more and names the same comment.
      const before = await eventCount(stack.db);
      const again = await as(
        standing,
        'POST',
        report('/comments'),
        { version: 2, passageId: 't', quote: 'nhiệm vụ năm 2028', text: 'Viết đầy đủ "nhiệm vụ trọng tâm".' },
        { 'idempotency-key': 'tt-1' },
      );
      expect(again.status).toBe(200);
      expect(again.body.comments.map((c: any) => c.commentId)).toEqual([commentId]);
      expect(await eventCount(stack.db)).toBe(before);
    });
  });

  describe('POST /cycles/{cycleId}/report/comments/{commentId}/resolve', () => {
    it('invalid: an unknown comment → 422 REPORT_COMMENT_UNKNOWN', async () => {
      expectError(
        await rejected(() => as(coordinator, 'POST', report('/comments/c-none/resolve'), {})),
        422,
        'REPORT_COMMENT_UNKNOWN',
        'no comment c-none',
        'Không tìm thấy ý kiến.',
      );
    });
    it('invalid: a note that is not text → 400 naming note', async () => {
      expectInvalid(
        await rejected(() => as(coordinator, 'POST', report(`/comments/${commentId}/resolve`), { note: 12 })),
        ['note'],
        ['note must be a string'],
      );
    });
    it('valid: 200, then resolving again → 409 REPORT_COMMENT_RESOLVED', async () => {
      const res = await ok(() => as(coordinator, 'POST', report(`/comments/${commentId}/resolve`), { note: 'Đã sửa.' }));
      expect(res.body.comments[0]).toMatchObject({ status: 'resolved', resolution: { note: 'Đã sửa.', inVersion: 2 } });
      expectError(
        await rejected(() => as(coordinator, 'POST', report(`/comments/${commentId}/resolve`), {})),
        409,
        'REPORT_COMMENT_RESOLVED',
        `comment ${commentId} is already resolved`,
      );
      expect((await coordinator.call('POST', `/cycles/${cycleId}/advance`, { to: 'signing' })).status).toBe(200);
    });
  });

  describe('POST /cycles/{cycleId}/report/sign', () => {
    it('invalid: version 0 → 400 naming version', async () => {
      expectInvalid(
        await rejected(() => as(signer, 'POST', report('/sign'), { version: 0 })),
        ['version'],
        ['version must not be less than 1'],
      );
    });
    it('invalid: an unknown authority → 400 naming authority', async () => {
      expectInvalid(
        await rejected(() => as(signer, 'POST', report('/sign'), { version: 2, authority: 'XYZ' })),
        ['authority'],
        ['authority must be one of T/M, K/T, T/L, T/UQ, TM., KT., TL., TUQ.'],
      );
    });
    it('invalid: a reviewer trying to sign → 403', async () => {
      expectError(
        await rejected(() => as(reviewer, 'POST', report('/sign'), { version: 2 })),
        403,
        'FORBIDDEN',
        'requires one of the roles: signer',
      );
    });
    it('valid: 200, signed, the cycle moves on to distribution', async () => {
      const res = await ok(() => as(signer, 'POST', report('/sign'), { version: 2, title: 'PHÓ BÍ THƯ', name: 'Nguyễn Văn A' }));
      expect(res.body).toMatchObject({ status: 'signed', cyclePhase: 'distributing', signed: { version: 2 } });
    });
  });

  describe('POST /cycles/{cycleId}/report/number', () => {
    it('invalid: a date in another format → 400 naming date', async () => {
      expectInvalid(
        await rejected(() => as(clerk, 'POST', report('/number'), { date: '28/12/2027' })),
        ['date'],
        ['date must be a date such as 2026-12-28'],
      );
    });
    it('invalid: a date of issue before the signature → 422', async () => {
      expectError(
        await rejected(() => as(clerk, 'POST', report('/number'), { date: '2020-01-01' })),
        422,
        'DOCUMENT_DATE_BEFORE_SIGNING',
        /^date of issue 2020-01-01 is before the signature on \d{4}-\d{2}-\d{2}$/,
        'Ngày ban hành không thể trước ngày ký.',
      );
    });
    it('valid: 200 with the next number of the register; a second number → 409', async () => {
      const res = await ok(() => as(clerk, 'POST', report('/number'), {}));
      expect(res.body.numbered).toMatchObject({ number: 1, numberText: 'Số 01-BC/HU' });
      expectError(
        await rejected(() => as(clerk, 'POST', report('/number'), {})),
        409,
        'DOCUMENT_ALREADY_NUMBERED',
        'the document already has its number',
        'Văn bản đã được cấp số.',
      );
    });
  });

  describe('PUT /cycles/{cycleId}/report/recipients', () => {
    const line = (over: Record<string, unknown> = {}) => ({
      recipients: [{ name: 'Sở Nội vụ', purpose: 'b/c', ...over }],
      archive: ['Văn phòng Huyện ủy'],
    });
    it('invalid: a blank line, an unknown purpose, a line over 200 characters, more than 100 lines, no Lưu line → 400 naming each', async () => {
      expectInvalid(
        await rejected(() => as(clerk, 'PUT', report('/recipients'), line({ name: '   ' }))),
        ['recipients.0.name'],
        ['name must not be blank'],
      );
      expectInvalid(
        await rejected(() => as(clerk, 'PUT', report('/recipients'), line({ purpose: 'k/g' }))),
        ['recipients.0.purpose'],
        ['purpose must be one of b/c, đ/b, t/d'],
      );
      expectInvalid(
        await rejected(() => as(clerk, 'PUT', report('/recipients'), line({ name: 'S'.repeat(201) }))),
        ['recipients.0.name'],
        ['name must be shorter than or equal to 200 characters'],
      );
      expectInvalid(
        await rejected(() =>
          as(clerk, 'PUT', report('/recipients'), {
            recipients: Array.from({ length: 101 }, (_, i) => ({ name: `Nơi nhận ${i}` })),
            archive: ['VT'],
          }),
        ),
        ['recipients'],
        ['recipients must contain no more than 100 elements'],
      );
      expectInvalid(await rejected(() => as(clerk, 'PUT', report('/recipients'), { recipients: [] })), ['archive']);
    });
    it('invalid: a unit not in the registry → 422 RECIPIENT_UNIT_UNKNOWN; a reviewer → 403; a stale If-Match → 409', async () => {
      expectError(
        await rejected(() => as(clerk, 'PUT', report('/recipients'), line({ unitIds: ['khong-co'] }))),
        422,
        'RECIPIENT_UNIT_UNKNOWN',
        'recipients name units not in the registry: khong-co',
      );
      expectError(
        await rejected(() => as(reviewer, 'PUT', report('/recipients'), line())),
        403,
        'FORBIDDEN',
        'requires one of the roles: clerk',
      );
      const stale = await rejected(() => as(clerk, 'PUT', report('/recipients'), line(), { 'if-match': '"2"' }));
      expect({ status: stale.status, error: stale.body.error, currentVersion: stale.body.currentVersion }).toEqual({
        status: 409,
        error: 'STREAM_VERSION_CONFLICT',
        currentVersion: 6,
      });
    });
    it('valid: 200, the issued document carries the amended Nơi nhận, the signed body is unchanged, the event is stored', async () => {
      const before = (await as(clerk, 'GET', report())).body.document;
      const recipients = [...before.recipients, { name: 'Sở  Nội vu\u0323', purpose: 'b/c' }];
      const res = await ok(() =>
        as(
          clerk,
          'PUT',
          report('/recipients'),
          { recipients, archive: ['Văn phòng Huyện ủy', 'Ban Dân vận'], reason: 'Bổ sung Sở Nội vụ' },
          { 'if-match': '"6"' },
        ),
      );
      expect(res.body.streamVersion).toBe(7);
      expect(res.body.document.recipients.at(-1)).toEqual({ name: 'Sở Nội vụ', purpose: 'b/c' });
      expect(res.body.document.archive).toEqual(['Văn phòng Huyện ủy', 'Ban Dân vận']);
      expect(res.body.document.body).toEqual(before.body);
      const events = await streamEvents(stack.db, `report-${cycleId}`);
      expect(events.at(-1)).toMatchObject({
        event_type: 'ReportRecipientsAmended',
        data: { reason: 'Bổ sung Sở Nội vụ', archive: ['Văn phòng Huyện ủy', 'Ban Dân vận'] },
      });
    });
  });

  describe('GET /cycles/{cycleId}/report/document.docx and document.pdf', () => {
    it('valid: the DOCX of the numbered report', async () => {
      const res = await as(reviewer, 'GET', report('/document.docx'));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toBe('attachment; filename="bao-cao-so-1.docx"');
    });
    it('invalid: version not a number → 400; no such version → 404', async () => {
      expectInvalid(await as(reviewer, 'GET', report('/document.docx?version=abc')), ['version'], ['version must be a positive integer']);
      expectError(
        await as(reviewer, 'GET', report('/document.docx?version=9')),
        404,
        'REPORT_VERSION_NOT_FOUND',
        'the report has no version 9',
      );
    });
    it(`PDF: ${HAS_SOFFICE ? '200 through LibreOffice' : '503 PDF_UNAVAILABLE without LibreOffice'}; bad and unknown versions refused`, async () => {
      const res = await as(reviewer, 'GET', report('/document.pdf'));
      if (HAS_SOFFICE) {
        expect([res.status, res.headers.get('content-type')]).toEqual([200, 'application/pdf']);
      } else {
        expectError(
          res,
          503,
          'PDF_UNAVAILABLE',
          'LibreOffice (soffice) is not installed on the server; download the DOCX instead',
          'Máy chủ chưa cài LibreOffice nên chưa xuất được PDF; hãy tải bản DOCX.',
        );
      }
      expectInvalid(await as(reviewer, 'GET', report('/document.pdf?version=0')), ['version'], ['version must be a positive integer']);
      expectError(
        await as(reviewer, 'GET', report('/document.pdf?version=9')),
        404,
        'REPORT_VERSION_NOT_FOUND',
        'the report has no version 9',
      );
    });
  });

  describe('POST /cycles/{cycleId}/report/distribute', () => {
    it('invalid: a stale If-Match → 409 with the current version', async () => {
      const res = await rejected(() => as(clerk, 'POST', report('/distribute'), undefined, { 'if-match': '"1"' }));
      // 7: numbering (6) and the clerk's Nơi nhận amendment (7).
      expect({ status: res.status, error: res.body.error, currentVersion: res.body.currentVersion }).toEqual({
        status: 409,
        error: 'STREAM_VERSION_CONFLICT',
        currentVersion: 7,
      });
    });
    it('valid: 200; distributing again → 409 REPORT_WRONG_STATUS', async () => {
      const res = await ok(() => as(clerk, 'POST', report('/distribute'), undefined, { 'if-match': '"7"' }));
      // The answer counts the deliveries (issue #16: never the list, which grows with the units); the office pages them.
      expect(res.body.distribution).toEqual({ at: expect.any(String), by: expect.any(Object), deliveredCount: 2, acknowledgedCount: 0 });
      // The issuer's superior (b/c) first: the demo district sits under Tỉnh ủy Lai Châu (issue #14). The page waits for
      // the caller's own writes: the clerk sends back the distribution's consistency token.
      const token = res.headers.get('x-written-position')!;
      expect(token).toMatch(/^\d+$/);
      const listed = await ok(() => as(clerk, 'GET', report('/deliveries'), undefined, { 'x-written-position': token }));
      expect(listed.body.items.map((d: any) => d.unitId)).toEqual(['tinh-uy-lai-chau', UNIT]);
      expectError(
        await rejected(() => as(clerk, 'POST', report('/distribute'))),
        409,
        'REPORT_WRONG_STATUS',
        'DistributeReport is not allowed when the report is distributed',
        'Không thực hiện được thao tác này khi báo cáo đã phát hành.',
      );
      expectError(
        await rejected(() => as(clerk, 'PUT', report('/recipients'), { recipients: [{ name: 'Sở Nội vụ' }], archive: ['VT'] })),
        409,
        'REPORT_ALREADY_DISTRIBUTED',
        'Nơi nhận cannot change once the document is distributed',
        'Văn bản đã phát hành, không thể sửa nơi nhận; cần ban hành văn bản mới.',
      );
    });
  });

  describe('POST /cycles/{cycleId}/report/receipts', () => {
    it('invalid: no unitId → 400; a unit the caller does not act for → 403', async () => {
      expectInvalid(await rejected(() => as(reporter, 'POST', report('/receipts'), {})), ['unitId'], ['unitId must be a string']);
      expectError(
        await rejected(() => as(reporter, 'POST', report('/receipts'), { unitId: 'mttq-tam-duong' })),
        403,
        'FORBIDDEN',
        `user canbo.${UNIT} does not act for unit mttq-tam-duong`,
        'Bạn không thuộc đơn vị nhận văn bản này.',
      );
    });
    it('valid with Prefer: return=minimal: 204, no body, the new version; twice → 409 REPORT_RECEIPT_ALREADY_ACKNOWLEDGED', async () => {
      const before = await ok(() => as(reporter, 'GET', report()));
      const res = await ok(() => as(reporter, 'POST', report('/receipts'), { unitId: UNIT }, { prefer: 'return=minimal' }), 204);
      expect({ body: res.text, etag: res.headers.get('etag'), applied: res.headers.get('preference-applied') }).toEqual({
        body: '',
        etag: `"${before.body.streamVersion + 1}"`,
        applied: 'return=minimal',
      });
      const after = await ok(() => as(reporter, 'GET', report()));
      expect([after.body.streamVersion, after.body.distribution.deliveredCount, after.body.distribution.acknowledgedCount]).toEqual([
        before.body.streamVersion + 1,
        2,
        1,
      ]);
      await readModelsCurrent(url); // the unit's receipt: another user's write, which the clerk's page does not wait for
      const acknowledged = await ok(() => as(clerk, 'GET', report('/deliveries?acknowledged=true')));
      expect(acknowledged.body).toEqual({
        total: 1,
        items: [expect.objectContaining({ unitId: UNIT, acknowledgedBy: 'Cán bộ Hội LHPN', acknowledgedAt: expect.any(String) })],
        nextCursor: null,
      });
      expectError(
        await rejected(() => as(reporter, 'POST', report('/receipts'), { unitId: UNIT })),
        409,
        'REPORT_RECEIPT_ALREADY_ACKNOWLEDGED',
        `unit ${UNIT} already acknowledged receipt`,
        'Đơn vị đã xác nhận nhận văn bản.',
      );
    });
  });

  describe('GET /cycles/{cycleId}/report/deliveries', () => {
    it('valid: pages in Nơi nhận order with the total, by cursor; filtered by receipt', async () => {
      const first = await ok(() => as(clerk, 'GET', report('/deliveries?limit=1')));
      expect(first.body).toEqual({
        total: 2,
        items: [
          {
            unitId: 'tinh-uy-lai-chau',
            unitName: 'Tỉnh ủy Lai Châu',
            line: expect.any(String),
            purpose: 'b/c',
            deliveredAt: expect.any(String),
          },
        ],
        nextCursor: expect.any(String),
      });
      const second = await ok(() => as(clerk, 'GET', report(`/deliveries?limit=1&cursor=${first.body.nextCursor}`)));
      expect(second.body).toEqual({
        total: 2,
        items: [
          expect.objectContaining({ unitId: UNIT, unitName: 'Hội Liên hiệp Phụ nữ huyện Tam Đường', acknowledgedBy: 'Cán bộ Hội LHPN' }),
        ],
        nextCursor: null,
      });
      const pending = await ok(() => as(coordinator, 'GET', report('/deliveries?acknowledged=false')));
      expect([pending.body.total, pending.body.items.map((d: any) => d.unitId), pending.body.nextCursor]).toEqual([
        1,
        ['tinh-uy-lai-chau'],
        null,
      ]);
    });
    it('invalid: limit 0 or 201, acknowledged=maybe, a cursor not ours → 400 naming it; a reporter → 403; an unknown cycle → 404', async () => {
      expectInvalid(await as(clerk, 'GET', report('/deliveries?limit=0')), ['limit'], ['limit must be an integer 1-200']);
      expectInvalid(await as(clerk, 'GET', report('/deliveries?limit=201')), ['limit'], ['limit must be an integer 1-200']);
      expectInvalid(
        await as(clerk, 'GET', report('/deliveries?acknowledged=maybe')),
        ['acknowledged'],
        ['acknowledged must be true or false'],
      );
      expectInvalid(
        await as(clerk, 'GET', report('/deliveries?cursor=abc')),
        ['cursor'],
        ['cursor must be the nextCursor of a previous page'],
      );
      expectError(
        await as(reporter, 'GET', report('/deliveries')),
        403,
        'FORBIDDEN',
        'requires one of the roles: admin, coordinator, reviewer, standing, signer, clerk',
      );
      const id = randomUUID();
      expectError(await as(clerk, 'GET', report('/deliveries', id)), 404, 'CYCLE_NOT_FOUND', `cycle ${id} does not exist`);
    });
  });

  describe('GET /me/reports', () => {
    it("valid: the reporter's unit sees the distributed report with its own receipt; office users without units get an empty page", async () => {
      const res = await ok(() => as(reporter, 'GET', '/me/reports?limit=1'));
      expect(res.body.items).toHaveLength(1);
      expect(res.body.items[0]).toMatchObject({
        cycleId,
        numberText: 'Số 01-BC/HU',
        status: 'distributed',
        issuingBody: 'HUYỆN ỦY TAM ĐƯỜNG',
      });
      expect(res.body.items[0].deliveries).toEqual([
        expect.objectContaining({ unitId: UNIT, unitName: 'Hội Liên hiệp Phụ nữ huyện Tam Đường', acknowledgedBy: 'Cán bộ Hội LHPN' }),
      ]);
      expect(res.body.nextCursor).toBeNull();
      expect((await ok(() => as(clerk, 'GET', '/me/reports'))).body).toEqual({ items: [], nextCursor: null });
    });
    it('invalid: a cursor that is not ours → 400 naming cursor; limit 0 → 400 naming limit; anonymous → 401', async () => {
      expectInvalid(await as(reporter, 'GET', '/me/reports?cursor=abc'), ['cursor'], ['cursor must be the nextCursor of a previous page']);
      expectInvalid(await as(reporter, 'GET', '/me/reports?limit=0'), ['limit'], ['limit must be an integer 1-100']);
      expectError(
        await as(undefined, 'GET', '/me/reports'),
        401,
        'AUTHENTICATION_REQUIRED',
        'log in first (Bearer token or session cookie)',
      );
    });
  });

  describe('GET /registers', () => {
    it('valid: 200 for the clerk; anonymous → 401; a reviewer → 403', async () => {
      const res = await ok(() => as(clerk, 'GET', '/registers'));
      expect(res.body.map((r: any) => [r.register, r.issued.map((i: any) => i.numberText)])).toEqual([
        ['register-party:HU:BC:2025-2030', ['Số 01-BC/HU']],
      ]);
      expectError(
        await as(undefined, 'GET', '/registers'),
        401,
        'AUTHENTICATION_REQUIRED',
        'log in first (Bearer token or session cookie)',
      );
      expectError(
        await as(reviewer, 'GET', '/registers'),
        403,
        'FORBIDDEN',
        'requires one of the roles: admin, clerk, coordinator, signer',
      );
    });
  });

  describe('GET /cycles/{cycleId}/board/hierarchy', () => {
    it('valid: 200, the cycle alone when no unit runs a cycle of its own', async () => {
      await readModelsCurrent(url); // the unit's submission: another session's write
      const res = await ok(() => as(coordinator, 'GET', `/cycles/${cycleId}/board/hierarchy`));
      expect(res.body).toMatchObject({ root: { cycle: { id: cycleId }, children: [] }, all: { cycles: 1, expected: 1, submitted: 1 } });
    });
    it('invalid: not a UUID → 400; an unknown cycle → 404', async () => {
      expectInvalid(await as(coordinator, 'GET', '/cycles/ky-2027/board/hierarchy'), ['cycleId'], ['cycleId must be a UUID']);
      const id = randomUUID();
      expectError(
        await as(coordinator, 'GET', `/cycles/${id}/board/hierarchy`),
        404,
        'CYCLE_NOT_FOUND',
        `cycle ${id} does not exist`,
        'Không tìm thấy kỳ báo cáo.',
      );
    });
  });

  describe('GET /templates and /templates/{templateId}', () => {
    it('valid: the list and one template', async () => {
      // Issue #14: five built-in templates (data files), the first of them unchanged.
      const list = (await ok(() => as(reporter, 'GET', '/templates'))).body;
      expect(list[0]).toEqual({
        id: 'dan-van-annual',
        version: 1,
        title: 'Báo cáo tổng kết công tác dân vận năm',
        sections: 5,
        indicators: 24,
        rules: expect.any(Number),
        builtin: true,
      });
      expect(list).toHaveLength(5);
      const one = (await ok(() => as(reporter, 'GET', '/templates/dan-van-annual'))).body;
      expect(one.indicators.find((i: any) => i.code === 'TT_BUOI')).toMatchObject({
        name: 'Số buổi tuyên truyền',
        unit: 'buổi',
        sectionCode: 'II.1',
      });
    });
    it('invalid: an unknown template → 404; anonymous → 401', async () => {
      expectError(
        await as(reporter, 'GET', '/templates/khong-co'),
        404,
        'TEMPLATE_NOT_FOUND',
        'template khong-co does not exist',
        'Không tìm thấy mẫu báo cáo.',
      );
      expectError(
        await as(undefined, 'GET', '/templates'),
        401,
        'AUTHENTICATION_REQUIRED',
        'log in first (Bearer token or session cookie)',
      );
    });
  });

  describe('GET /cycles/{cycleId}/units/{unitId}/submission/versions/{version}/diff', () => {
    const diff = (v: string) => `/cycles/${cycleId}/units/${UNIT}/submission/versions/${v}`;
    it('valid: 200, a version against itself is unchanged', async () => {
      expect((await ok(() => as(reporter, 'GET', diff('1/diff?from=1')))).body).toMatchObject({
        from: 1,
        to: 1,
        unchanged: true,
        figures: { added: [], removed: [], changed: [] },
        narrative: [],
      });
    });
    it('invalid: not a number → 400; no such version → 404', async () => {
      expectInvalid(await as(reporter, 'GET', diff('x/diff')), ['version'], ['version must be a positive integer']);
      expectError(
        await as(reporter, 'GET', diff('1/diff')),
        404,
        'SUBMISSION_VERSION_NOT_FOUND',
        'the submission has no version 0',
        'Báo cáo của đơn vị không có phiên bản 0.',
      );
    });
  });

  describe('POST /cycles/{cycleId}/units', () => {
    let open: string;
    beforeAll(async () => {
      open = await openCycle(coordinator, [UNIT]);
    });
    it('invalid: an empty list → 400; an unknown unit → 422', async () => {
      expectInvalid(
        await rejected(() => as(coordinator, 'POST', `/cycles/${open}/units`, { units: [] })),
        ['units'],
        ['units must contain at least one unit'],
      );
      expectError(
        await rejected(() => as(coordinator, 'POST', `/cycles/${open}/units`, { units: [{ unitId: 'khong-co' }] })),
        422,
        'UNITS_UNKNOWN_OR_INACTIVE',
        'units unknown or not active during the period: khong-co',
        'Đơn vị không tồn tại hoặc không hoạt động trong kỳ: khong-co',
      );
    });
    it('invalid: the cycle is in review → 409 CYCLE_WRONG_PHASE', async () => {
      expect(
        (await rejected(() => as(coordinator, 'POST', `/cycles/${cycleId}/units`, { units: [{ unitId: 'hnd-tam-duong' }] }))).body.error,
      ).toBe('CYCLE_WRONG_PHASE');
    });
    it('valid: 200, the unit assigned; again → 409 CYCLE_UNIT_ALREADY_ASSIGNED', async () => {
      const res = await ok(() =>
        as(coordinator, 'POST', `/cycles/${open}/units`, { units: [{ unitId: 'hnd-tam-duong' }] }, { 'if-match': '"2"' }),
      );
      expect(res.body).toMatchObject({ expectedCount: 2 });
      expect((await ok(() => as(coordinator, 'GET', `/cycles/${open}/units`))).body.items.map((u: any) => u.unitId).sort()).toEqual([
        'hlhpn-tam-duong',
        'hnd-tam-duong',
      ]);
      expect(
        (await rejected(() => as(coordinator, 'POST', `/cycles/${open}/units`, { units: [{ unitId: 'hnd-tam-duong' }] }))).body.error,
      ).toBe('CYCLE_UNIT_ALREADY_ASSIGNED');
    });
  });

  describe('POST /org-units/{unitId}/close', () => {
    let admin: ApiSession;
    beforeAll(async () => {
      admin = await login(url, 'admin', TEST_ADMIN_PASSWORD);
      expect(
        (
          await admin.call('POST', '/org-units', {
            id: 'xa-thu-nghiem',
            parentId: 'huyen-uy-tam-duong',
            level: 'xa',
            kind: 'DANG_UY_XA',
            canonicalName: 'Đảng ủy xã Thử Nghiệm',
            activeFrom: '2020-01-01',
          })
        ).status,
      ).toBe(201);
    });
    it('invalid: a date in another format → 400; no reason → 400', async () => {
      expectInvalid(
        await rejected(() => as(admin, 'POST', '/org-units/xa-thu-nghiem/close', { activeTo: '30/06/2027', reason: 'Sáp nhập.' })),
        ['activeTo'],
        ['activeTo must be a date such as 2027-06-30'],
      );
      expectInvalid(
        await rejected(() => as(admin, 'POST', '/org-units/xa-thu-nghiem/close', { activeTo: '2027-06-30' })),
        ['reason'],
        ['reason must be a string'],
      );
    });
    it('invalid: closing before the unit existed → 422; an unknown unit → 409', async () => {
      expectError(
        await rejected(() => as(admin, 'POST', '/org-units/xa-thu-nghiem/close', { activeTo: '2019-12-31', reason: 'Sáp nhập.' })),
        422,
        'UNIT_CLOSE_BEFORE_ACTIVE_FROM',
        'activeTo 2019-12-31 is before activeFrom 2020-01-01',
        'Ngày chấm dứt hoạt động (2019-12-31) trước ngày bắt đầu hoạt động (2020-01-01).',
      );
      expectError(
        await rejected(() => as(admin, 'POST', '/org-units/khong-ton-tai/close', { activeTo: '2027-06-30', reason: 'Sáp nhập.' })),
        409,
        'UNIT_NOT_REGISTERED',
        'CloseUnit: the unit is not registered',
      );
    });
    it('valid: 200, the unit closed; closing again → 409 UNIT_CLOSED', async () => {
      const res = await ok(() =>
        as(admin, 'POST', '/org-units/xa-thu-nghiem/close', {
          activeTo: '2027-06-30',
          reason: 'Sáp nhập vào xã Bình Lư.',
          mergedInto: 'du-xa-binh-lu',
        }),
      );
      expect(res.body).toMatchObject({ id: 'xa-thu-nghiem', activeTo: '2027-06-30' });
      const listed = (await admin.call('GET', '/org-units')).body.find((u: any) => u.id === 'xa-thu-nghiem');
      expect(listed.activeTo).toBe('2027-06-30');
      expect(
        (await rejected(() => as(admin, 'POST', '/org-units/xa-thu-nghiem/close', { activeTo: '2027-07-31', reason: 'x' }))).body.error,
      ).toBe('UNIT_CLOSED');
    });
  });

  describe('POST /cycles/{cycleId}/report/recall', () => {
    it('invalid: no reason → 400; an unknown property → 400', async () => {
      expectInvalid(await rejected(() => as(clerk, 'POST', report('/recall'), {})), ['reason'], ['reason must be a string']);
      expectInvalid(
        await rejected(() => as(clerk, 'POST', report('/recall'), { reason: 'Sai số liệu', urgent: true })),
        ['urgent'],
        ['property urgent should not exist'],
      );
    });
    it('valid: 200, recalled', async () => {
      const res = await ok(() => as(signer, 'POST', report('/recall'), { reason: 'Sai số liệu; ban hành văn bản thay thế.' }));
      expect(res.body).toMatchObject({
        status: 'recalled',
        recall: { reason: 'Sai số liệu; ban hành văn bản thay thế.', by: { name: 'Nguyễn Văn A (Phó Bí thư)' } },
      });
      // The receiving unit's "Văn bản đến" shows the recall and its reason, its receipt kept (once the read models have
      // the signer's recall: the list waits for the caller's own writes only).
      await readModelsCurrent(url);
      const received = (await ok(() => as(reporter, 'GET', '/me/reports'))).body.items.find((i: any) => i.cycleId === cycleId);
      expect(received).toMatchObject({
        status: 'recalled',
        recallReason: 'Sai số liệu; ban hành văn bản thay thế.',
        numberText: 'Số 01-BC/HU',
      });
      expect(received.deliveries).toEqual([expect.objectContaining({ unitId: UNIT, acknowledgedBy: 'Cán bộ Hội LHPN' })]);
    });
  });
});
