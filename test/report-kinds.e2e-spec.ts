import JSZip from 'jszip';
import { ApiSession } from '../apps/api/src/demo/seed-demo';
import { DEMO_PASSWORD } from '../apps/api/src/demo/demo-data';
import { formatDateLine } from '@kybaocao/domain/format/vietnamese-format';
import { vietnamDateOf } from '@kybaocao/domain/shared/iso-date';
import { TEST_ADMIN_PASSWORD } from './infra/processes';
import { ApiStack, eventCount, login, startStack, STARTUP_TIMEOUT_MS, streamEvents, waitForPhase } from './support/api-stack';

/**
 * Three more kinds of report from the built-in templates, each run as a cycle over HTTP from plan to a signed,
 * numbered, distributed DOCX that is read back: (2) MTTQ and the mass organisations, 9 months, compared with
 * the same period a year earlier and with the plan, communes' yes/no activities as coverage lines with names;
 * (3) the Front's annual report with its Phần thứ hai programme, money in đồng; (5) political tasks, 9
 * months, fed by state offices — where an edited figure blocks signing until the signer overrides with a
 * reason, which the audit trail shows. (Kind 4 is in templates.e2e-spec; kind 1 in report-lifecycle.)
 */

const MTTQ = 'mttq-tam-duong';
const HLHPN = 'hlhpn-tam-duong';
const HND = 'hnd-tam-duong';
const DTN = 'dtn-tam-duong';
const THI_TRAN = 'du-tt-tam-duong';
const BAN_BO = 'du-xa-ban-bo';
const KHUN_HA = 'du-xa-khun-ha';
const SON_BINH = 'du-xa-son-binh';
const HU = { unitId: 'huyen-uy-tam-duong', name: 'Huyện ủy Tam Đường', symbol: 'HU' };
const PBT = { authority: 'T/M', title: 'PHÓ BÍ THƯ', name: 'Nguyễn Văn A' };
const sub = (cycleId: string, unit: string, action = '') => `/cycles/${cycleId}/units/${unit}/submission${action}`;
const ms = (y: number, m: string, d: number) => ({
  submissionDeadline: `${y}-${m}-${d}`,
  reviewDue: `${y}-${m}-${d + 2}`,
  commentsDue: `${y}-${m}-${d + 4}`,
  signOffDue: `${y}-${m}-${d + 6}`,
  distributionDue: `${y}-${m}-${d + 8}`,
});
const nineMonths = (y: number) => ({
  kind: 'nine-month',
  year: y,
  label: `9 tháng năm ${y}`,
  dataFrom: `${y - 1}-12-15`,
  dataTo: `${y}-09-14`,
});

const xmlText = (s: string) =>
  s
    .replace(/<w:br\/>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"');

describe('kinds of report from the built-in templates, end to end', () => {
  let stack: ApiStack;
  let coordinator: ApiSession, reviewer: ApiSession, signer: ApiSession, clerk: ApiSession, admin: ApiSession;
  const sessions = new Map<string, ApiSession>();
  const as = async (unit: string) => {
    if (!sessions.has(unit)) sessions.set(unit, await login(stack.api.url, `canbo.${unit}`));
    return sessions.get(unit)!;
  };

  /** Opens the cycle, every unit submits `figures` and is approved, the window closes. */
  async function collect(body: Record<string, unknown>, figures: Record<string, Record<string, unknown>>): Promise<string> {
    const res = await coordinator.call('POST', '/cycles', { ...body, units: Object.keys(figures).map((unitId) => ({ unitId })) });
    if (res.status !== 201) throw new Error(`POST /cycles: ${res.status} ${JSON.stringify(res.body)}`);
    const cycleId = res.body.id as string;
    await waitForPhase(coordinator, cycleId, 'collecting');
    for (const [unit, f] of Object.entries(figures)) {
      const s = await (await as(unit)).call('POST', sub(cycleId, unit, '/submit'), { content: { figures: f, narrative: {} } });
      if (s.status !== 200) throw new Error(`submit ${unit}: ${s.status} ${JSON.stringify(s.body)}`);
      const a = await reviewer.call('POST', sub(cycleId, unit, '/approve'), { version: 1 });
      if (a.status !== 200) throw new Error(`approve ${unit}: ${a.status} ${JSON.stringify(a.body)}`);
    }
    expect((await coordinator.call('POST', `/cycles/${cycleId}/close-submissions`)).status).toBe(200);
    return cycleId;
  }

  /** Commenting → signing → signed (optionally with an override reason) → numbered → distributed; the DOCX's paragraphs. */
  async function issue(cycleId: string, version: number, sign: Record<string, unknown> = {}) {
    expect((await reviewer.call('POST', `/cycles/${cycleId}/advance`, { to: 'commenting' })).status).toBe(200);
    expect((await coordinator.call('POST', `/cycles/${cycleId}/advance`, { to: 'signing' })).status).toBe(200);
    const signed = await signer.call('POST', `/cycles/${cycleId}/report/sign`, { version, ...sign });
    expect(signed.status).toBe(200);
    await waitForPhase(coordinator, cycleId, 'distributing');
    const numbered = await clerk.call('POST', `/cycles/${cycleId}/report/number`, {});
    expect(numbered.status).toBe(200);
    expect((await clerk.call('POST', `/cycles/${cycleId}/report/distribute`, {})).status).toBe(200);
    const res = await fetch(`${stack.api.url}/cycles/${cycleId}/report/document.docx`, {
      headers: { authorization: `Bearer ${clerk.token}` },
    });
    expect(res.status).toBe(200);
    const zip = await JSZip.loadAsync(Buffer.from(await res.arrayBuffer()));
    const paragraphs = (await zip.file('word/document.xml')!.async('string'))
      .split('</w:p>')
      .map(xmlText)
      .filter((p) => p !== '');
    const footnotes = ((await zip.file('word/footnotes.xml')?.async('string')) ?? '')
      .split('</w:p>')
      .map(xmlText)
      .filter((p) => p !== '');
    return { paragraphs, footnotes, numberText: numbered.body.numbered.numberText as string, signature: signed.body.document.signature };
  }

  const today = () => formatDateLine('Tam Đường', vietnamDateOf(new Date().toISOString()));

  beforeAll(async () => {
    stack = await startStack();
    const url = stack.api.url;
    [coordinator, reviewer, signer, clerk, admin] = await Promise.all([
      login(url, 'chuyenvien.bdv'),
      login(url, 'lanhdao.bdv'),
      login(url, 'btv.pbt'),
      login(url, 'vanthu'),
      login(url, 'admin', TEST_ADMIN_PASSWORD),
    ]);
    for (const [id, kind, name, short] of [
      ['ubnd-td', 'UBND', 'Ủy ban nhân dân huyện Tam Đường', 'UBND huyện'],
      ['ca-td', 'CONG_AN', 'Công an huyện Tam Đường', 'Công an huyện'],
      ['qs-td', 'QUAN_SU', 'Ban Chỉ huy Quân sự huyện Tam Đường', 'Ban CHQS huyện'],
    ]) {
      const u = await admin.call('POST', '/org-units', {
        id,
        parentId: HU.unitId,
        level: 'huyen',
        kind,
        canonicalName: name,
        shortName: short,
        activeFrom: '2020-01-01',
      });
      if (u.status !== 201) throw new Error(`POST /org-units ${id}: ${u.status} ${JSON.stringify(u.body)}`);
      const a = await admin.call('POST', '/users', {
        username: `canbo.${id}`,
        displayName: `Cán bộ ${short}`,
        password: DEMO_PASSWORD,
        roles: ['reporter'],
        unitIds: [id],
      });
      if (a.status !== 201) throw new Error(`POST /users ${id}: ${a.status} ${JSON.stringify(a.body)}`);
    }
  }, STARTUP_TIMEOUT_MS);

  afterAll(async () => {
    await stack?.stop();
  });

  it("refuses a unit's figures for sections its kind of unit does not answer, on draft save and on submit, storing nothing", async () => {
    const res = await coordinator.call('POST', '/cycles', {
      templateId: 'mttq-doan-the-9-thang',
      period: nineMonths(2031),
      issuingBody: HU,
      signer: PBT,
      milestones: ms(2031, '09', 16),
      units: [{ unitId: HND }, { unitId: SON_BINH }],
    });
    expect(res.status).toBe(201);
    const cycleId = res.body.id as string;
    await waitForPhase(coordinator, cycleId, 'collecting');
    const before = await eventCount(stack.db);
    // An organisation answering the communes' yes/no section (II.3).
    const orgDraft = await (
      await as(HND)
    ).call('PUT', sub(cycleId, HND, '/draft'), { figures: { TT_BUOI: { value: 12 }, XA_PBXH: { value: 1 } }, narrative: {} });
    expect([orgDraft.status, orgDraft.body.error, orgDraft.body.details]).toEqual([
      422,
      'SUBMISSION_NOT_FOR_UNIT_KIND',
      { unitKind: 'HND', indicatorCodes: ['XA_PBXH'], sectionCodes: [] },
    ]);
    expect(orgDraft.body.messageVi).toBe(
      'Đơn vị thuộc loại "Hội Nông dân" không báo cáo chỉ tiêu "Tổ chức hội nghị phản biện xã hội" theo mẫu báo cáo này.',
    );
    const orgSubmit = await (
      await as(HND)
    ).call('POST', sub(cycleId, HND, '/submit'), {
      content: { figures: { TT_BUOI: { value: 12 }, XA_PBXH: { value: 1 } }, narrative: {} },
    });
    expect([orgSubmit.status, orgSubmit.body.error]).toEqual([422, 'SUBMISSION_NOT_FOR_UNIT_KIND']);
    // A commune answering the organisations' section (II.2), figures and narrative.
    const communeSubmit = await (
      await as(SON_BINH)
    ).call('POST', sub(cycleId, SON_BINH, '/submit'), {
      content: { figures: { XA_PBXH: { value: 1 }, GS_CUOC: { value: 3 } }, narrative: { 'II.2': 'Không thuộc xã.' } },
    });
    expect([communeSubmit.status, communeSubmit.body.details]).toEqual([
      422,
      { unitKind: 'DANG_UY_XA', indicatorCodes: ['GS_CUOC'], sectionCodes: ['II.2'] },
    ]);
    expect(await eventCount(stack.db)).toBe(before);
    // Each kind's own sections (and the sections for every unit) are accepted.
    expect(
      (
        await (
          await as(HND)
        ).call('PUT', sub(cycleId, HND, '/draft'), { figures: { TT_BUOI: { value: 12 } }, narrative: { 'III.1': 'Ưu điểm.' } })
      ).status,
    ).toBe(200);
    expect(
      (
        await (
          await as(SON_BINH)
        ).call('POST', sub(cycleId, SON_BINH, '/submit'), { content: { figures: { XA_PBXH: { value: 1 } }, narrative: {} } })
      ).status,
    ).toBe(200);
    // The unit's kind comes with its submission: the form shows only its sections.
    expect((await (await as(SON_BINH)).call('GET', sub(cycleId, SON_BINH))).body.unitKind).toBe('DANG_UY_XA');
  });

  it('kind 2: MTTQ and the organisations, 9 months — totals with footnotes, the comparison with the same period, the plan, coverage lines with names', async () => {
    const previous = await collect(
      { templateId: 'mttq-doan-the-9-thang', period: nineMonths(2027), issuingBody: HU, signer: PBT, milestones: ms(2027, '09', 16) },
      {
        [MTTQ]: { TT_BUOI: { value: 100 }, TT_LUOT_NGUOI: { value: 3000 } },
        [HLHPN]: { TT_BUOI: { value: 40 }, TT_LUOT_NGUOI: { value: 1500 } },
      },
    );
    // The open-a-cycle form's suggestion: the same template and issuer a year earlier.
    expect(
      (await coordinator.call('GET', `/periods/previous-cycle?templateId=mttq-doan-the-9-thang&issuerId=${HU.unitId}&dataTo=2028-09-14`))
        .body,
    ).toEqual({ cycleId: previous, periodLabel: '9 tháng năm 2027', dataTo: '2027-09-14' });
    const mismatch = await coordinator.call('POST', '/cycles', {
      templateId: 'dan-van-annual',
      period: nineMonths(2028),
      issuingBody: HU,
      milestones: ms(2028, '09', 16),
      units: [{ unitId: MTTQ }],
      previousCycleId: previous,
    });
    expect([mismatch.status, mismatch.body.error]).toEqual([422, 'PREVIOUS_CYCLE_MISMATCH']);
    const yes = { value: 1 };
    const no = { value: 0 };
    const cycleId = await collect(
      {
        templateId: 'mttq-doan-the-9-thang',
        period: nineMonths(2028),
        issuingBody: HU,
        signer: PBT,
        milestones: ms(2028, '09', 16),
        previousCycleId: previous,
        targets: { TT_BUOI: 200 },
      },
      {
        [MTTQ]: { TT_BUOI: { value: 120 }, TT_LUOT_NGUOI: { value: 3500 } },
        [HLHPN]: { TT_BUOI: { value: 60 }, TT_LUOT_NGUOI: { value: 2400 }, HV_KET_NAP: { value: 215 } },
        [DTN]: { TT_BUOI: { value: 30 }, TT_LUOT_NGUOI: { value: 900 }, HV_KET_NAP: { value: 120 } },
        [THI_TRAN]: { XA_PBXH: no, XA_GIAM_SAT: yes, XA_DOI_THOAI: yes },
        [BAN_BO]: { XA_PBXH: yes, XA_GIAM_SAT: yes, XA_DOI_THOAI: yes },
        [KHUN_HA]: { XA_PBXH: no, XA_GIAM_SAT: yes, XA_DOI_THOAI: yes },
        [SON_BINH]: { XA_PBXH: yes, XA_GIAM_SAT: yes, XA_DOI_THOAI: no },
      },
    );
    const draft = await coordinator.call('POST', `/cycles/${cycleId}/report/draft`, {});
    expect(draft.status).toBe(200);
    expect(draft.body.document.header).toEqual({
      partyStyle: true,
      superiorBody: 'ĐẢNG BỘ TỈNH LAI CHÂU',
      issuingBody: 'HUYỆN ỦY TAM ĐƯỜNG',
    });
    // A coverage list edited so that it misses a unit is an error-level check (it blocks signing unless overridden).
    const checks = () => coordinator.call('GET', `/cycles/${cycleId}/report/checks`);
    expect((await checks()).body.draftFindings).toEqual([]);
    const body = JSON.stringify(draft.body.document.body);
    expect(body).toContain('chưa tổ chức hội nghị phản biện xã hội (Thị trấn Tam Đường, Khun Há)');
    const missing = JSON.parse(
      body.replace(
        'chưa tổ chức hội nghị phản biện xã hội (Thị trấn Tam Đường, Khun Há)',
        'chưa tổ chức hội nghị phản biện xã hội (Thị trấn Tam Đường)',
      ),
    );
    expect((await coordinator.call('POST', `/cycles/${cycleId}/report/revisions`, { baseVersion: 1, body: missing })).status).toBe(200);
    expect((await checks()).body.draftFindings).toEqual([
      expect.objectContaining({
        code: 'COVERAGE_LIST_MISMATCH',
        indicatorCode: 'XA_PBXH',
        expected: 'Thị trấn Tam Đường, Khun Há',
        messageVi:
          '"Tổ chức hội nghị phản biện xã hội" — danh sách đơn vị chưa tổ chức hội nghị phản biện xã hội: Danh sách nêu 1/2 đơn vị: thiếu Khun Há.',
      }),
    ]);
    // Put back as drafted: nothing left to override.
    expect((await coordinator.call('POST', `/cycles/${cycleId}/report/revisions`, { baseVersion: 2, body: JSON.parse(body) })).status).toBe(
      200,
    );
    expect((await checks()).body.draftFindings).toEqual([]);
    const { paragraphs, footnotes, numberText, signature } = await issue(cycleId, 3);
    expect(signature).toEqual({ authority: 'T/M', onBehalfOf: 'BAN THƯỜNG VỤ', title: 'PHÓ BÍ THƯ', name: 'Nguyễn Văn A' });
    expect(numberText).toMatch(/^Số \d{2}-BC\/HU$/);
    for (const line of [
      'ĐẢNG BỘ TỈNH LAI CHÂU',
      'HUYỆN ỦY TAM ĐƯỜNG',
      'ĐẢNG CỘNG SẢN VIỆT NAM',
      numberText,
      today(),
      'BÁO CÁO',
      'kết quả công tác Mặt trận Tổ quốc và các tổ chức chính trị - xã hội 9 tháng năm 2028, nhiệm vụ trọng tâm 3 tháng cuối năm 2028',
      'II- KẾT QUẢ THỰC HIỆN NHIỆM VỤ 9 THÁNG NĂM 2028',
      'IV- NHIỆM VỤ TRỌNG TÂM 3 THÁNG CUỐI NĂM 2028',
      'MTTQ và các đoàn thể các cấp đã phối hợp tổ chức 210 buổi tuyên truyền cho 6.800 lượt người (tăng 70 buổi, bằng 150% so với cùng kỳ; đạt 105% kế hoạch).',
      'Kết nạp mới 335 hội viên, đoàn viên.',
      '2/4 xã, thị trấn đã tổ chức hội nghị phản biện xã hội; còn 2/4 xã, thị trấn chưa tổ chức hội nghị phản biện xã hội (Thị trấn Tam Đường, Khun Há).',
      '4/4 xã, thị trấn đã thực hiện giám sát theo Quyết định 217-QĐ/TW.',
      '3/4 xã, thị trấn đã tổ chức đối thoại giữa Chủ tịch UBND xã với Nhân dân; còn 1/4 xã, thị trấn chưa tổ chức đối thoại giữa Chủ tịch UBND xã với Nhân dân (Sơn Bình).',
      'T/M BAN THƯỜNG VỤ',
      'PHÓ BÍ THƯ',
      'Nguyễn Văn A',
      'Nơi nhận:',
      '- Tỉnh ủy Lai Châu (b/c),',
      '- MTTQ và các đoàn thể huyện (t/d),',
      '- Các đảng ủy xã, thị trấn (t/d),',
      '- Lưu Văn phòng Huyện ủy.',
    ])
      expect(paragraphs).toContain(line);
    expect(footnotes).toEqual(
      expect.arrayContaining([
        'MTTQ các cấp tổ chức 120 buổi tuyên truyền cho 3.500 lượt người; Hội LHPN các cấp tổ chức 60 buổi tuyên truyền cho 2.400 lượt người; Huyện đoàn các cấp tổ chức 30 buổi tuyên truyền cho 900 lượt người.',
        'Hội LHPN kết nạp 215 hội viên mới; Huyện đoàn kết nạp 120 đoàn viên mới.',
      ]),
    );
  });

  it("kind 3: the Front's annual report and Phần thứ hai programme, state format, money in đồng, a stated total checked against its parts", async () => {
    // The Front's own office runs its cycle (issue #17: office users act only on their office's cycles).
    const district = { coordinator, reviewer, signer, clerk };
    for (const [username, role] of [
      ['cv.mttq', 'coordinator'],
      ['ld.mttq', 'reviewer'],
      ['pct.mttq', 'signer'],
      ['vt.mttq', 'clerk'],
    ]) {
      const created = await admin.call('POST', '/users', {
        username,
        displayName: `Cán bộ MTTQ (${role})`,
        password: DEMO_PASSWORD,
        roles: [role],
        officeUnitId: MTTQ,
      });
      expect(created.status).toBe(201);
    }
    [coordinator, reviewer, signer, clerk] = await Promise.all(
      ['cv.mttq', 'ld.mttq', 'pct.mttq', 'vt.mttq'].map((u) => login(stack.api.url, u)),
    );
    const front = { unitId: MTTQ, name: 'Ủy ban MTTQ Việt Nam huyện Tam Đường', symbol: 'MTTQ-BTT' };
    const period = { kind: 'annual', year: 2028, label: 'năm 2028', dataFrom: '2027-12-15', dataTo: '2028-12-14' };
    const res = await coordinator.call('POST', '/cycles', {
      templateId: 'mat-tran-nam',
      period,
      issuingBody: front,
      milestones: ms(2028, '12', 15),
      units: [{ unitId: HLHPN }, { unitId: HND }, { unitId: BAN_BO }, { unitId: KHUN_HA }, { unitId: SON_BINH }],
      signer: { authority: 'TM.', title: 'PHÓ CHỦ TỊCH', name: 'Lò Văn Sung' },
    });
    const cycleId = res.body.id as string;
    await waitForPhase(coordinator, cycleId, 'collecting');
    // A stated total that does not match its parts (002's 862.796.456 đ against 744.304.560 đ) is refused at the source.
    const bad = await (
      await as(HND)
    ).call('POST', sub(cycleId, HND, '/submit'), {
      content: {
        figures: { QUY_VNN_TONG: { value: 862796456 }, QUY_VNN_CO_QUAN: { value: 624340000 }, QUY_VNN_NHAN_DAN: { value: 119964560 } },
        narrative: {},
      },
    });
    expect([bad.status, bad.body.error, bad.body.details.violations.map((v: any) => v.code)]).toEqual([
      422,
      'SUBMISSION_FIGURES_INVALID',
      ['R_QUY_VNN_SUM'],
    ]);
    const figures: Record<string, Record<string, unknown>> = {
      [HLHPN]: {
        HN_TUYEN_TRUYEN: { value: 45 },
        QUY_VNN_TONG: { value: 120000000 },
        QUY_VNN_CO_QUAN: { value: 100000000 },
        QUY_VNN_NHAN_DAN: { value: 20000000 },
      },
      [HND]: {
        HN_TUYEN_TRUYEN: { value: 38 },
        QUY_VNN_TONG: { value: 35500000 },
        QUY_VNN_CO_QUAN: { value: 30000000 },
        QUY_VNN_NHAN_DAN: { value: 5500000 },
      },
      [BAN_BO]: { KDC_VAN_HOA: { numerator: 12, denominator: 12 } },
      [KHUN_HA]: { KDC_VAN_HOA: { numerator: 9, denominator: 10 } },
      [SON_BINH]: { KDC_VAN_HOA: { numerator: 8, denominator: 8 } },
    };
    for (const [unit, f] of Object.entries(figures)) {
      expect((await (await as(unit)).call('POST', sub(cycleId, unit, '/submit'), { content: { figures: f, narrative: {} } })).status).toBe(
        200,
      );
      expect((await reviewer.call('POST', sub(cycleId, unit, '/approve'), { version: 1 })).status).toBe(200);
    }
    expect((await coordinator.call('POST', `/cycles/${cycleId}/close-submissions`)).status).toBe(200);
    const draft = await coordinator.call('POST', `/cycles/${cycleId}/report/draft`, { superiorBody: 'Ủy ban MTTQ Việt Nam tỉnh Lai Châu' });
    expect(draft.status).toBe(200);
    expect(draft.body.document.body.map((s: any) => s.heading)).toEqual([
      undefined,
      'Phần thứ nhất\nKẾT QUẢ CÔNG TÁC MẶT TRẬN NĂM 2028',
      'Phần thứ hai\nCHƯƠNG TRÌNH PHỐI HỢP VÀ THỐNG NHẤT HÀNH ĐỘNG NĂM 2029',
      undefined,
    ]);
    expect(draft.body.document.body[2].sections.map((s: any) => s.heading)).toEqual([
      '1. Tuyên truyền, vận động, tập hợp các tầng lớp nhân dân',
      '2. Vận động nhân dân thi đua thực hiện các mục tiêu phát triển kinh tế - xã hội',
      '3. Thực hiện dân chủ, giám sát và phản biện xã hội',
      '4. Củng cố tổ chức, nâng cao hiệu quả hoạt động của Mặt trận',
    ]);
    const { paragraphs, footnotes, numberText } = await issue(cycleId, 1);
    expect(numberText).toBe('Số: 01/BC-MTTQ-BTT');
    for (const line of [
      'ỦY BAN MTTQ VIỆT NAM TỈNH LAI CHÂU',
      'ỦY BAN MTTQ VIỆT NAM HUYỆN TAM ĐƯỜNG',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Số: 01/BC-MTTQ-BTT',
      today(),
      'Kết quả công tác Mặt trận năm 2028\nChương trình phối hợp và thống nhất hành động năm 2029',
      'Ủy ban MTTQ Việt Nam các cấp và các tổ chức thành viên thực hiện Chương trình phối hợp và thống nhất hành động năm 2028, kết quả đạt được như sau:',
      'Phần thứ nhất\nKẾT QUẢ CÔNG TÁC MẶT TRẬN NĂM 2028',
      'I. CÔNG TÁC HƯỚNG DẪN, TRIỂN KHAI',
      'Phần thứ hai\nCHƯƠNG TRÌNH PHỐI HỢP VÀ THỐNG NHẤT HÀNH ĐỘNG NĂM 2029',
      'Phối hợp tổ chức 83 hội nghị tuyên truyền, quán triệt.',
      'Vận động Quỹ "Vì người nghèo" được 155.500.000 đồng.',
      'Khu dân cư đạt danh hiệu "Khu dân cư văn hóa": 29/30 khu dân cư; 2/3 xã, thị trấn đã có toàn bộ khu dân cư đạt danh hiệu văn hóa; còn 1/3 xã, thị trấn chưa có toàn bộ khu dân cư đạt danh hiệu văn hóa (Khun Há).',
      'Trên đây là báo cáo kết quả công tác Mặt trận năm 2028, Chương trình phối hợp thống nhất hành động năm 2029 của Ủy ban MTTQ Việt Nam huyện Tam Đường./.',
      'TM. BAN THƯỜNG TRỰC',
      'PHÓ CHỦ TỊCH',
      'Lò Văn Sung',
      '- Huyện ủy Tam Đường (b/c);',
      '- MTTQ và các đoàn thể huyện (t/d);',
      '- Lưu: VT.',
    ])
      expect(paragraphs).toContain(line);
    expect(footnotes).toContain('Hội LHPN 120.000.000 đồng; Hội Nông dân 35.500.000 đồng.');
    ({ coordinator, reviewer, signer, clerk } = district);
  });

  it('kind 5: political tasks, 9 months, fed by state offices; an edited figure blocks signing until overridden with a reason, shown in the audit', async () => {
    const cycleId = await collect(
      {
        templateId: 'nhiem-vu-chinh-tri-9-thang',
        period: nineMonths(2028),
        issuingBody: HU,
        signer: PBT,
        milestones: ms(2028, '09', 16),
        targets: { THU_NGAN_SACH: 160000 },
      },
      {
        'ubnd-td': { THU_NGAN_SACH: { value: 152300 }, DIEN_TICH_GIEO_TRONG: { value: 6450.5 }, HO_NGHEO_GIAM: { value: 312 } },
        'ca-td': { VU_PHAM_TOI: { value: 18 } },
        'qs-td': { GIAO_QUAN: { value: 165 } },
        [MTTQ]: { TT_BUOI: { value: 80 }, TT_LUOT_NGUOI: { value: 2600 } },
      },
    );
    const draft = await coordinator.call('POST', `/cycles/${cycleId}/report/draft`, {});
    expect(draft.status).toBe(200);
    const body = structuredClone(draft.body.document.body);
    const passage = JSON.stringify(body).includes('Toàn huyện giảm 312 hộ nghèo');
    expect(passage).toBe(true);
    const edited = JSON.parse(JSON.stringify(body).replace('Toàn huyện giảm 312 hộ nghèo', 'Toàn huyện giảm 321 hộ nghèo'));
    expect((await coordinator.call('POST', `/cycles/${cycleId}/report/revisions`, { baseVersion: 1, body: edited })).status).toBe(200);
    expect((await reviewer.call('POST', `/cycles/${cycleId}/advance`, { to: 'commenting' })).status).toBe(200);
    expect((await coordinator.call('POST', `/cycles/${cycleId}/advance`, { to: 'signing' })).status).toBe(200);
    const refused = await signer.call('POST', `/cycles/${cycleId}/report/sign`, { version: 2 });
    expect([refused.status, refused.body.error, refused.body.details.findings.map((f: any) => f.code)]).toEqual([
      409,
      'REPORT_CHECKS_FAILING',
      ['DRAFT_FIGURE_MISMATCH'],
    ]);
    expect(refused.body.messageVi).toBe('Còn 1 lỗi kiểm tra số liệu chưa xử lý; chỉ ký được khi ghi rõ lý do vẫn ký.');
    const reason = 'Số hộ thoát nghèo đã được UBND huyện đính chính bằng văn bản, sẽ cập nhật ở kỳ sau.';
    const signed = await signer.call('POST', `/cycles/${cycleId}/report/sign`, { version: 2, overrideReason: reason });
    expect(signed.status).toBe(200);
    expect(signed.body.document.signature).toEqual({ authority: 'T/M', onBehalfOf: 'HUYỆN ỦY', title: 'PHÓ BÍ THƯ', name: 'Nguyễn Văn A' });
    const audit = (await coordinator.call('GET', `/cycles/${cycleId}/audit`)).body;
    const override = audit.find((e: any) => e.type === 'ReportChecksOverridden');
    expect(override.data).toMatchObject({ version: 2, reason, findings: [{ code: 'DRAFT_FIGURE_MISMATCH' }] });
    expect((await streamEvents(stack.db, `report-${cycleId}`)).map((e) => e.event_type).slice(-2)).toEqual([
      'ReportChecksOverridden',
      'ReportSigned',
    ]);
    await waitForPhase(coordinator, cycleId, 'distributing');
    const numbered = await clerk.call('POST', `/cycles/${cycleId}/report/number`, {});
    expect((await clerk.call('POST', `/cycles/${cycleId}/report/distribute`, {})).status).toBe(200);
    const res = await fetch(`${stack.api.url}/cycles/${cycleId}/report/document.docx`, {
      headers: { authorization: `Bearer ${clerk.token}` },
    });
    const zip = await JSZip.loadAsync(Buffer.from(await res.arrayBuffer()));
    const paragraphs = (await zip.file('word/document.xml')!.async('string'))
      .split('</w:p>')
      .map(xmlText)
      .filter((p) => p !== '');
    for (const line of [
      'ĐẢNG BỘ TỈNH LAI CHÂU',
      'HUYỆN ỦY TAM ĐƯỜNG',
      numbered.body.numbered.numberText,
      today(),
      'tình hình thực hiện nhiệm vụ chính trị 9 tháng năm 2028, nhiệm vụ trọng tâm 3 tháng cuối năm 2028',
      'Phần thứ nhất\nKẾT QUẢ THỰC HIỆN NHIỆM VỤ 9 THÁNG NĂM 2028',
      'II- KINH TẾ - XÃ HỘI, QUỐC PHÒNG - AN NINH',
      '1. Về kinh tế',
      'Thu ngân sách nhà nước trên địa bàn ước đạt 152,3 tỷ đồng (đạt 95,2% kế hoạch).',
      'Tổng diện tích gieo trồng 6.450,5 ha.',
      'Hoàn thành giao quân 165 thanh niên.',
      'Phát hiện 18 vụ phạm tội về trật tự xã hội.',
      'Phần thứ hai\nNHIỆM VỤ TRỌNG TÂM 3 THÁNG CUỐI NĂM 2028',
      'T/M HUYỆN ỦY',
      'PHÓ BÍ THƯ',
      '- Tỉnh ủy Lai Châu (b/c),',
    ])
      expect(paragraphs).toContain(line);
  });
});
