import JSZip from 'jszip';
import { ApiSession } from '../apps/api/src/demo/seed-demo';
import { formatDateLine } from '@kybaocao/domain/format/vietnamese-format';
import { vietnamDateOf } from '@kybaocao/domain/shared/iso-date';
import { TEST_ADMIN_PASSWORD } from '../test/infra/processes';
import {
  ApiStack,
  DEMO_PASSWORD,
  eventCount,
  login,
  startStack,
  STARTUP_TIMEOUT_MS,
  streamEvents,
  waitForPhase,
} from './support/api-stack';

/**
 * Templates as data, over HTTP: the built-ins seeded as version 1 of their streams; a template created by the
 * office, edited into version 2 while a cycle opened on version 1 keeps its form; and the thematic review of
 * a directive (reference/003's kind) run end to end — a request from above quoted in the opening sentence,
 * units' figures into an annex table, state format, signed, numbered, distributed, the DOCX read back.
 */

const MTTQ = 'mttq-tam-duong';
const HLHPN = 'hlhpn-tam-duong';
const HND = 'hnd-tam-duong';
const UBND = 'ubnd-tam-duong';
const sub = (cycleId: string, unit: string, action = '') => `/cycles/${cycleId}/units/${unit}/submission${action}`;
const REQUEST = {
  reference: 'Công văn số 1257/SNV-XDCQ&TCBM',
  date: '2027-04-26',
  issuer: 'Sở Nội vụ tỉnh Lai Châu',
  subject: 'đề nghị báo cáo sơ kết 03 năm thực hiện Chỉ thị số 06-CT/TU',
  recipientName: 'Sở Nội vụ',
};
const TITLE =
  'Sơ kết 03 năm thực hiện Chỉ thị số 06-CT/TU của Ban Thường vụ Tỉnh ủy về tăng cường công tác tuyên truyền, vận động tập hợp quần chúng vào các đoàn thể chính trị - xã hội';
const milestones = {
  submissionDeadline: '2027-05-20',
  reviewDue: '2027-05-22',
  commentsDue: '2027-05-25',
  signOffDue: '2027-05-27',
  distributionDue: '2027-05-29',
};

describe('templates as data', () => {
  let stack: ApiStack;
  let coordinator: ApiSession, reviewer: ApiSession, signer: ApiSession, clerk: ApiSession, admin: ApiSession, reporter: ApiSession;
  const reporters: Record<string, ApiSession> = {};
  let mttqCoordinator: ApiSession;
  const ubnd = {} as Record<'coordinator' | 'reviewer' | 'signer' | 'clerk', ApiSession>;

  beforeAll(async () => {
    stack = await startStack();
    const url = stack.api.url;
    [coordinator, reviewer, signer, clerk, admin, reporter] = await Promise.all([
      login(url, 'chuyenvien.bdv'),
      login(url, 'lanhdao.bdv'),
      login(url, 'btv.pbt'),
      login(url, 'vanthu'),
      login(url, 'admin', TEST_ADMIN_PASSWORD),
      login(url, `canbo.${HLHPN}`),
    ]);
    for (const unit of [MTTQ, HLHPN, HND]) reporters[unit] = await login(url, `canbo.${unit}`);
    const res = await admin.call('POST', '/org-units', {
      id: UBND,
      parentId: null,
      level: 'huyen',
      kind: 'UBND',
      canonicalName: 'Ủy ban nhân dân huyện Tam Đường',
      shortName: 'UBND huyện',
      activeFrom: '2020-01-01',
    });
    if (res.status !== 201) throw new Error(`POST /org-units: ${res.status} ${JSON.stringify(res.body)}`);
    // Each office acts only on its own cycles (issue #17): the Front's and the People's Committee's offices run theirs.
    for (const [username, role, officeUnitId] of [
      ['cv.mttq', 'coordinator', MTTQ],
      ['cv.ubnd', 'coordinator', UBND],
      ['ld.ubnd', 'reviewer', UBND],
      ['ct.ubnd', 'signer', UBND],
      ['vt.ubnd', 'clerk', UBND],
    ]) {
      const created = await admin.call('POST', '/users', {
        username,
        displayName: `Cán bộ thử (${role})`,
        password: DEMO_PASSWORD,
        roles: [role],
        officeUnitId,
      });
      if (created.status !== 201) throw new Error(`POST /users ${username}: ${created.status} ${JSON.stringify(created.body)}`);
    }
    [mttqCoordinator, ubnd.coordinator, ubnd.reviewer, ubnd.signer, ubnd.clerk] = await Promise.all(
      ['cv.mttq', 'cv.ubnd', 'ld.ubnd', 'ct.ubnd', 'vt.ubnd'].map((u) => login(url, u)),
    );
  }, STARTUP_TIMEOUT_MS);

  afterAll(async () => {
    await stack?.stop();
  });

  it('seeds the five built-in templates as version 1 of their streams', async () => {
    const list = (await reporter.call('GET', '/templates')).body;
    expect(list.map((t: any) => [t.id, t.version, t.builtin])).toEqual([
      ['dan-van-annual', 1, true],
      ['mttq-doan-the-9-thang', 1, true],
      ['mat-tran-nam', 1, true],
      ['so-ket-chi-thi', 1, true],
      ['nhiem-vu-chinh-tri-9-thang', 1, true],
    ]);
    expect((await streamEvents(stack.db, 'template-so-ket-chi-thi')).map((e) => [e.event_type, e.data.version])).toEqual([
      ['TemplatePublished', 1],
    ]);
    // The form a commune sees: only the sections (and their indicators) for its kind of unit.
    const commune = (await reporter.call('GET', '/templates/mttq-doan-the-9-thang/versions/1?unitKind=DANG_UY_XA')).body;
    expect(commune.sections[1].children.map((s: any) => s.code)).toEqual(['II.1', 'II.3']);
    expect(commune.indicators.map((i: any) => i.code)).toEqual(['XA_PBXH', 'XA_GIAM_SAT', 'XA_DOI_THOAI']);
    const missing = await reporter.call('GET', '/templates/dan-van-annual/versions/2');
    expect([missing.status, missing.body.error]).toEqual([404, 'TEMPLATE_VERSION_NOT_FOUND']);
  });

  it('creates a template over HTTP, refuses a bad one naming the problem, and pins the version a cycle opened with', async () => {
    const before = await eventCount(stack.db);
    const bad = await coordinator.call('POST', '/templates', {
      id: 'dan-van-quy',
      copyOf: 'dan-van-annual',
      indicators: [
        {
          code: 'XA_PBXH',
          name: 'Tổ chức hội nghị phản biện xã hội',
          unit: 'đơn vị',
          sectionCode: 'IX',
          aggregation: 'ratio',
          valueType: 'boolean',
          allowedQualifiers: [],
        },
      ],
    });
    expect([bad.status, bad.body.error]).toEqual([422, 'TEMPLATE_INVALID']);
    expect(bad.body.details.problems.map((p: any) => [p.path, p.code])).toEqual(
      expect.arrayContaining([
        ['indicators[0].sectionCode', 'INDICATOR_SECTION_NOT_FOUND'],
        ['indicators[0].coverage', 'INDICATOR_COVERAGE_REQUIRED'],
      ]),
    );
    const shape = await coordinator.call('POST', '/templates', { id: 'Sai Mã' });
    expect([shape.status, shape.body.error]).toEqual([400, 'VALIDATION_FAILED']);
    expect((await reporter.call('POST', '/templates', { id: 'x-y', copyOf: 'dan-van-annual' })).status).toBe(403);
    expect(await eventCount(stack.db)).toBe(before);

    const v1 = {
      id: 'dan-van-quy',
      title: 'Báo cáo công tác dân vận quý',
      sections: [
        { code: 'I', title: 'Kết quả {period}', children: [{ code: 'I.1', title: 'Phản biện xã hội ở cơ sở', unitKinds: ['DANG_UY_XA'] }] },
        { code: 'II', title: 'Nhiệm vụ {next}' },
      ],
      indicators: [
        {
          code: 'XA_PBXH',
          name: 'Tổ chức hội nghị phản biện xã hội',
          unit: 'đơn vị',
          sectionCode: 'I.1',
          aggregation: 'ratio',
          valueType: 'boolean',
          allowedQualifiers: [],
          coverage: { noun: 'xã, thị trấn', activity: 'tổ chức hội nghị phản biện xã hội' },
        },
        {
          code: 'DOAN_VIEN',
          name: 'Đoàn viên, hội viên',
          unit: '',
          sectionCode: 'I',
          aggregation: 'sum',
          valueType: 'table',
          allowedQualifiers: [],
          table: {
            rowSource: 'units',
            rowHeader: 'Đơn vị',
            totalLabel: 'Tổng cộng',
            columns: [{ code: 'SO', label: 'Số hội viên', valueType: 'integer', aggregation: 'sum' }],
          },
        },
      ],
      rules: [],
    };
    const created = await coordinator.call('POST', '/templates', v1);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: 'dan-van-quy', version: 1 });
    const opened = await coordinator.call('POST', '/cycles', {
      templateId: 'dan-van-quy',
      period: { kind: 'quarter', year: 2027, index: 2, label: 'quý II năm 2027', dataFrom: '2027-03-15', dataTo: '2027-06-14' },
      issuingBody: { unitId: 'huyen-uy-tam-duong', name: 'Huyện ủy Tam Đường', symbol: 'HU' },
      milestones: {
        submissionDeadline: '2027-06-16',
        reviewDue: '2027-06-18',
        commentsDue: '2027-06-21',
        signOffDue: '2027-06-23',
        distributionDue: '2027-06-25',
      },
      units: [{ unitId: 'du-xa-son-binh' }, { unitId: 'du-xa-ban-bo' }],
    });
    expect(opened.status).toBe(201);
    const edited = await coordinator.call(
      'PUT',
      '/templates/dan-van-quy',
      {
        sections: [
          { code: 'I', title: 'Kết quả {period}' },
          { code: 'II', title: 'Nhiệm vụ {next}' },
        ],
        indicators: [],
        rules: [],
      },
      { 'if-match': '"1"' },
    );
    expect([edited.status, edited.body.version, edited.headers.get('etag')]).toEqual([200, 2, '"2"']);
    expect(edited.body).not.toHaveProperty('streamVersion'); // the ETag only, not a field of the template
    const stale = await coordinator.call('PUT', '/templates/dan-van-quy', { title: 'Báo cáo quý' }, { 'if-match': '"1"' });
    expect(stale.status).toBe(409);
    expect((await coordinator.call('GET', '/templates/dan-van-quy/versions/1')).body.indicators.map((i: any) => i.code)).toEqual([
      'XA_PBXH',
      'DOAN_VIEN',
    ]);
    // The cycle opened on version 1 keeps its form: the yes/no answer of version 1 is still accepted and consolidated.
    const cycleId = opened.body.id as string;
    await waitForPhase(coordinator, cycleId, 'collecting');
    const sonBinh = await login(stack.api.url, 'canbo.du-xa-son-binh');
    const banBo = await login(stack.api.url, 'canbo.du-xa-ban-bo');
    expect(
      (
        await sonBinh.call('POST', sub(cycleId, 'du-xa-son-binh', '/submit'), {
          content: { figures: { XA_PBXH: { value: 1 } }, narrative: {} },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await banBo.call('POST', sub(cycleId, 'du-xa-ban-bo', '/submit'), {
          content: { figures: { XA_PBXH: { value: 0 } }, narrative: {} },
        })
      ).status,
    ).toBe(200);
    for (const u of ['du-xa-son-binh', 'du-xa-ban-bo'])
      expect((await reviewer.call('POST', sub(cycleId, u, '/approve'), { version: 1 })).status).toBe(200);
    expect((await coordinator.call('POST', `/cycles/${cycleId}/close-submissions`)).status).toBe(200);
    const draft = await coordinator.call('POST', `/cycles/${cycleId}/report/draft`, {});
    expect(draft.status).toBe(200);
    const v = (await reviewer.call('GET', `/cycles/${cycleId}/report/versions/1`)).body;
    expect(v.document.body.map((s: any) => s.heading)).toEqual(['I- KẾT QUẢ QUÝ II NĂM 2027', 'II- NHIỆM VỤ QUÝ III NĂM 2027']);
    expect(v.passages.map((p: any) => p.text)).toContain(
      '1/2 xã, thị trấn đã tổ chức hội nghị phản biện xã hội; còn 1/2 xã, thị trấn chưa tổ chức hội nghị phản biện xã hội (Bản Bo).',
    );
  });

  it('refuses a state-format cycle whose deadline leaves no working day after the cut-off (Nghị định 09/2019)', async () => {
    const before = await eventCount(stack.db);
    const res = await mttqCoordinator.call('POST', '/cycles', {
      templateId: 'mat-tran-nam',
      period: { kind: 'annual', year: 2027, label: 'năm 2027', dataFrom: '2026-12-15', dataTo: '2027-12-14' },
      issuingBody: { unitId: MTTQ, name: 'Ủy ban MTTQ Việt Nam huyện Tam Đường', symbol: 'MTTQ-BTT' },
      milestones: {
        submissionDeadline: '2027-12-14',
        reviewDue: '2027-12-20',
        commentsDue: '2027-12-22',
        signOffDue: '2027-12-24',
        distributionDue: '2027-12-28',
      },
      units: [{ unitId: HLHPN }],
    });
    expect([res.status, res.body.error, res.body.earliest]).toEqual([422, 'DEADLINE_TOO_EARLY', '2027-12-15']);
    expect(res.body.messageVi).toBe('Hạn nộp 14/12/2027 quá sớm: số liệu tính đến ngày 14/12/2027, hạn nộp sớm nhất là ngày 15/12/2027.');
    expect(await eventCount(stack.db)).toBe(before);
    const suggestion = await coordinator.call('GET', '/periods/suggestion?kind=nine-month&year=2027');
    expect(suggestion.body).toMatchObject({
      dataFrom: '2026-12-15',
      dataTo: '2027-09-14',
      earliestDeadline: '2027-09-15',
      milestones: { submissionDeadline: '2027-09-15' },
    });
  });

  describe('kind 4: thematic review of a directive at the request of Sở Nội vụ', () => {
    let cycleId: string;
    // The People's Committee's own office (the cycle is issued by UBND huyện).
    let coordinator: ApiSession, reviewer: ApiSession, signer: ApiSession, clerk: ApiSession;
    const report = (path = '') => `/cycles/${cycleId}/report${path}`;

    beforeAll(async () => {
      ({ coordinator, reviewer, signer, clerk } = ubnd);
      const res = await coordinator.call('POST', '/cycles', {
        templateId: 'so-ket-chi-thi',
        period: { kind: 'thematic', year: 2027, label: TITLE, dataFrom: '2024-07-01', dataTo: '2027-04-30', requestedBy: REQUEST },
        issuingBody: { unitId: UBND, name: 'Ủy ban nhân dân huyện Tam Đường', symbol: 'UBND' },
        signer: { authority: 'TM.', title: 'CHỦ TỊCH', name: 'Giàng A Tính' },
        milestones,
        units: [MTTQ, HLHPN, HND].map((unitId) => ({ unitId })),
      });
      if (res.status !== 201) throw new Error(`POST /cycles: ${res.status} ${JSON.stringify(res.body)}`);
      cycleId = res.body.id;
      await waitForPhase(coordinator, cycleId, 'collecting');
      const figures: Record<string, unknown> = {
        [MTTQ]: { HN_TUYEN_TRUYEN: { value: 42 }, TAP_HOP: { cells: { TONG_SO: 1250, KET_NAP: 36, TY_LE: 92.5 } } },
        [HLHPN]: {
          HN_TUYEN_TRUYEN: { value: 118 },
          HV_KET_NAP: { value: 215 },
          TAP_HOP: { cells: { TONG_SO: 8450, KET_NAP: 215, TY_LE: 85.2 } },
        },
        [HND]: { HN_TUYEN_TRUYEN: { value: 57 }, HV_KET_NAP: { value: 97 }, TAP_HOP: { cells: { TONG_SO: 6120, KET_NAP: 97, TY_LE: 78 } } },
      };
      for (const unit of [MTTQ, HLHPN, HND]) {
        const s = await reporters[unit].call('POST', sub(cycleId, unit, '/submit'), { content: { figures: figures[unit], narrative: {} } });
        if (s.status !== 200) throw new Error(`submit ${unit}: ${s.status} ${JSON.stringify(s.body)}`);
        expect((await reviewer.call('POST', sub(cycleId, unit, '/approve'), { version: 1 })).status).toBe(200);
      }
      expect((await coordinator.call('POST', `/cycles/${cycleId}/close-submissions`)).status).toBe(200);
    }, STARTUP_TIMEOUT_MS);

    it('drafts in state format with the request quoted, the totals, the annex and Sở Nội vụ first in Nơi nhận', async () => {
      const res = await coordinator.call('POST', report('/draft'), {});
      expect(res.status).toBe(200);
      const doc = res.body.document;
      expect(doc.header).toEqual({ partyStyle: false, issuingBody: 'ỦY BAN NHÂN DÂN HUYỆN TAM ĐƯỜNG' });
      expect(doc.number).toEqual({ scheme: 'state', typeCode: 'BC', bodySymbol: 'UBND' });
      expect(doc.title).toBe(TITLE);
      expect(doc.body[0].paragraphs[0].runs[0].text).toBe(
        'Thực hiện Công văn số 1257/SNV-XDCQ&TCBM ngày 26/4/2027 của Sở Nội vụ tỉnh Lai Châu về việc đề nghị báo cáo sơ kết 03 năm thực hiện Chỉ thị số 06-CT/TU; Ủy ban nhân dân huyện Tam Đường báo cáo cụ thể như sau:',
      );
      expect(doc.body.slice(1, 7).map((s: any) => s.heading)).toEqual([
        'I. ĐẶC ĐIỂM TÌNH HÌNH',
        'II. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO TRIỂN KHAI THỰC HIỆN',
        'III. KẾT QUẢ THỰC HIỆN',
        'IV. ĐÁNH GIÁ CHUNG',
        'V. NHIỆM VỤ, GIẢI PHÁP TRONG THỜI GIAN TỚI',
        'VI. NHỮNG KIẾN NGHỊ, ĐỀ XUẤT',
      ]);
      expect(doc.recipients.map((r: any) => `${r.name} (${r.purpose})`)).toEqual([
        'Sở Nội vụ (b/c)',
        'Thường trực Huyện ủy (b/c)',
        'Ban Dân vận Huyện ủy (b/c)',
        'Chủ tịch, các PCT UBND huyện (đ/b)',
        'Phòng Nội vụ (t/d)',
        'MTTQ và các đoàn thể huyện (t/d)',
      ]);
      expect(doc.annexes).toEqual([
        {
          title: 'PHỤ LỤC\nKết quả tập hợp quần chúng vào các tổ chức chính trị - xã hội',
          header: ['STT', 'Tổ chức', 'Tổng số đoàn viên, hội viên', 'Kết nạp mới trong kỳ', 'Tỷ lệ tập hợp (%)'],
          rows: [
            ['1', 'MTTQ', '1.250', '36', '92,5'],
            ['2', 'Hội LHPN', '8.450', '215', '85,2'],
            ['3', 'Hội Nông dân', '6.120', '97', '78'],
            ['', 'Tổng cộng', '15.820', '348', ''],
          ],
        },
      ]);
      expect((await reviewer.call('POST', `/cycles/${cycleId}/advance`, { to: 'commenting' })).status).toBe(200);
      expect((await coordinator.call('POST', `/cycles/${cycleId}/advance`, { to: 'signing' })).status).toBe(200);
    });

    it('is signed "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH", numbered in the state register, distributed', async () => {
      const signed = await signer.call('POST', report('/sign'), { version: 1 });
      expect(signed.status).toBe(200);
      expect(signed.body.document.signature).toEqual({
        authority: 'TM.',
        onBehalfOf: 'ỦY BAN NHÂN DÂN',
        title: 'CHỦ TỊCH',
        name: 'Giàng A Tính',
      });
      await waitForPhase(coordinator, cycleId, 'distributing');
      const numbered = await clerk.call('POST', report('/number'), {});
      expect(numbered.status).toBe(200);
      expect(numbered.body.numbered.numberText).toBe('Số: 01/BC-UBND');
      expect((await clerk.call('POST', report('/distribute'), {})).status).toBe(200);
    });

    it('reads back from the DOCX: header, number, date line, request, totals, annex table, signature and Nơi nhận', async () => {
      const res = await fetch(`${stack.api.url}${report('/document.docx')}`, { headers: { authorization: `Bearer ${clerk.token}` } });
      expect(res.status).toBe(200);
      const zip = await JSZip.loadAsync(Buffer.from(await res.arrayBuffer()));
      const xml = await zip.file('word/document.xml')!.async('string');
      const text = (s: string) =>
        s
          .replace(/<[^>]+>/g, '')
          .replace(/&amp;/g, '&')
          .replace(/&lt;/g, '<')
          .replace(/&gt;/g, '>')
          .replace(/&quot;/g, '"');
      const paragraphs = xml
        .split('</w:p>')
        .map(text)
        .filter((p) => p !== '');
      const today = vietnamDateOf(new Date().toISOString());
      for (const line of [
        'ỦY BAN NHÂN DÂN HUYỆN TAM ĐƯỜNG',
        'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
        'Độc lập - Tự do - Hạnh phúc',
        'Số: 01/BC-UBND',
        formatDateLine('Tam Đường', today),
        'BÁO CÁO',
        TITLE,
        'TM. ỦY BAN NHÂN DÂN',
        'CHỦ TỊCH',
        'Giàng A Tính',
        'Nơi nhận:',
        '- Sở Nội vụ (b/c);',
        '- Thường trực Huyện ủy (b/c);',
        '- Phòng Nội vụ (t/d);',
        '- MTTQ và các đoàn thể huyện (t/d);',
        '- Lưu: VT, NV.',
        'PHỤ LỤC',
        'Kết quả tập hợp quần chúng vào các tổ chức chính trị - xã hội',
        'Mặt trận Tổ quốc và các tổ chức chính trị - xã hội đã tổ chức 217 hội nghị tuyên truyền, quán triệt.',
        'Thực hiện Công văn số 1257/SNV-XDCQ&TCBM ngày 26/4/2027 của Sở Nội vụ tỉnh Lai Châu về việc đề nghị báo cáo sơ kết 03 năm thực hiện Chỉ thị số 06-CT/TU; Ủy ban nhân dân huyện Tam Đường báo cáo cụ thể như sau:',
        'Ủy ban nhân dân huyện Tam Đường báo cáo ' + TITLE + './.',
      ]) {
        expect(paragraphs).toContain(line);
      }
      // The annex is the document's last table: read it row by row, cell by cell.
      const tables = xml.match(/<w:tbl>.*?<\/w:tbl>/gs) ?? [];
      const rows = (tables[tables.length - 1].match(/<w:tr[ >].*?<\/w:tr>/gs) ?? []).map((r) =>
        (r.match(/<w:tc>.*?<\/w:tc>/gs) ?? []).map(text),
      );
      expect(rows).toEqual([
        ['STT', 'Tổ chức', 'Tổng số đoàn viên, hội viên', 'Kết nạp mới trong kỳ', 'Tỷ lệ tập hợp (%)'],
        ['1', 'MTTQ', '1.250', '36', '92,5'],
        ['2', 'Hội LHPN', '8.450', '215', '85,2'],
        ['3', 'Hội Nông dân', '6.120', '97', '78'],
        ['', 'Tổng cộng', '15.820', '348', ''],
      ]);
      const footnotes = (await zip.file('word/footnotes.xml')!.async('string')).replace(/<[^>]+>/g, '');
      expect(footnotes).toContain('MTTQ 42 hội nghị; Hội LHPN 118 hội nghị; Hội Nông dân 57 hội nghị.');
    });
  });
});
