import JSZip from 'jszip';
import { ApiSession } from '../apps/api/src/demo/seed-demo';
import { readModelsCurrent } from './support/read-models';
import { vietnamDateOf } from '@kybaocao/domain/shared/iso-date';
import {
  ApiStack,
  eventCount,
  login,
  openCycle,
  request,
  startStack,
  STARTUP_TIMEOUT_MS,
  streamEvents,
  waitForPhase,
} from './support/api-stack';

/**
 * From approved submissions to a signed, numbered, distributed report, through the HTTP API with the real
 * workflow: consolidation checks, a draft whose figures link to the approving events, Thường trực comments on
 * passages, revisions with diffs, BTV sign-off (frozen), the clerk's number, the DOCX, distribution with
 * delivery and receipt events, recall. Each refusal is checked to store nothing.
 */

const MTTQ = 'mttq-tam-duong';
const HLHPN = 'hlhpn-tam-duong';
const SON_BINH = 'du-xa-son-binh';
const sub = (cycleId: string, unit: string, action = '') => `/cycles/${cycleId}/units/${unit}/submission${action}`;

describe('report lifecycle: consolidation → draft → comments → sign-off → number → distribution', () => {
  let stack: ApiStack;
  let cycleId: string;
  let coordinator: ApiSession, reviewer: ApiSession, standing: ApiSession, signer: ApiSession, clerk: ApiSession;
  let hlhpn: ApiSession, mttq: ApiSession, sonBinh: ApiSession, outsider: ApiSession;
  const report = (path = '') => `/cycles/${cycleId}/report${path}`;
  /** A refused write leaves the event store as it was. */
  async function refused(call: () => Promise<{ status: number; body: any }>, status: number, error: string) {
    const before = await eventCount(stack.db);
    const res = await call();
    expect({ status: res.status, error: res.body?.error }).toEqual({ status, error });
    expect(await eventCount(stack.db)).toBe(before);
    return res.body;
  }

  beforeAll(async () => {
    stack = await startStack();
    const url = stack.api.url;
    [coordinator, reviewer, standing, signer, clerk, hlhpn, mttq, sonBinh, outsider] = await Promise.all([
      login(url, 'chuyenvien.bdv'),
      login(url, 'lanhdao.bdv'),
      login(url, 'thuongtruc'),
      login(url, 'btv.pbt'),
      login(url, 'vanthu'),
      login(url, `canbo.${HLHPN}`),
      login(url, `canbo.${MTTQ}`),
      login(url, `canbo.${SON_BINH}`),
      login(url, 'canbo.hnd-tam-duong'),
    ]);
    cycleId = await openCycle(coordinator, [MTTQ, HLHPN, SON_BINH]);
    const submit = async (s: ApiSession, unit: string, content: unknown) => {
      const res = await s.call('POST', sub(cycleId, unit, '/submit'), { content });
      if (res.status !== 200) throw new Error(`submit ${unit}: ${res.status} ${JSON.stringify(res.body)}`);
    };
    await submit(mttq, MTTQ, {
      figures: { TT_BUOI: { value: 326 }, TT_LUOT_NGUOI: { value: 3017 } },
      narrative: { 'III.2': 'Một số Ban công tác Mặt trận hoạt động chưa đều.' },
    });
    // Hội LHPN's first version is returned; the figures of its second version are the ones that count.
    await submit(hlhpn, HLHPN, { figures: { TT_BUOI: { value: 12 }, TT_LUOT_NGUOI: { value: 5400, qualifier: 'tren' } }, narrative: {} });
    expect(
      (
        await reviewer.call('POST', sub(cycleId, HLHPN, '/return'), {
          reasons: [{ sectionCode: 'II.1', reason: 'Số buổi thiếu một chữ số.' }],
        })
      ).status,
    ).toBe(200);
    await submit(hlhpn, HLHPN, {
      figures: { TT_BUOI: { value: 120 }, TT_LUOT_NGUOI: { value: 5400, qualifier: 'tren' }, HV_KET_NAP: { value: 215 } },
      narrative: {},
    });
    await submit(sonBinh, SON_BINH, {
      figures: { TT_BUOI: { value: 9 }, TT_LUOT_NGUOI: { value: 410 }, HV_KET_NAP: { value: 0 } },
      narrative: {},
    });
    for (const unit of [MTTQ, SON_BINH])
      expect((await reviewer.call('POST', sub(cycleId, unit, '/approve'), { version: 1 })).status).toBe(200);
    expect((await reviewer.call('POST', sub(cycleId, HLHPN, '/approve'), { version: 2 })).status).toBe(200);
  }, STARTUP_TIMEOUT_MS);

  afterAll(async () => {
    await stack?.stop();
  });

  it('refuses a draft while units can still submit (collecting)', async () => {
    const body = await refused(() => coordinator.call('POST', report('/draft'), {}), 409, 'CYCLE_WRONG_PHASE');
    expect(body.messageVi).toBe('Không thực hiện được khi kỳ báo cáo đang ở giai đoạn "tiếp nhận báo cáo".');
  });

  it('lists the totals with their sources before drafting', async () => {
    expect((await coordinator.call('POST', `/cycles/${cycleId}/close-submissions`)).status).toBe(200);
    const res = await reviewer.call('GET', report('/checks'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ approvedUnits: 3, assignedUnits: 3, missingUnits: [], missingUnitsTotal: 0, draftFindings: [] });
    // MTTQ left out a figure the template asks for: a warning for the reviewer, not an exclusion.
    expect(res.body.findings.map((f: any) => [f.unitId, f.violation.code, f.violation.severity, f.excludedFromTotals])).toEqual([
      [MTTQ, 'R_HV_KET_NAP_REQUIRED', 'warning', false],
    ]);
    expect(res.body).toMatchObject({ findingsTotal: 1, findingCounts: { error: 0, warning: 1 } });
    // Every finding, a page at a time (a national cycle may hold one per unit), by severity.
    const warnings = (await reviewer.call('GET', report('/checks/findings?severity=warning'))).body;
    expect(warnings).toMatchObject({ cycleId, page: 1, pageSize: 100, severity: 'warning', total: 1 });
    expect(warnings.findings).toEqual(res.body.findings);
    expect((await reviewer.call('GET', report('/checks/findings?severity=error'))).body).toMatchObject({ total: 0, findings: [] });
    const sessions = res.body.totals.find((t: any) => t.code === 'TT_BUOI');
    // The checks count a total's sources (its answer does not grow with the units); figure-sources lists them.
    expect(sessions).toMatchObject({ total: { value: 455 }, text: '455 buổi', sourceCount: 3 });
    expect(sessions.provenance).toBeUndefined();
    const approvals = await Promise.all(
      [MTTQ, HLHPN, SON_BINH].map(
        async (u) =>
          (await streamEvents(stack.db, `submission-${cycleId}:${u}`)).find((e) => e.event_type === 'SubmissionApproved')!.event_id,
      ),
    );
    expect(new Set(approvals).size).toBe(3);
    expect((await hlhpn.call('GET', report('/checks'))).status).toBe(403);
  });

  it('will not move to Thường trực comments before there is a draft', async () => {
    const body = await refused(() => reviewer.call('POST', `/cycles/${cycleId}/advance`, { to: 'commenting' }), 409, 'REPORT_NOT_DRAFTED');
    expect(body.messageVi).toBe('Chưa có dự thảo báo cáo để Thường trực cho ý kiến.');
  });

  it('drafts version 1 from the approved submissions, every figure linked to its sources', async () => {
    const res = await coordinator.call('POST', report('/draft'), { title: 'tổng kết công tác dân vận năm 2027' });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('"1"');
    expect(res.body).toMatchObject({ status: 'drafting', latestVersion: 1, versions: [{ version: 1, origin: 'consolidation' }] });
    const doc = res.body.document;
    // The registry's superior above the issuer (issue #14: the demo district sits under Tỉnh ủy Lai Châu).
    expect(doc.header).toEqual({ partyStyle: true, superiorBody: 'ĐẢNG BỘ TỈNH LAI CHÂU', issuingBody: 'HUYỆN ỦY TAM ĐƯỜNG' });
    expect(doc.number).toEqual({ scheme: 'party', typeCode: 'BC', bodySymbol: 'HU' });
    expect(doc.place).toBe('Tam Đường');
    const v1 = (await reviewer.call('GET', report('/versions/1'))).body;
    const sessions = v1.passages.find((p: any) => p.text.includes('455 buổi'));
    expect(sessions).toEqual({
      id: 's2.1/p1',
      kind: 'paragraph',
      text: 'MTTQ và các đoàn thể các cấp đã phối hợp tổ chức 455 buổi tuyên truyền cho trên 8.827 lượt người.',
    });
    expect(v1.passages.find((p: any) => p.id === 's2.1/p1/f1').text).toBe(
      'MTTQ các cấp tổ chức 326 buổi tuyên truyền cho 3.017 lượt người; Hội LHPN các cấp tổ chức 120 buổi tuyên truyền cho trên 5.400 lượt người; Sơn Bình các cấp tổ chức 09 buổi tuyên truyền cho 410 lượt người.',
    );
    expect(v1.passages.find((p: any) => p.id === 's3.2/p1').text).toBe('MTTQ: Một số Ban công tác Mặt trận hoạt động chưa đều.');
    const run = v1.document.body[1].sections[0].paragraphs[0].runs[0];
    const approvedHlhpn = (await streamEvents(stack.db, `submission-${cycleId}:${HLHPN}`)).find(
      (e) => e.event_type === 'SubmissionApproved',
    )!.event_id;
    // The run cites its indicator; the document's source table stays on the server, figure-sources answers it.
    expect(run.provenance.indicators[0]).toEqual({ code: 'TT_BUOI' });
    expect(v1.document.figureSources).toBeUndefined();
    const cited = (await reviewer.call('GET', `/cycles/${cycleId}/report/versions/1/figure-sources?passageId=s2.1/p1`)).body;
    const buoi = cited.indicators.find((i: any) => i.code === 'TT_BUOI');
    expect(buoi.sourceCount).toBe(3);
    expect(buoi.sources.find((s: any) => s.unitId === HLHPN).sourceEventId).toBe(approvedHlhpn);
    const approvalOf = async (u: string) =>
      (await streamEvents(stack.db, `submission-${cycleId}:${u}`)).find((e) => e.event_type === 'SubmissionApproved')!.event_id;
    expect(buoi.sources.map((s: any) => [s.unitId, s.sourceEventId])).toEqual([
      [MTTQ, await approvalOf(MTTQ)],
      [HLHPN, approvedHlhpn],
      [SON_BINH, await approvalOf(SON_BINH)],
    ]);
    expect(v1.document.recipients).toEqual([
      { name: 'Tỉnh ủy Lai Châu', purpose: 'b/c', unitIds: ['tinh-uy-lai-chau'] },
      { name: 'MTTQ và các đoàn thể huyện', purpose: 't/d', unitIds: [MTTQ, HLHPN] },
      { name: 'Các đảng ủy xã, thị trấn', purpose: 't/d', unitIds: [SON_BINH] },
    ]);
    expect((await reviewer.call('POST', `/cycles/${cycleId}/advance`, { to: 'commenting' })).status).toBe(200);
  });

  it('takes Thường trực comments anchored to a passage, and refuses quotes that are not there', async () => {
    await refused(
      () => standing.call('POST', report('/comments'), { version: 1, passageId: 's2.1/p1', quote: '999 buổi', text: 'x' }),
      422,
      'REPORT_QUOTE_NOT_IN_PASSAGE',
    );
    await refused(
      () => standing.call('POST', report('/comments'), { version: 1, passageId: 's9.9/p9', text: 'x' }),
      422,
      'REPORT_PASSAGE_UNKNOWN',
    );
    await refused(() => coordinator.call('POST', report('/comments'), { version: 1, passageId: 's2.1/p1', text: 'x' }), 403, 'FORBIDDEN');
    const res = await standing.call('POST', report('/comments'), {
      version: 1,
      passageId: 's2.1/p1',
      quote: '455 buổi',
      text: 'Đề nghị nêu rõ số buổi của cấp xã.',
    });
    expect(res.status).toBe(200);
    expect(res.body.comments).toEqual([
      expect.objectContaining({
        version: 1,
        anchor: { passageId: 's2.1/p1', quote: '455 buổi' },
        text: 'Đề nghị nêu rõ số buổi của cấp xã.',
        status: 'open',
        author: expect.objectContaining({ name: 'Lò Văn Minh (Phó Bí thư Thường trực)' }),
      }),
    ]);
  });

  it('keeps every revision as a version with a diff; a stale base or a broken sum is caught', async () => {
    const v1 = (await coordinator.call('GET', report('/versions/1'))).body.document;
    const body = structuredClone(v1.body);
    body[1].sections[0].paragraphs[0].runs[0].text = body[1].sections[0].paragraphs[0].runs[0].text.replace('455 buổi', '450 buổi');
    const res = await coordinator.call(
      'POST',
      report('/revisions'),
      { baseVersion: 1, body, note: 'Sửa theo ý kiến Thường trực' },
      { 'if-match': '"2"' },
    );
    expect(res.status).toBe(200);
    expect(res.body.latestVersion).toBe(2);
    // The answer (from the state the write folded) is, to the byte, the report read again.
    expect(JSON.stringify(res.body)).toBe(JSON.stringify((await coordinator.call('GET', report())).body));
    await refused(() => coordinator.call('POST', report('/revisions'), { baseVersion: 1, title: 'khác' }), 409, 'REPORT_VERSION_STALE');
    await refused(
      () => coordinator.call('POST', report('/revisions'), { baseVersion: 2, title: 'khác' }, { 'if-match': '"2"' }),
      409,
      'STREAM_VERSION_CONFLICT',
    );
    const forged = structuredClone(body);
    // An older client listing sources inline may list only ones the draft cites; a run may cite only its indicators.
    forged[1].sections[0].paragraphs[0].runs[0].provenance.indicators[0] = {
      code: 'TT_BUOI',
      sources: [{ unitId: HLHPN, sourceEventId: '00000000-0000-4000-8000-000000000000', sourcePosition: '1' }],
    };
    await refused(() => coordinator.call('POST', report('/revisions'), { baseVersion: 2, body: forged }), 422, 'PROVENANCE_UNKNOWN');
    forged[1].sections[0].paragraphs[0].runs[0].provenance.indicators[0] = { code: 'HV_KHONG_CO' };
    await refused(() => coordinator.call('POST', report('/revisions'), { baseVersion: 2, body: forged }), 422, 'PROVENANCE_UNKNOWN');
    const diff = (await reviewer.call('GET', report('/versions/2/diff'))).body;
    expect(diff.from).toBe(1);
    expect(diff.changes).toHaveLength(1);
    expect(diff.changes[0]).toMatchObject({ kind: 'changed', from: { id: 's2.1/p1' }, to: { id: 's2.1/p1' } });
    expect(diff.changes[0].words.filter((w: any) => w.added || w.removed)).toEqual([
      { value: '455', removed: true },
      { value: '450', added: true },
    ]);
    const checks = (await reviewer.call('GET', report('/checks'))).body;
    expect(checks.checkedVersion).toBe(2);
    expect(checks.draftFindings).toEqual([
      {
        passageId: 's2.1/p1',
        indicatorCode: 'TT_BUOI',
        expected: '455 buổi',
        messageVi: 'Số liệu "Số buổi tuyên truyền" trong dự thảo không khớp tổng hợp từ báo cáo của các đơn vị (455 buổi).',
      },
    ]);
    body[1].sections[0].paragraphs[0].runs[0].text = v1.body[1].sections[0].paragraphs[0].runs[0].text;
    expect(
      (
        await coordinator.call('POST', report('/revisions'), {
          baseVersion: 2,
          body,
          title: 'tổng kết công tác dân vận năm 2027, nhiệm vụ năm 2028',
        })
      ).status,
    ).toBe(200);
    expect((await reviewer.call('GET', report('/checks'))).body).toMatchObject({ checkedVersion: 3, draftFindings: [] });
  });

  it('signs only with every comment resolved, only by a signer, and then freezes the text', async () => {
    expect((await coordinator.call('POST', `/cycles/${cycleId}/advance`, { to: 'signing' })).status).toBe(200);
    await refused(() => reviewer.call('POST', report('/sign'), { version: 3 }), 403, 'FORBIDDEN');
    const open = await refused(() => signer.call('POST', report('/sign'), { version: 3 }), 409, 'REPORT_COMMENTS_OPEN');
    expect(open.messageVi).toBe('Còn 1 ý kiến của Thường trực chưa được xử lý.');
    const commentId = (await reviewer.call('GET', report())).body.comments[0].commentId;
    expect((await standing.call('POST', report(`/comments/${commentId}/resolve`), { note: 'Đã sửa ở phiên bản 3.' })).status).toBe(200);
    await refused(() => signer.call('POST', report('/sign'), { version: 2 }), 409, 'REPORT_VERSION_STALE');
    await refused(() => signer.call('POST', report('/sign'), { version: 3, authority: 'TM.' }), 422, 'DOCUMENT_INVALID');
    const res = await signer.call('POST', report('/sign'), { version: 3 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'signed', cyclePhase: 'distributing', signed: { version: 3 } });
    expect(res.body.document.signature).toEqual({
      authority: 'T/M',
      onBehalfOf: 'BAN THƯỜNG VỤ',
      title: 'PHÓ BÍ THƯ',
      name: 'Nguyễn Văn A',
    });
    await waitForPhase(coordinator, cycleId, 'distributing');
    // The signed document the answer shows is the one the report is read with (byte for byte).
    expect(JSON.stringify(res.body)).toBe(JSON.stringify((await signer.call('GET', report())).body));
    const frozen = await refused(
      () => coordinator.call('POST', report('/revisions'), { baseVersion: 3, title: 'sửa sau khi ký' }),
      409,
      'DOCUMENT_SIGNED',
    );
    expect(frozen.messageVi).toBe('Văn bản đã ký, không thể sửa nội dung; mọi thay đổi phải là một văn bản mới.');
  });

  it("numbers the signed report from the clerk's register, once", async () => {
    const today = vietnamDateOf(new Date().toISOString());
    await refused(() => clerk.call('POST', report('/number'), { date: '2020-01-01' }), 422, 'DOCUMENT_DATE_BEFORE_SIGNING');
    const res = await clerk.call('POST', report('/number'), {});
    expect(res.status).toBe(200);
    expect(res.body.numbered).toMatchObject({ number: 1, numberText: 'Số 01-BC/HU', date: today });
    expect(res.body.document).toMatchObject({ number: { scheme: 'party', number: 1 }, date: today });
    expect(JSON.stringify(res.body)).toBe(JSON.stringify((await clerk.call('GET', report())).body));
    await refused(() => clerk.call('POST', report('/number'), {}), 409, 'DOCUMENT_ALREADY_NUMBERED');
    const registers = (await clerk.call('GET', '/registers')).body;
    expect(registers).toEqual([
      expect.objectContaining({
        register: 'register-party:HU:BC:2025-2030',
        period: 'nhiệm kỳ 2025 - 2030',
        issued: [expect.objectContaining({ number: 1, numberText: 'Số 01-BC/HU', documentId: `report-${cycleId}`, date: today })],
      }),
    ]);
    expect((await reviewer.call('GET', '/registers')).status).toBe(403);
  });

  it('downloads the numbered report as a DOCX in the official layout', async () => {
    const res = await fetch(`${stack.api.url}${report('/document.docx')}`, { headers: { authorization: `Bearer ${clerk.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="bao-cao-so-1.docx"');
    const zip = await JSZip.loadAsync(Buffer.from(await res.arrayBuffer()));
    const text = (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    const [y, m, d] = vietnamDateOf(new Date().toISOString()).split('-');
    for (const expected of [
      'ĐẢNG BỘ TỈNH LAI CHÂU',
      'HUYỆN ỦY TAM ĐƯỜNG',
      'ĐẢNG CỘNG SẢN VIỆT NAM',
      'Số 01-BC/HU',
      `Tam Đường, ngày ${d} tháng ${Number(m) < 3 ? m : Number(m)} năm ${y}`,
      'BÁO CÁO',
      'T/M BAN THƯỜNG VỤ',
      'PHÓ BÍ THƯ',
      'Nguyễn Văn A',
      'Nơi nhận:',
      'MTTQ và các đoàn thể huyện (t/d)',
      '455 buổi',
    ]) {
      expect(text).toContain(expected);
    }
    const footnotes = (await zip.file('word/footnotes.xml')!.async('string')).replace(/<[^>]+>/g, '');
    expect(footnotes).toContain('Hội LHPN các cấp tổ chức 120 buổi tuyên truyền cho trên 5.400 lượt người');
  });

  it('distributes to every unit of Nơi nhận as delivery events; receipts come from the receiving units', async () => {
    await refused(() => outsider.call('GET', report()), 403, 'FORBIDDEN');
    await refused(() => hlhpn.call('GET', report()), 403, 'FORBIDDEN');
    const res = await clerk.call('POST', report('/distribute'), {});
    expect(res.status).toBe(200);
    expect([res.body.distribution.deliveredCount, res.body.distribution.acknowledgedCount]).toEqual([4, 0]);
    const delivered = await clerk.call('GET', report('/deliveries'));
    expect(delivered.body.items.map((d: any) => [d.unitId, d.line, d.purpose])).toEqual([
      ['tinh-uy-lai-chau', 'Tỉnh ủy Lai Châu', 'b/c'],
      [MTTQ, 'MTTQ và các đoàn thể huyện', 't/d'],
      [HLHPN, 'MTTQ và các đoàn thể huyện', 't/d'],
      [SON_BINH, 'Các đảng ủy xã, thị trấn', 't/d'],
    ]);
    const types = (await streamEvents(stack.db, `report-${cycleId}`)).map((e) => e.event_type);
    expect(types.slice(-5)).toEqual(['ReportDistributed', 'ReportDelivered', 'ReportDelivered', 'ReportDelivered', 'ReportDelivered']);
    expect((await hlhpn.call('GET', report())).status).toBe(200);
    await refused(() => hlhpn.call('POST', report('/receipts'), { unitId: MTTQ }), 403, 'FORBIDDEN');
    const ack = await hlhpn.call('POST', report('/receipts'), { unitId: HLHPN });
    expect(ack.status).toBe(200);
    expect(ack.body.distribution.acknowledgedCount).toBe(1);
    // The unit's receipt: another user's write, on the clerk's page once the read models have it (a fraction of a second).
    await readModelsCurrent(stack.api.url);
    const acknowledged = await clerk.call('GET', report('/deliveries?acknowledged=true'));
    expect(acknowledged.body.items.map((d: any) => [d.unitId, d.acknowledgedBy])).toEqual([[HLHPN, 'Cán bộ Hội LHPN']]);
    await refused(() => hlhpn.call('POST', report('/receipts'), { unitId: HLHPN }), 409, 'REPORT_RECEIPT_ALREADY_ACKNOWLEDGED');
    expect((await clerk.call('POST', `/cycles/${cycleId}/advance`, { to: 'closed' })).status).toBe(200);
  });

  it('recalls the report with a reason; receipts are refused afterwards, and the trail verifies', async () => {
    await refused(() => clerk.call('POST', report('/recall'), { reason: '' }), 400, 'VALIDATION_FAILED');
    const res = await clerk.call('POST', report('/recall'), { reason: 'Sai số liệu mục II.1; sẽ ban hành văn bản thay thế.' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'recalled', recall: { reason: 'Sai số liệu mục II.1; sẽ ban hành văn bản thay thế.' } });
    await refused(() => mttq.call('POST', report('/receipts'), { unitId: MTTQ }), 409, 'REPORT_RECALLED');
    const verify = await request(stack.api.url, 'GET', '/audit/verify', { token: coordinator.token });
    expect(verify.status).toBe(200);
    expect(verify.body.broken).toEqual([]);
    expect(verify.body.checkedEvents).toBeGreaterThan(20);
  });
});
