import { consolidate } from '../consolidation/consolidate';
import type { ApprovedSubmission } from '../consolidation/consolidation.model';
import type { OfficialDocument } from '../document/document.model';
import { sourcesOf } from '../document/figure-sources';
import { catchDomainError } from '../shared/domain-error';
import { runDecider } from '../shared/decider';
import { DAN_VAN_ANNUAL_TEMPLATE } from '../templates/dan-van-annual.template';
import { buildDraft } from './draft-builder';
import { decideRegister, evolveRegister, registerDecider, registerKeyFor, registerStreamId, type RegisterState } from './number-register';
import { diffPassages, passagesOf } from './passages';
import { issuedDocument, reportDecider } from './report.decider';
import type { ReportCommand, ReportEvent } from './report.model';

const CYCLE = '6f1c1a52-0000-4000-8000-000000000001';
const office = { userId: 'u-cv', name: 'Chuyên viên Ban Dân vận' };
const standing = { userId: 'u-tt', name: 'Thường trực' };
const signer = { userId: 'u-btv', name: 'Cao Trang Trọng' };
const clerk = { userId: 'u-vt', name: 'Văn thư' };
const unitUser = { userId: 'u-hnd', name: 'Cán bộ Hội Nông dân' };
const T = (d: string) => `2026-12-${d}T03:00:00.000Z`;

const submissions: ApprovedSubmission[] = [
  {
    unitId: 'hlhpn',
    unitName: 'Hội LHPN',
    unitKind: 'HLHPN',
    figures: { TT_BUOI: { value: 120 }, TT_LUOT_NGUOI: { value: 5400, qualifier: 'tren' }, HV_KET_NAP: { value: 215 } },
    sourceEventId: 'evt-hlhpn',
    sourcePosition: '41',
  },
  {
    unitId: 'hnd',
    unitName: 'Hội Nông dân',
    unitKind: 'HND',
    figures: { TT_BUOI: { value: 85 }, TT_LUOT_NGUOI: { value: 2150 }, HV_KET_NAP: { value: 97 } },
    sourceEventId: 'evt-hnd',
    sourcePosition: '57',
  },
];

function draft(): OfficialDocument {
  const consolidation = consolidate({
    template: DAN_VAN_ANNUAL_TEMPLATE,
    submissions,
    unitOrder: ['hlhpn', 'hnd'],
    previous: { totals: { TT_BUOI: { value: 200 } } },
  });
  return buildDraft({
    header: {
      scheme: 'party',
      issuingBody: 'HUYỆN ỦY TAM ĐƯỜNG',
      bodySymbol: 'HU',
      typeCode: 'BC',
      place: 'Tam Đường',
      title: 'tổng kết công tác dân vận năm 2026',
      draftYear: 2026,
    },
    template: DAN_VAN_ANNUAL_TEMPLATE,
    consolidation,
    narratives: [{ unitId: 'hnd', unitName: 'Hội Nông dân', narrative: { 'III.2': 'Một số chi hội sinh hoạt chưa đều.' } }],
    signature: { authority: 'T/M', onBehalfOf: 'BAN THƯỜNG VỤ', title: 'PHÓ BÍ THƯ', name: 'Cao Trang Trọng' },
    recipients: [
      { name: 'Ban Dân vận Tỉnh ủy', purpose: 'b/c' },
      { name: 'MTTQ và các đoàn thể huyện', purpose: 't/d', unitIds: ['hlhpn', 'hnd'] },
    ],
    archive: ['Văn phòng Huyện ủy'],
  });
}

const drafted = (): ReportEvent => ({
  type: 'ReportDrafted',
  data: { cycleId: CYCLE, version: 1, document: draft(), at: T('20'), by: office },
});
const run = (given: ReportEvent[], command: ReportCommand) => runDecider(reportDecider, given, command);

describe('buildDraft', () => {
  const doc = draft();
  const passages = passagesOf(doc);
  it('fills the template skeleton with totals, the comparison and the per-unit breakdown as a footnote', () => {
    expect(doc.body.map((s) => s.heading)).toEqual([
      'I- ĐẶC ĐIỂM TÌNH HÌNH',
      'II- KẾT QUẢ THỰC HIỆN',
      'III- ĐÁNH GIÁ CHUNG',
      'IV- NHIỆM VỤ TRỌNG TÂM NĂM TỚI',
      'V- KIẾN NGHỊ, ĐỀ XUẤT',
    ]);
    const sessions = doc.body[1].sections![0].paragraphs[0];
    expect(sessions.runs[0].text).toBe(
      'MTTQ và các đoàn thể các cấp đã phối hợp tổ chức 205 buổi tuyên truyền cho trên 7.550 lượt người (tăng 05 buổi, bằng 102,5% so với cùng kỳ)',
    );
    expect(sessions.runs[0].footnote).toBe(
      'Hội LHPN các cấp tổ chức 120 buổi tuyên truyền cho trên 5.400 lượt người; Hội Nông dân các cấp tổ chức 85 buổi tuyên truyền cho 2.150 lượt người.',
    );
  });
  it('links every figure run to the submission events it sums', () => {
    const sessions = doc.body[1].sections![0].paragraphs[0].runs[0];
    // Runs cite indicators by code; the document lists each source once and, per code, the ones it sums.
    expect(sessions.provenance).toEqual({ indicators: [{ code: 'TT_BUOI' }, { code: 'TT_LUOT_NGUOI' }] });
    const both = [
      { unitId: 'hlhpn', sourceEventId: 'evt-hlhpn', sourcePosition: '41' },
      { unitId: 'hnd', sourceEventId: 'evt-hnd', sourcePosition: '57' },
    ];
    expect(sourcesOf(doc.figureSources, { code: 'TT_BUOI' })).toEqual(both);
    expect(sourcesOf(doc.figureSources, { code: 'TT_LUOT_NGUOI' })).toEqual(both);
    expect(doc.figureSources!.sources.filter((s) => s.unitId === 'hlhpn')).toHaveLength(1);
  });
  it('states a figure once: an indicator named by an earlier sentence gets no sentence of its own', () => {
    const texts = passages.filter((p) => p.kind === 'paragraph').map((p) => p.text);
    expect(texts.filter((t) => t.includes('lượt người'))).toEqual([
      'MTTQ và các đoàn thể các cấp đã phối hợp tổ chức 205 buổi tuyên truyền cho trên 7.550 lượt người (tăng 05 buổi, bằng 102,5% so với cùng kỳ).',
    ]);
    expect(doc.body[1].sections![0].paragraphs).toHaveLength(1);
  });
  it("puts each unit's narrative under its section, and gives every passage an id", () => {
    expect(passages.find((p) => p.text === 'Hội Nông dân: Một số chi hội sinh hoạt chưa đều.')?.id).toBe('s3.2/p1');
    expect(passages.find((p) => p.id === 's2.4/p1')?.text).toBe('Kết nạp mới 312 hội viên.');
    expect(new Set(passages.map((p) => p.id)).size).toBe(passages.length);
  });
});

describe('diffPassages', () => {
  it('reports an edited sentence as a change with word-level detail, and added / removed passages', () => {
    const before = passagesOf(draft());
    const edited = draft();
    edited.body[1].sections![3].paragraphs[0].runs[0].text = 'Kết nạp mới 320 hội viên';
    edited.body[4].paragraphs.push({ runs: [{ text: 'Đề nghị Tỉnh ủy quan tâm hỗ trợ kinh phí.' }] });
    edited.recipients = edited.recipients.slice(1);
    const changes = diffPassages(before, passagesOf(edited));
    // The new paragraph takes the place of the first Nơi nhận line: removed, then added (kinds differ: not a change).
    expect(changes.map((c) => c.kind)).toEqual(['changed', 'removed', 'added']);
    const changed = changes[0] as Extract<(typeof changes)[number], { kind: 'changed' }>;
    expect(changed.from.text).toBe('Kết nạp mới 312 hội viên.');
    expect(changed.to.text).toBe('Kết nạp mới 320 hội viên.');
    expect(changed.words.filter((w) => w.removed || w.added)).toEqual([
      { value: '312', removed: true },
      { value: '320', added: true },
    ]);
    expect(changes[2]).toEqual({
      kind: 'added',
      to: { id: 's5/p1', kind: 'paragraph', text: 'Đề nghị Tỉnh ủy quan tâm hỗ trợ kinh phí.' },
    });
    expect(changes[1]).toEqual({ kind: 'removed', from: { id: 'r1', kind: 'recipient', text: 'Ban Dân vận Tỉnh ủy (b/c)' } });
  });
  it('is empty between identical versions', () => {
    expect(diffPassages(passagesOf(draft()), passagesOf(draft()))).toEqual([]);
  });
});

describe('report decider', () => {
  const revised = (): ReportEvent => {
    const doc = draft();
    doc.title = 'tổng kết công tác dân vận năm 2026, nhiệm vụ trọng tâm năm 2027';
    return { type: 'ReportRevised', data: { cycleId: CYCLE, version: 2, basedOn: 1, document: doc, at: T('21'), by: office } };
  };
  const comment: ReportEvent = {
    type: 'ReportCommentAdded',
    data: {
      cycleId: CYCLE,
      commentId: 'c1',
      version: 1,
      anchor: { passageId: 's2.4/p1', quote: '312 hội viên' },
      text: 'Kiểm tra lại số hội viên kết nạp.',
      at: T('22'),
      by: standing,
    },
  };
  const resolved: ReportEvent = {
    type: 'ReportCommentResolved',
    data: { cycleId: CYCLE, commentId: 'c1', inVersion: 2, at: T('23'), by: office },
  };
  const signature = { authority: 'T/M' as const, onBehalfOf: 'BAN THƯỜNG VỤ', title: 'PHÓ BÍ THƯ', name: 'Cao Trang Trọng' };
  const signed: ReportEvent = { type: 'ReportSigned', data: { cycleId: CYCLE, version: 2, signature, signedAt: T('24'), by: signer } };
  const numbered: ReportEvent = {
    type: 'ReportNumbered',
    data: { cycleId: CYCLE, version: 2, number: 7, numberText: 'Số 07-BC/HU', date: '2026-12-25', at: T('25'), by: clerk },
  };

  it('revises only on top of the latest version', () => {
    const ok = run([drafted()], {
      type: 'ReviseReport',
      data: { baseVersion: 1, change: { title: 'tổng kết năm 2026' }, note: ' sửa trích yếu ', at: T('21'), by: office },
    });
    expect(ok.events[0]).toMatchObject({ type: 'ReportRevised', data: { version: 2, basedOn: 1, note: 'sửa trích yếu' } });
    expect(ok.state.versions.map((v) => v.document.title)).toEqual(['tổng kết công tác dân vận năm 2026', 'tổng kết năm 2026']);
    const stale = catchDomainError(() =>
      run([drafted(), revised()], { type: 'ReviseReport', data: { baseVersion: 1, change: { title: 'x' }, at: T('22'), by: office } }),
    );
    expect([stale.code, stale.httpStatus, stale.details]).toEqual(['REPORT_VERSION_STALE', 409, { baseVersion: 1, latestVersion: 2 }]);
    expect(
      catchDomainError(() => run([drafted()], { type: 'ReviseReport', data: { baseVersion: 1, change: {}, at: T('21'), by: office } }))
        .code,
    ).toBe('REPORT_REVISION_EMPTY');
  });

  it('anchors a comment to a passage of a version, and refuses unknown passages and quotes not in the passage', () => {
    const ok = run([drafted()], {
      type: 'AddComment',
      data: {
        commentId: 'c1',
        version: 1,
        anchor: { passageId: 's2.4/p1', quote: '312 hội viên' },
        text: '  Kiểm tra lại  số hội viên kết nạp. ',
        at: T('22'),
        by: standing,
      },
    });
    expect(ok.state.comments).toEqual([
      {
        commentId: 'c1',
        version: 1,
        anchor: { passageId: 's2.4/p1', quote: '312 hội viên' },
        text: 'Kiểm tra lại số hội viên kết nạp.',
        author: standing,
        at: T('22'),
        status: 'open',
      },
    ]);
    const add = (anchor: { passageId: string; quote?: string }, version = 1) =>
      catchDomainError(() =>
        run([drafted()], { type: 'AddComment', data: { commentId: 'c2', version, anchor, text: 'x', at: T('22'), by: standing } }),
      ).code;
    expect(add({ passageId: 's9/p1' })).toBe('REPORT_PASSAGE_UNKNOWN');
    expect(add({ passageId: 's2.4/p1', quote: '999 hội viên' })).toBe('REPORT_QUOTE_NOT_IN_PASSAGE');
    expect(add({ passageId: 's2.4/p1' }, 3)).toBe('REPORT_VERSION_UNKNOWN');
  });

  it('signs only the latest version with no open comment; the signed version is frozen', () => {
    const open = catchDomainError(() =>
      run([drafted(), comment, revised()], { type: 'SignReport', data: { version: 2, signature, at: T('24'), by: signer } }),
    );
    expect([open.code, open.messageVi]).toEqual(['REPORT_COMMENTS_OPEN', 'Còn 1 ý kiến của Thường trực chưa được xử lý.']);
    expect(
      catchDomainError(() =>
        run([drafted(), comment, revised(), resolved], { type: 'SignReport', data: { version: 1, signature, at: T('24'), by: signer } }),
      ).code,
    ).toBe('REPORT_VERSION_STALE');
    const ok = run([drafted(), comment, revised(), resolved], {
      type: 'SignReport',
      data: { version: 2, signature, at: T('24'), by: signer },
    });
    expect(ok.state.status).toBe('signed');
    expect(ok.state.versions[1].document.signedAt).toBe(T('24'));
    for (const after of [[signed], [signed, numbered]]) {
      const edit = catchDomainError(() =>
        run([drafted(), comment, revised(), resolved, ...after], {
          type: 'ReviseReport',
          data: { baseVersion: 2, change: { title: 'x' }, at: T('26'), by: office },
        }),
      );
      expect([edit.code, edit.httpStatus]).toEqual(['DOCUMENT_SIGNED', 409]);
    }
    const wrongAuthority = catchDomainError(() =>
      run([drafted()], {
        type: 'SignReport',
        data: { version: 1, signature: { ...signature, authority: 'TM.' }, at: T('24'), by: signer },
      }),
    );
    expect(wrongAuthority.code).toBe('DOCUMENT_INVALID');
  });

  it('refuses to sign while an error-level check fails; an override reason is recorded before the signature', () => {
    const blockingFindings = [
      { code: 'DRAFT_FIGURE_MISMATCH', messageVi: 'Số liệu "Số buổi tuyên truyền" trong dự thảo không khớp tổng hợp.' },
    ];
    const refused = catchDomainError(() =>
      run([drafted()], { type: 'SignReport', data: { version: 1, signature, at: T('24'), by: signer, blockingFindings } }),
    );
    expect([refused.code, refused.httpStatus, refused.details]).toEqual([
      'REPORT_CHECKS_FAILING',
      409,
      { findings: blockingFindings, findingsTotal: 1 },
    ]);
    // One failing check per unit of a national cycle: the refusal counts them, lists the first 50, names each code once.
    const many = Array.from({ length: 2000 }, (_, k) => ({ code: 'R_GS', messageVi: `Đơn vị số ${k + 1}: số đơn vị ít hơn số cuộc.` }));
    const national = catchDomainError(() =>
      run([drafted()], { type: 'SignReport', data: { version: 1, signature, at: T('24'), by: signer, blockingFindings: many } }),
    );
    expect(national.details).toEqual({ findings: many.slice(0, 50), findingsTotal: 2000 });
    expect(national.message).toBe('2000 error-level check(s) fail: R_GS');
    expect(national.messageVi).toBe('Còn 2.000 lỗi kiểm tra số liệu chưa xử lý; chỉ ký được khi ghi rõ lý do vẫn ký.');
    expect(
      catchDomainError(() =>
        run([drafted()], {
          type: 'SignReport',
          data: { version: 1, signature, at: T('24'), by: signer, blockingFindings, overrideReason: '   ' },
        }),
      ).code,
    ).toBe('REPORT_CHECKS_FAILING');
    const ok = run([drafted()], {
      type: 'SignReport',
      data: { version: 1, signature, at: T('24'), by: signer, blockingFindings, overrideReason: 'Đã đối chiếu với đơn vị.' },
    });
    expect(ok.events.map((e) => e.type)).toEqual(['ReportChecksOverridden', 'ReportSigned']);
    expect(ok.events[0].data).toMatchObject({
      version: 1,
      reason: 'Đã đối chiếu với đơn vị.',
      findings: blockingFindings,
      findingsTotal: 1,
    });
    // Overriding a national cycle's 2,000 failing checks records the first 50 and their number.
    const overridden = run([drafted()], {
      type: 'SignReport',
      data: { version: 1, signature, at: T('24'), by: signer, blockingFindings: many, overrideReason: 'Đã đối chiếu với đơn vị.' },
    });
    expect(overridden.events[0].data).toMatchObject({ findings: many.slice(0, 50), findingsTotal: 2000 });
    expect(ok.state.status).toBe('signed');
    expect(
      run([drafted()], { type: 'SignReport', data: { version: 1, signature, at: T('24'), by: signer, blockingFindings: [] } }).events.map(
        (e) => e.type,
      ),
    ).toEqual(['ReportSigned']);
  });

  it('numbers a signed report once, with a date of issue not before the signature', () => {
    const given = [drafted(), comment, revised(), resolved, signed];
    expect(
      catchDomainError(() =>
        run([drafted()], {
          type: 'NumberReport',
          data: { number: 7, numberText: 'Số 07-BC/HU', date: '2026-12-25', at: T('25'), by: clerk },
        }),
      ).code,
    ).toBe('DOCUMENT_NOT_SIGNED');
    expect(
      catchDomainError(() =>
        run(given, { type: 'NumberReport', data: { number: 7, numberText: 'Số 07-BC/HU', date: '2026-12-23', at: T('25'), by: clerk } }),
      ).code,
    ).toBe('DOCUMENT_DATE_BEFORE_SIGNING');
    const ok = run(given, {
      type: 'NumberReport',
      data: { number: 7, numberText: 'Số 07-BC/HU', date: '2026-12-25', at: T('25'), by: clerk },
    });
    expect(issuedDocument(ok.state)).toMatchObject({ number: { number: 7, scheme: 'party' }, date: '2026-12-25', signedAt: T('24') });
    expect(
      catchDomainError(() =>
        run([...given, numbered], {
          type: 'NumberReport',
          data: { number: 8, numberText: 'Số 08-BC/HU', date: '2026-12-25', at: T('25'), by: clerk },
        }),
      ).code,
    ).toBe('DOCUMENT_ALREADY_NUMBERED');
  });

  it('distributes to the registry units of Nơi nhận, records receipts once, and refuses receipts after a recall', () => {
    const given = [drafted(), comment, revised(), resolved, signed, numbered];
    const out = run(given, { type: 'DistributeReport', data: { at: T('26'), by: clerk } });
    expect(out.events.map((e) => e.type)).toEqual(['ReportDistributed', 'ReportDelivered', 'ReportDelivered']);
    expect(out.state.distribution!.deliveries.map((d) => [d.unitId, d.line, d.purpose])).toEqual([
      ['hlhpn', 'MTTQ và các đoàn thể huyện', 't/d'],
      ['hnd', 'MTTQ và các đoàn thể huyện', 't/d'],
    ]);
    const distributed = [...given, ...out.events];
    const ack = run(distributed, { type: 'AcknowledgeReceipt', data: { unitId: 'hnd', at: T('27'), by: unitUser } });
    expect(ack.state.distribution!.deliveries.find((d) => d.unitId === 'hnd')).toMatchObject({
      acknowledgedAt: T('27'),
      acknowledgedBy: unitUser,
    });
    expect(
      catchDomainError(() =>
        run([...distributed, ...ack.events], { type: 'AcknowledgeReceipt', data: { unitId: 'hnd', at: T('28'), by: unitUser } }),
      ).code,
    ).toBe('REPORT_RECEIPT_ALREADY_ACKNOWLEDGED');
    expect(
      catchDomainError(() => run(distributed, { type: 'AcknowledgeReceipt', data: { unitId: 'mttq', at: T('28'), by: unitUser } })).code,
    ).toBe('REPORT_NOT_ADDRESSED');
    const recall = run(distributed, { type: 'RecallReport', data: { reason: ' Sai số liệu  mục II.4 ', at: T('28'), by: clerk } });
    expect(recall.state.recall).toEqual({ reason: 'Sai số liệu mục II.4', at: T('28'), by: clerk });
    expect(
      catchDomainError(() =>
        run([...distributed, ...recall.events], { type: 'AcknowledgeReceipt', data: { unitId: 'hlhpn', at: T('29'), by: unitUser } }),
      ).code,
    ).toBe('REPORT_RECALLED');
    expect(catchDomainError(() => run(distributed, { type: 'RecallReport', data: { reason: '  ', at: T('28'), by: clerk } })).code).toBe(
      'REPORT_RECALL_REASON_REQUIRED',
    );
  });

  it('writes one ReportDelivered per unit ReportDistributed names and one receipt per confirming unit', () => {
    // What a reader's read counts the distribution by without reading the deliveries (apps/api/src/reports/report-read.ts,
    // readForReader): the stream's version = the other events + the recipients + the receipts.
    const given = [drafted(), comment, revised(), resolved, signed, numbered];
    const sent = run(given, { type: 'DistributeReport', data: { at: T('26'), by: clerk } });
    const distributed = sent.events.find((e) => e.type === 'ReportDistributed')!;
    const recipients = distributed.type === 'ReportDistributed' ? distributed.data.recipients.map((r) => r.unitId) : [];
    expect(sent.events.filter((e) => e.type === 'ReportDelivered').map((e) => (e.data as { unitId: string }).unitId)).toEqual(recipients);
    const ack = run([...given, ...sent.events], { type: 'AcknowledgeReceipt', data: { unitId: 'hnd', at: T('27'), by: unitUser } });
    expect(ack.events.map((e) => e.type)).toEqual(['ReportReceiptAcknowledged']);
    const recalled = run([...given, ...sent.events, ...ack.events], {
      type: 'RecallReport',
      data: { reason: 'Sai số liệu', at: T('28'), by: clerk },
    });
    const stream = [...given, ...sent.events, ...ack.events, ...recalled.events];
    const others = stream.filter((e) => e.type !== 'ReportDelivered' && e.type !== 'ReportReceiptAcknowledged').length;
    const acknowledged = recalled.state.distribution!.deliveries.filter((d) => d.acknowledgedAt).length;
    expect([stream.length - others - recipients.length, acknowledged]).toEqual([1, 1]);
  });

  it('lets the clerk finalise Nơi nhận after signing: the body stays frozen, the issued document and distribution follow the amendment', () => {
    const given = [drafted(), comment, revised(), resolved, signed];
    const amend = (over: Partial<{ recipients: any[]; archive: string[]; reason: string }> = {}) => ({
      type: 'AmendRecipients' as const,
      data: {
        recipients: [
          { name: 'Ban Dân vận Tỉnh ủy', purpose: 'b/c' as const },
          { name: ' Sở  Nội vụ ', purpose: 'b/c' as const },
          { name: 'Hội Nông dân huyện', purpose: 't/d' as const, unitIds: ['hnd', 'hnd'] },
        ],
        archive: ['Văn phòng Huyện ủy'],
        at: T('25'),
        by: clerk,
        ...over,
      },
    });
    expect(catchDomainError(() => run([drafted()], amend())).code).toBe('DOCUMENT_NOT_SIGNED');
    const out = run([...given, numbered], amend({ reason: 'Bổ sung Sở Nội vụ' }));
    expect(out.events).toEqual([
      {
        type: 'ReportRecipientsAmended',
        data: {
          cycleId: CYCLE,
          version: 2,
          archive: ['Văn phòng Huyện ủy'],
          reason: 'Bổ sung Sở Nội vụ',
          at: T('25'),
          by: clerk,
          recipients: [
            { name: 'Ban Dân vận Tỉnh ủy', purpose: 'b/c' },
            { name: 'Sở Nội vụ', purpose: 'b/c' },
            { name: 'Hội Nông dân huyện', purpose: 't/d', unitIds: ['hnd'] },
          ],
        },
      },
    ]);
    const doc = issuedDocument(out.state)!;
    expect(doc.recipients.map((r) => r.name)).toEqual(['Ban Dân vận Tỉnh ủy', 'Sở Nội vụ', 'Hội Nông dân huyện']);
    expect(doc.number.number).toBe(7);
    expect(doc.body).toEqual(out.state.versions[1].document.body);
    expect(out.state.versions[1].document.recipients.map((r) => r.name)).toEqual(['Ban Dân vận Tỉnh ủy', 'MTTQ và các đoàn thể huyện']);
    const sent = run([...given, numbered, ...out.events], { type: 'DistributeReport', data: { at: T('26'), by: clerk } });
    expect(sent.state.distribution!.deliveries.map((d) => [d.unitId, d.line, d.purpose])).toEqual([['hnd', 'Hội Nông dân huyện', 't/d']]);
    expect(catchDomainError(() => run([...given, numbered, ...sent.events], amend())).code).toBe('REPORT_ALREADY_DISTRIBUTED');
    expect(catchDomainError(() => run(given, amend({ recipients: [{ name: '   ' }] }))).code).toBe('RECIPIENT_LINE_REQUIRED');
    expect(catchDomainError(() => run(given, amend({ recipients: [{ name: 'x'.repeat(201) }] }))).code).toBe('RECIPIENT_LINE_TOO_LONG');
    expect(catchDomainError(() => run(given, amend({ recipients: [{ name: 'Sở Nội vụ', purpose: 'k/g' }] }))).code).toBe(
      'RECIPIENT_PURPOSE_UNKNOWN',
    );
    expect(
      catchDomainError(() => run(given, amend({ recipients: Array.from({ length: 101 }, (_, i) => ({ name: `Nơi ${i}` })) }))).code,
    ).toBe('RECIPIENT_LINES_TOO_MANY');
    expect(catchDomainError(() => run(given, amend({ archive: [] }))).code).toBe('ARCHIVE_LINE_INVALID');
    expect(run(given, amend({ recipients: [{ name: 'Sở Nội vu\u0323' }] })).events[0].data).toMatchObject({
      recipients: [{ name: 'Sở Nội vụ' }],
    });
  });
});

describe('numbering register', () => {
  const terms = [
    { fromYear: 2020, toYear: 2025, startsOn: '2020-08-01', endsOn: '2025-07-31' },
    { fromYear: 2025, toYear: 2030, startsOn: '2025-08-01' },
  ];
  const issue = (state: RegisterState, documentId: string, date: string, key = registerKeyFor('party', 'HU', 'BC', date, terms)) => {
    const events = decideRegister({ type: 'IssueNumber', data: { key, documentId, date, at: `${date}T02:00:00.000Z` } }, state);
    return { events, state: events.reduce(evolveRegister, state) };
  };

  it('numbers a Party document from 01 per term, across a calendar year inside the term, and again from 01 after the congress', () => {
    let old = registerDecider.initialState();
    for (const [doc, date] of [
      ['a', '2024-12-30'],
      ['b', '2025-01-05'],
      ['c', '2025-07-31'],
    ] as const)
      old = issue(old, doc, date).state;
    expect(old.issued.map((i) => [i.number, i.numberText])).toEqual([
      [1, 'Số 01-BC/HU'],
      [2, 'Số 02-BC/HU'],
      [3, 'Số 03-BC/HU'],
    ]);
    expect(registerStreamId(registerKeyFor('party', 'HU', 'BC', '2025-07-31', terms))).toBe('register-party:HU:BC:2020-2025');
    expect(registerStreamId(registerKeyFor('party', 'HU', 'BC', '2025-08-01', terms))).toBe('register-party:HU:BC:2025-2030');
    const fresh = issue(registerDecider.initialState(), 'd', '2025-08-01');
    expect(fresh.events[0].data).toMatchObject({ number: 1, numberText: 'Số 01-BC/HU', period: 'nhiệm kỳ 2025 - 2030' });
  });

  it('numbers a state document from 01 each calendar year', () => {
    const key = (date: string) => registerKeyFor('state', 'MTTQ-BTT', 'BC', date, []);
    let y2026 = registerDecider.initialState();
    y2026 = issue(y2026, 'a', '2026-12-30', key('2026-12-30')).state;
    y2026 = issue(y2026, 'b', '2026-12-31', key('2026-12-31')).state;
    expect(y2026.issued.map((i) => i.numberText)).toEqual(['Số: 01/BC-MTTQ-BTT', 'Số: 02/BC-MTTQ-BTT']);
    expect(registerStreamId(key('2027-01-02'))).toBe('register-state:MTTQ-BTT:BC:2027');
    expect(issue(registerDecider.initialState(), 'c', '2027-01-02', key('2027-01-02')).events[0].data.number).toBe(1);
    const wrongYear = catchDomainError(() => issue(y2026, 'c', '2027-01-02', key('2026-12-31')));
    expect(wrongYear.code).toBe('NUMBER_REGISTER_PERIOD_MISMATCH');
  });

  it('gives a document the number it already has when asked again, and refuses a date outside every term', () => {
    const once = issue(registerDecider.initialState(), 'a', '2026-03-02');
    expect(issue(once.state, 'a', '2026-03-03').events).toEqual([]);
    expect(catchDomainError(() => registerKeyFor('party', 'HU', 'BC', '2019-05-01', terms)).code).toBe('PARTY_TERM_UNKNOWN');
  });
});
