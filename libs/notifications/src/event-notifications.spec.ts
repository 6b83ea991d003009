import {
  distributedUnitIds,
  eventNotificationKey,
  notificationsForEvent,
  uuidFromKey,
  type EventNotificationContext,
  type SourceEvent,
} from './event-notifications';

const URL = 'https://kybaocao.tamduong.vn';
const CYCLE = '0b0e5d1c-2f9b-4c39-9a77-2b9d2e7c1a10';
const NAMES: Record<string, string> = { hlhpn: 'Hội Liên hiệp Phụ nữ huyện Tam Đường', 'du-son-binh': 'Đảng ủy xã Sơn Bình' };
const ctx = (over: Partial<EventNotificationContext> = {}): EventNotificationContext => ({
  publicUrl: URL,
  periodLabel: 'năm 2030',
  issuingBodyName: 'Huyện ủy Tam Đường',
  coordinatorId: 'cv',
  reviewerIds: ['ld1', 'ld2'],
  clerkIds: ['vt'],
  unitName: (id) => NAMES[id] ?? id,
  reportNumber: null,
  ...over,
});
/** 15/12/2030 09:30 in Vietnam. */
const AT = new Date('2030-12-15T02:30:00Z');
const event = (type: string, data: Record<string, unknown>): SourceEvent => ({
  eventId: 'e1',
  type,
  data: { cycleId: CYCLE, ...data },
  recordedAt: AT,
});
const submissionLink = (unit: string) => `${URL}/ui/cycles/${CYCLE}/units/${unit}`;

describe('notificationsForEvent', () => {
  describe('a submission returned', () => {
    it("tells the unit at once, with each section's reason, what to do and the link", () => {
      const out = notificationsForEvent(
        event('SubmissionReturned', {
          unitId: 'hlhpn',
          version: 2,
          reasons: [{ sectionCode: 'II.1', reason: 'Số lượt người chưa khớp.  ' }, { reason: 'Thiếu chữ ký.' }],
        }),
        ctx(),
      );
      expect(out).toEqual([
        {
          recipientType: 'unit',
          recipientId: 'hlhpn',
          kind: 'submission-returned',
          link: submissionLink('hlhpn'),
          subject: '[Trả lại] Báo cáo năm 2030 của Hội Liên hiệp Phụ nữ huyện Tam Đường: đề nghị chỉnh sửa và nộp lại',
          body:
            'Báo cáo năm 2030 (lần nộp thứ 2) của Hội Liên hiệp Phụ nữ huyện Tam Đường đã bị trả lại ngày 15/12/2030. Lý do:\n' +
            '- Mục II.1: Số lượt người chưa khớp.\n' +
            '- Ý kiến chung: Thiếu chữ ký.\n' +
            `Đề nghị đồng chí chỉnh sửa theo các ý kiến trên và nộp lại báo cáo tại: ${submissionLink('hlhpn')}\n` +
            '(Thư gửi tự động vì báo cáo của đơn vị bị trả lại.)',
        },
      ]);
    });
  });

  describe('a submission approved', () => {
    it('tells the unit that nothing more is needed', () => {
      const [n] = notificationsForEvent(event('SubmissionApproved', { unitId: 'du-son-binh', version: 1 }), ctx());
      expect(n).toMatchObject({
        recipientType: 'unit',
        recipientId: 'du-son-binh',
        kind: 'submission-approved',
        subject: '[Đã duyệt] Báo cáo năm 2030 của Đảng ủy xã Sơn Bình',
      });
      expect(n.body).toContain('đã được duyệt ngày 15/12/2030');
      expect(n.body).toContain(submissionLink('du-son-binh'));
    });
  });

  describe('a submission awaiting review', () => {
    it('goes to every reviewer of the office; a resubmission says so, a late one says by how much', () => {
      const out = notificationsForEvent(
        event('SubmissionSubmitted', {
          unitId: 'hlhpn',
          version: 2,
          resubmission: true,
          late: true,
          daysLate: 3,
          deadline: '2030-12-12',
        }),
        ctx(),
      );
      expect(out.map((n) => [n.recipientType, n.recipientId, n.kind, n.subject])).toEqual([
        ['user', 'ld1', 'submission-awaiting-review', '[Chờ thẩm định] Hội Liên hiệp Phụ nữ huyện Tam Đường đã nộp lại báo cáo năm 2030'],
        ['user', 'ld2', 'submission-awaiting-review', '[Chờ thẩm định] Hội Liên hiệp Phụ nữ huyện Tam Đường đã nộp lại báo cáo năm 2030'],
      ]);
      expect(out[0].body.split('\n')[0]).toBe(
        'Hội Liên hiệp Phụ nữ huyện Tam Đường đã nộp lại báo cáo năm 2030 (lần nộp thứ 2) ngày 15/12/2030, trễ 3 ngày so với hạn nộp 12/12/2030.',
      );
      expect(out[0].link).toBe(submissionLink('hlhpn'));
    });
    it('goes to the coordinator when the office has no reviewer', () => {
      const out = notificationsForEvent(
        event('SubmissionSubmitted', { unitId: 'hlhpn', version: 1, resubmission: false, late: false, daysLate: 0 }),
        ctx({ reviewerIds: [] }),
      );
      expect(out.map((n) => [n.recipientId, n.subject])).toEqual([
        ['cv', '[Chờ thẩm định] Hội Liên hiệp Phụ nữ huyện Tam Đường đã nộp báo cáo năm 2030'],
      ]);
      expect(out[0].body).not.toContain('trễ');
    });
  });

  describe('a deadline extended', () => {
    it('tells the unit its new deadline and why', () => {
      const [n] = notificationsForEvent(
        event('UnitDeadlineExtended', {
          unitId: 'du-son-binh',
          previousDeadline: '2030-12-16',
          newDeadline: '2030-12-20',
          reason: 'Đơn vị tổ chức Đại hội.',
        }),
        ctx(),
      );
      expect(n.subject).toBe('[Gia hạn] Báo cáo năm 2030: hạn nộp mới của Đảng ủy xã Sơn Bình là 20/12/2030');
      expect(n.body.split('\n')[0]).toBe(
        'Hạn nộp báo cáo năm 2030 của Đảng ủy xã Sơn Bình được gia hạn từ ngày 16/12/2030 đến hết ngày 20/12/2030. Lý do: Đơn vị tổ chức Đại hội.',
      );
    });
  });

  describe('the report signed', () => {
    it('asks the coordinator and the clerks to number and issue it (each once)', () => {
      const out = notificationsForEvent(
        event('ReportSigned', {
          version: 3,
          signedAt: '2030-12-27T03:00:00Z',
          signature: { authority: 'T/M', onBehalfOf: 'BAN THƯỜNG VỤ', title: 'PHÓ BÍ THƯ', name: 'Nguyễn Văn A' },
        }),
        ctx({ clerkIds: ['vt', 'cv'] }),
      );
      expect(out.map((n) => [n.recipientType, n.recipientId, n.kind])).toEqual([
        ['user', 'cv', 'report-signed'],
        ['user', 'vt', 'report-signed'],
      ]);
      expect(out[0].subject).toBe('[Chờ cấp số, phát hành] Báo cáo năm 2030 đã được ký');
      expect(out[0].body.split('\n')[0]).toBe(
        'Báo cáo năm 2030 (dự thảo lần 3) đã được ký ngày 27/12/2030: T/M BAN THƯỜNG VỤ, PHÓ BÍ THƯ Nguyễn Văn A. Nội dung văn bản đã khóa.',
      );
      expect(out[0].link).toBe(`${URL}/ui/cycles/${CYCLE}/report`);
    });
  });

  describe('the report distributed', () => {
    it('tells each recipient unit once, with the number and the purpose', () => {
      const out = notificationsForEvent(
        event('ReportDistributed', {
          version: 3,
          recipients: [
            { unitId: 'hlhpn', line: 'MTTQ và các đoàn thể', purpose: 'đ/b' },
            { unitId: 'du-son-binh', line: 'Các đảng ủy xã' },
            { unitId: 'hlhpn', line: 'x' },
          ],
        }),
        ctx({ reportNumber: { numberText: 'Số 07-BC/HU', date: '2030-12-28' } }),
      );
      expect(out.map((n) => [n.recipientType, n.recipientId, n.subject])).toEqual([
        ['unit', 'hlhpn', '[Văn bản đến] Báo cáo năm 2030 (Số 07-BC/HU) của Huyện ủy Tam Đường'],
        ['unit', 'du-son-binh', '[Văn bản đến] Báo cáo năm 2030 (Số 07-BC/HU) của Huyện ủy Tam Đường'],
      ]);
      expect(out[0].body.split('\n')[0]).toBe(
        'Huyện ủy Tam Đường đã phát hành báo cáo năm 2030, Số 07-BC/HU ngày 28/12/2030 và gửi đến Hội Liên hiệp Phụ nữ huyện Tam Đường (để biết).',
      );
    });
    it('reads unit ids from data.recipients[].unitId or a plain list', () => {
      expect(distributedUnitIds({ recipients: [{ unitId: 'a', purpose: 't/d' }, { line: 'no unit' }, 'b'] })).toEqual([
        { unitId: 'a', purpose: 't/d' },
        { unitId: 'b' },
      ]);
      expect(distributedUnitIds({ unitIds: ['x', 'x', 'y'] })).toEqual([{ unitId: 'x' }, { unitId: 'y' }]);
      expect(distributedUnitIds(null)).toEqual([]);
    });
  });

  it('says nothing about other events, or events without a cycle', () => {
    expect(notificationsForEvent(event('SubmissionDraftSaved', { unitId: 'hlhpn' }), ctx())).toEqual([]);
    expect(
      notificationsForEvent({ ...event('SubmissionApproved', { unitId: 'hlhpn', version: 1 }), data: { unitId: 'hlhpn' } }, ctx()),
    ).toEqual([]);
  });

  it('writes NFC text even from NFD input', () => {
    const [n] = notificationsForEvent(
      event('SubmissionReturned', { unitId: 'hlhpn', version: 1, reasons: [{ reason: 'Thiếu số liệu'.normalize('NFD') }] }),
      ctx({ periodLabel: 'năm 2030'.normalize('NFD') }),
    );
    expect(n.body).toBe(n.body.normalize('NFC'));
    expect(n.subject).toBe(n.subject.normalize('NFC'));
    expect(n.body).toContain('- Ý kiến chung: Thiếu số liệu\n');
  });
});

describe('keys', () => {
  it('derive one dedupe key per (event, kind, recipient) and stable UUIDs', () => {
    expect(eventNotificationKey('e1', { kind: 'submission-returned', recipientType: 'unit', recipientId: 'hlhpn' })).toBe(
      'event:e1:submission-returned:unit:hlhpn',
    );
    expect(uuidFromKey('a')).toBe(uuidFromKey('a'));
    expect(uuidFromKey('a')).not.toBe(uuidFromKey('b'));
    expect(uuidFromKey('a')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
