import { AUDIT_KIND_KEYS, AUDIT_KINDS, describeEvent, kindOf, KIND_LABELS_VI } from './audit-describe';

describe('the audit timeline in Vietnamese', () => {
  it('tells each event in words, with dates as dd/mm/yyyy and phases by their Vietnamese names', () => {
    expect(
      describeEvent('CycleOpened', {
        period: { label: 'năm 2027' },
        units: [{}, {}, {}],
        milestones: { submissionDeadline: '2027-12-16' },
      }),
    ).toBe('Mở kỳ báo cáo năm 2027 cho 3 đơn vị, hạn nộp 16/12/2027');
    expect(describeEvent('CyclePhaseAdvanced', { from: 'commenting', to: 'signing' })).toBe(
      'Chuyển giai đoạn từ "Thường trực cho ý kiến" sang "ký ban hành"',
    );
    expect(describeEvent('UnitDeadlineExtended', { previousDeadline: '2027-12-16', newDeadline: '2027-12-20', reason: 'Đại hội.' })).toBe(
      'Gia hạn nộp từ 16/12/2027 đến 20/12/2027. Lý do: Đại hội.',
    );
    expect(describeEvent('SubmissionSubmitted', { version: 2, resubmission: true, late: true, daysLate: 3 })).toBe(
      'Nộp lại báo cáo (lần 2), trễ hạn 3 ngày',
    );
    expect(describeEvent('SubmissionWindowClosed', { closedBy: { kind: 'deadline' } })).toBe(
      'Hết hạn nộp: tự động khóa sổ tiếp nhận, chuyển sang thẩm định',
    );
    expect(describeEvent('ReportNumbered', { numberText: '01-BC/HU', date: '2027-12-28' })).toBe(
      'Cấp số văn bản 01-BC/HU, ngày 28/12/2027',
    );
    expect(describeEvent('RemindersSentByHand', { unitIds: ['a', 'b'] })).toBe('Nhắc 2 đơn vị chưa nộp báo cáo');
    expect(describeEvent('ReportRecipientsAmended', { recipients: [{}, {}, {}], reason: 'Bổ sung Sở Nội vụ' })).toBe(
      'Hoàn thiện nơi nhận của văn bản (3 nơi nhận). Lý do: Bổ sung Sở Nội vụ',
    );
  });

  it('counts the checks a signer overrode: every one, though the event lists the first 50 (#16)', () => {
    const findings = Array.from({ length: 50 }, () => ({ code: 'R_GS', messageVi: 'x' }));
    expect(describeEvent('ReportChecksOverridden', { findings, findingsTotal: 2000, reason: 'Đã đối chiếu.' })).toBe(
      'Ký dù còn 2.000 lỗi kiểm tra. Lý do: Đã đối chiếu.',
    );
    // Recorded before the cap: the list holds them all.
    expect(describeEvent('ReportChecksOverridden', { findings: findings.slice(0, 3), reason: 'Đã đối chiếu.' })).toBe(
      'Ký dù còn 3 lỗi kiểm tra. Lý do: Đã đối chiếu.',
    );
  });

  it('never shows an event type name, even for one it does not know or with missing data', () => {
    expect(describeEvent('SomethingNew', {})).toBe('Thao tác khác trên kỳ báo cáo');
    expect(describeEvent('CyclePhaseAdvanced', { from: 'x' })).toBe('Chuyển giai đoạn từ "giai đoạn khác" sang "giai đoạn khác"');
    for (const k of AUDIT_KIND_KEYS)
      for (const t of AUDIT_KINDS[k]) expect(describeEvent(t, {})).not.toMatch(/[A-Z][a-z]+[A-Z]|undefined|null/);
  });

  it('puts every event type in exactly one kind, each kind with a Vietnamese label', () => {
    const all = AUDIT_KIND_KEYS.flatMap((k) => [...AUDIT_KINDS[k]]);
    expect(new Set(all).size).toBe(all.length);
    expect(kindOf('SubmissionApproved')).toBe('submission');
    expect(kindOf('ReportRecalled')).toBe('distribution');
    expect(kindOf('ReportRecipientsAmended')).toBe('distribution');
    expect(kindOf('Unknown')).toBeNull();
    expect(Object.keys(KIND_LABELS_VI).sort()).toEqual([...AUDIT_KIND_KEYS].sort());
  });
});
