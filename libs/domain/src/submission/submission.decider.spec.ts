import { runDecider } from '../shared/decider';
import { catchDomainError } from '../shared/domain-error';
import { DAN_VAN_ANNUAL_TEMPLATE as template } from '../templates/dan-van-annual.template';
import type { Violation } from '../templates/figure-check';
import type { Figures } from '../templates/report-template';
import type { SubmissionCommand } from './submission.commands';
import { submissionDecider } from './submission.decider';
import type { SubmissionEvent, SubmissionSubmitted } from './submission.events';
import type { Narrative } from './submission.model';

const when = (given: SubmissionEvent[], command: SubmissionCommand) => runDecider(submissionDecider, given, command);
const expectRejection = (given: SubmissionEvent[], command: SubmissionCommand, code: string, httpStatus: 409 | 422) => {
  const error = catchDomainError(() => when(given, command));
  expect([error.code, error.httpStatus]).toEqual([code, httpStatus]);
  return error;
};

const key = { cycleId: 'cycle-2023', unitId: 'HLHPN' };
const DEADLINE = '2023-12-18';
const ON_TIME = '2023-12-18T10:00:00+07:00';

const figures: Figures = {
  TT_BUOI: { value: 48 },
  TT_LUOT_NGUOI: { value: 2500, qualifier: 'tren' },
  HV_KET_NAP: { value: 120 },
  KDC_VAN_HOA: { numerator: 72, denominator: 72 },
};
const narrative: Narrative = { 'II.1': 'Hội LHPN các cấp tổ chức 48 buổi tuyên truyền cho trên 2.500 lượt hội viên.' };
const revisedFigures: Figures = { ...figures, TT_BUOI: { value: 50 } };
const revisedNarrative: Narrative = { ...narrative, 'III.2': 'Một số chi hội sinh hoạt chưa đều.' };
const HV_WARNING: Violation = {
  code: 'R_HV_KET_NAP_REQUIRED',
  severity: 'warning',
  source: 'rule',
  indicatorCodes: ['HV_KET_NAP'],
  messageVi: 'Chưa nhập số hội viên, đoàn viên kết nạp mới (các tổ chức không có hội viên bỏ qua cảnh báo này).',
};

const saveDraft = (f: Figures = figures, n: Narrative = narrative, k = key): SubmissionCommand => ({
  type: 'SaveDraft',
  data: { ...k, figures: f, narrative: n },
});
const submit = (now = ON_TIME, content?: { figures: Figures; narrative: Narrative }, extra: object = {}): SubmissionCommand => ({
  type: 'Submit',
  data: { ...key, now, effectiveDeadline: DEADLINE, template, ...(content ? { content } : {}), ...extra },
});
const returnIt = (reasons: { sectionCode?: string; reason: string }[], version?: number): SubmissionCommand => ({
  type: 'ReturnSubmission',
  data: { ...key, reasons, ...(version !== undefined ? { version } : {}) },
});
const approve = (version?: number): SubmissionCommand => ({
  type: 'ApproveSubmission',
  data: { ...key, ...(version !== undefined ? { version } : {}) },
});
const correct = (f: Figures, n: Narrative = narrative, reason = 'Thống nhất số liệu với báo cáo của Hội LHPN tỉnh'): SubmissionCommand => ({
  type: 'CorrectSubmission',
  data: { ...key, now: '2023-12-27T15:00:00+07:00', template, figures: f, narrative: n, reason },
});

const draftSaved: SubmissionEvent = { type: 'SubmissionDraftSaved', data: { ...key, figures, narrative } };
const submitted: SubmissionSubmitted = {
  type: 'SubmissionSubmitted',
  data: {
    ...key,
    version: 1,
    resubmission: false,
    submittedAt: ON_TIME,
    deadline: DEADLINE,
    late: false,
    daysLate: 0,
    templateId: 'dan-van-annual',
    templateVersion: 1,
    figures,
    narrative,
    warnings: [],
  },
};
const returned: SubmissionEvent = {
  type: 'SubmissionReturned',
  data: { ...key, version: 1, reasons: [{ sectionCode: 'II.1', reason: 'Số buổi chưa khớp phụ lục.' }] },
};
const resubmitted: SubmissionSubmitted = {
  type: 'SubmissionSubmitted',
  data: {
    ...submitted.data,
    version: 2,
    resubmission: true,
    submittedAt: '2023-12-20T09:00:00+07:00',
    late: true,
    daysLate: 2,
    figures: revisedFigures,
    narrative: revisedNarrative,
  },
};
const approved: SubmissionEvent = { type: 'SubmissionApproved', data: { ...key, version: 1 } };

const draft = [draftSaved];
const inReview = [draftSaved, submitted];
const wasReturned = [...inReview, returned];
const resubmittedStream = [...wasReturned, resubmitted];
const approvedStream = [...inReview, approved];

describe('given no submission', () => {
  it('SaveDraft saves a draft in NFC, trimmed, without blank sections', () => {
    const { events, state } = when([], saveDraft(figures, { 'II.1': '  Ho\u0302\u0323i LHPN ', 'II.2': '   ', ' III.1 ': 'Ưu điểm' }));
    expect(events).toEqual([
      { type: 'SubmissionDraftSaved', data: { ...key, figures, narrative: { 'II.1': 'Hội LHPN', 'III.1': 'Ưu điểm' } } },
    ]);
    expect(state.status).toBe('draft');
    expect(state.draft).toEqual({ figures, narrative: { 'II.1': 'Hội LHPN', 'III.1': 'Ưu điểm' } });
    expect([state.cycleId, state.unitId]).toEqual(['cycle-2023', 'HLHPN']);
  });

  it('SaveDraft keeps only value fields and the qualifier of each figure', () => {
    const { events } = when(
      [],
      saveDraft({ TT_BUOI: { value: 4, note: 'x' } as never, KDC_VAN_HOA: { numerator: 1, denominator: 2, qualifier: 'luy_ke' } }, {}),
    );
    expect(events[0].data).toMatchObject({
      figures: { TT_BUOI: { value: 4 }, KDC_VAN_HOA: { numerator: 1, denominator: 2, qualifier: 'luy_ke' } },
    });
  });

  it('SaveDraft with a figure that is not a number is rejected with 422 SUBMISSION_FIGURE_MALFORMED', () => {
    const error = expectRejection([], saveDraft({ TT_BUOI: { value: '48' } as never }), 'SUBMISSION_FIGURE_MALFORMED', 422);
    expect(error.details).toEqual({ indicatorCode: 'TT_BUOI' });
  });

  it('Submit submits version 1 on time, recording the warnings', () => {
    const { HV_KET_NAP: _omitted, ...withoutMembers } = figures;
    const { events, state } = when([], submit(ON_TIME, { figures: withoutMembers, narrative }));
    expect(events).toEqual([
      {
        type: 'SubmissionSubmitted',
        data: {
          ...key,
          version: 1,
          resubmission: false,
          submittedAt: ON_TIME,
          deadline: DEADLINE,
          late: false,
          daysLate: 0,
          templateId: 'dan-van-annual',
          templateVersion: 1,
          figures: withoutMembers,
          narrative,
          warnings: [HV_WARNING],
        },
      },
    ]);
    expect(state.status).toBe('submitted');
    expect(state.versions).toEqual([
      {
        version: 1,
        kind: 'submission',
        figures: withoutMembers,
        narrative,
        submittedAt: ON_TIME,
        deadline: DEADLINE,
        late: false,
        daysLate: 0,
        warnings: [HV_WARNING],
      },
    ]);
    expect(state.draft).toEqual({ figures: withoutMembers, narrative });
  });

  it('Submit two days after the deadline day is late by 2 days', () => {
    const { events } = when([], submit('2023-12-20T09:00:00+07:00', { figures, narrative }));
    expect(events[0].data).toMatchObject({ late: true, daysLate: 2 });
  });

  it('Submit one minute after midnight following the deadline is late by 1 day', () => {
    const { events } = when([], submit('2023-12-19T00:01:00+07:00', { figures, narrative }));
    expect(events[0].data).toMatchObject({ late: true, daysLate: 1 });
  });

  it('Submit with error-severity violations is rejected with 422 SUBMISSION_FIGURES_INVALID listing them', () => {
    const bad: Figures = { ...figures, TT_LUOT_NGUOI: { value: 30 }, KDC_VAN_HOA: { numerator: 73, denominator: 72 } };
    const error = expectRejection([], submit(ON_TIME, { figures: bad, narrative }), 'SUBMISSION_FIGURES_INVALID', 422);
    const violations = error.details?.violations as Violation[];
    expect(violations.map((v) => v.code)).toEqual(['R_TT_LUOT_GTE_BUOI', 'R_KDC_VAN_HOA_LE']);
    expect(error.messageVi).toBe('Số liệu có 2 lỗi cần sửa trước khi gửi.');
  });

  it('Submit without a required figure is rejected with SUBMISSION_FIGURES_INVALID', () => {
    const { TT_BUOI: _omitted, ...withoutSessions } = figures;
    const error = expectRejection([], submit(ON_TIME, { figures: withoutSessions, narrative }), 'SUBMISSION_FIGURES_INVALID', 422);
    expect((error.details?.violations as Violation[]).map((v) => v.code)).toEqual(['R_TT_BUOI_REQUIRED']);
  });

  it('Submit with an indicator not in the template is rejected with SUBMISSION_FIGURES_INVALID', () => {
    const error = expectRejection(
      [],
      submit(ON_TIME, { figures: { ...figures, SO_CAY_TRE: { value: 3600 } }, narrative }),
      'SUBMISSION_FIGURES_INVALID',
      422,
    );
    expect((error.details?.violations as Violation[]).map((v) => v.code)).toEqual(['FIGURE_UNKNOWN_INDICATOR']);
  });

  it('Submit with narrative for a section the template does not have is rejected with 422 SUBMISSION_UNKNOWN_SECTION', () => {
    const error = expectRejection(
      [],
      submit(ON_TIME, { figures, narrative: { ...narrative, VI: 'Phụ lục' } }),
      'SUBMISSION_UNKNOWN_SECTION',
      422,
    );
    expect(error.details).toEqual({ sectionCodes: ['VI'] });
  });

  it('Submit with nothing (no draft, no content) is rejected with 422 SUBMISSION_EMPTY', () => {
    expectRejection([], submit(), 'SUBMISSION_EMPTY', 422);
  });

  it('Submit with a malformed instant or deadline is rejected with 422 INVALID_INSTANT / INVALID_DATE', () => {
    expectRejection([], submit('18/12/2023 10:00', { figures, narrative }), 'INVALID_INSTANT', 422);
    expectRejection([], submit(ON_TIME, { figures, narrative }, { effectiveDeadline: '18/12/2023' }), 'INVALID_DATE', 422);
  });

  it.each([returnIt([{ reason: 'Thiếu số liệu' }]), approve()])('$type is rejected with 409 SUBMISSION_NOT_SUBMITTED', (command) => {
    expectRejection([], command, 'SUBMISSION_NOT_SUBMITTED', 409);
  });

  it('CorrectSubmission is rejected with 409 SUBMISSION_NOT_APPROVED', () => {
    expectRejection([], correct(revisedFigures), 'SUBMISSION_NOT_APPROVED', 409);
  });

  it('a command without cycle id is rejected with 422 FIELD_REQUIRED', () => {
    const error = expectRejection([], saveDraft(figures, narrative, { cycleId: ' ', unitId: 'HLHPN' }), 'FIELD_REQUIRED', 422);
    expect(error.details).toEqual({ field: 'cycleId' });
  });
});

describe('given a draft', () => {
  it('SaveDraft replaces the draft and stays a draft', () => {
    const { state } = when(draft, saveDraft(revisedFigures, revisedNarrative));
    expect(state.status).toBe('draft');
    expect(state.draft).toEqual({ figures: revisedFigures, narrative: revisedNarrative });
  });

  it('Submit without content submits the saved draft', () => {
    const { events } = when(draft, submit());
    expect(events).toEqual([submitted]);
  });

  it('a command for another unit is rejected with 422 SUBMISSION_STREAM_MISMATCH', () => {
    const error = expectRejection(
      draft,
      saveDraft(figures, narrative, { cycleId: 'cycle-2023', unitId: 'HND' }),
      'SUBMISSION_STREAM_MISMATCH',
      422,
    );
    expect(error.details).toEqual({ expected: key, got: { cycleId: 'cycle-2023', unitId: 'HND' } });
  });
});

describe('given a submitted submission', () => {
  it('Submit again is rejected with 409 SUBMISSION_ALREADY_SUBMITTED', () => {
    expectRejection(inReview, submit(), 'SUBMISSION_ALREADY_SUBMITTED', 409);
  });

  it('SaveDraft is rejected with 409 SUBMISSION_UNDER_REVIEW', () => {
    expectRejection(inReview, saveDraft(revisedFigures), 'SUBMISSION_UNDER_REVIEW', 409);
  });

  it('ReturnSubmission returns it with the non-blank reasons, in NFC', () => {
    const { events, state } = when(
      inReview,
      returnIt(
        [
          { sectionCode: ' II.1 ', reason: ' Số buổi chưa khớp phụ lục. ' },
          { sectionCode: 'II.2', reason: '   ' },
          { sectionCode: ' ', reason: 'Đe\u0302\u0300 nghị bổ sung số liệu nhà Đại đoàn kết.' },
        ],
        1,
      ),
    );
    expect(events).toEqual([
      {
        type: 'SubmissionReturned',
        data: {
          ...key,
          version: 1,
          reasons: [{ sectionCode: 'II.1', reason: 'Số buổi chưa khớp phụ lục.' }, { reason: 'Đề nghị bổ sung số liệu nhà Đại đoàn kết.' }],
        },
      },
    ]);
    expect(state.status).toBe('returned');
    expect(state.returns).toEqual([
      {
        version: 1,
        reasons: [{ sectionCode: 'II.1', reason: 'Số buổi chưa khớp phụ lục.' }, { reason: 'Đề nghị bổ sung số liệu nhà Đại đoàn kết.' }],
      },
    ]);
  });

  it.each([[[]], [[{ reason: '  ' }, { sectionCode: 'II.1', reason: '' }]]])(
    'ReturnSubmission without a non-blank reason (%p) is rejected with 422 SUBMISSION_RETURN_REASON_REQUIRED',
    (reasons) => {
      expectRejection(inReview, returnIt(reasons), 'SUBMISSION_RETURN_REASON_REQUIRED', 422);
    },
  );

  it('ReturnSubmission of a version that is not the latest is rejected with 409 SUBMISSION_VERSION_MISMATCH', () => {
    const error = expectRejection(inReview, returnIt([{ reason: 'x' }], 2), 'SUBMISSION_VERSION_MISMATCH', 409);
    expect(error.details).toEqual({ command: 'ReturnSubmission', seen: 2, latest: 1 });
  });

  it('ApproveSubmission approves the latest version', () => {
    const { events, state } = when(inReview, approve(1));
    expect(events).toEqual([approved]);
    expect(state.status).toBe('approved');
    expect(state.approvedVersion).toBe(1);
  });

  it('CorrectSubmission is rejected with 409 SUBMISSION_NOT_APPROVED', () => {
    expectRejection(inReview, correct(revisedFigures), 'SUBMISSION_NOT_APPROVED', 409);
  });
});

describe('given a returned submission', () => {
  it('SaveDraft edits the draft and it stays returned', () => {
    const { state } = when(wasReturned, saveDraft(revisedFigures, revisedNarrative));
    expect(state.status).toBe('returned');
    expect(state.draft).toEqual({ figures: revisedFigures, narrative: revisedNarrative });
    expect(state.versions).toHaveLength(1);
  });

  it('Submit resubmits as version 2, late against the same deadline, keeping version 1', () => {
    const edited = [
      ...wasReturned,
      { type: 'SubmissionDraftSaved', data: { ...key, figures: revisedFigures, narrative: revisedNarrative } } as SubmissionEvent,
    ];
    const { events, state } = when(edited, submit('2023-12-20T09:00:00+07:00'));
    expect(events).toEqual([resubmitted]);
    expect(state.status).toBe('resubmitted');
    expect(state.versions.map((v) => [v.version, v.late, v.daysLate, v.figures.TT_BUOI])).toEqual([
      [1, false, 0, { value: 48 }],
      [2, true, 2, { value: 50 }],
    ]);
  });

  it.each([returnIt([{ reason: 'x' }]), approve()])('$type is rejected with 409 SUBMISSION_NOT_SUBMITTED', (command) => {
    expectRejection(wasReturned, command, 'SUBMISSION_NOT_SUBMITTED', 409);
  });
});

describe('given a resubmitted submission', () => {
  it('ApproveSubmission of version 2 approves it', () => {
    const { events, state } = when(resubmittedStream, approve(2));
    expect(events).toEqual([{ type: 'SubmissionApproved', data: { ...key, version: 2 } }]);
    expect([state.status, state.approvedVersion]).toEqual(['approved', 2]);
  });

  it('ApproveSubmission of the superseded version 1 is rejected with 409 SUBMISSION_VERSION_MISMATCH', () => {
    expectRejection(resubmittedStream, approve(1), 'SUBMISSION_VERSION_MISMATCH', 409);
  });

  it('ReturnSubmission returns version 2 again', () => {
    const { events, state } = when(resubmittedStream, returnIt([{ sectionCode: 'III.2', reason: 'Nêu rõ nguyên nhân hạn chế.' }]));
    expect(events[0].data).toMatchObject({ version: 2 });
    expect(state.returns.map((r) => r.version)).toEqual([1, 2]);
  });

  it('Submit is rejected with 409 SUBMISSION_ALREADY_SUBMITTED', () => {
    expectRejection(resubmittedStream, submit(), 'SUBMISSION_ALREADY_SUBMITTED', 409);
  });

  it('SaveDraft is rejected with 409 SUBMISSION_UNDER_REVIEW', () => {
    expectRejection(resubmittedStream, saveDraft(), 'SUBMISSION_UNDER_REVIEW', 409);
  });
});

describe('given an approved submission', () => {
  it.each([saveDraft(revisedFigures), submit('2023-12-19T09:00:00+07:00', { figures: revisedFigures, narrative })])(
    '$type is rejected with 409 SUBMISSION_APPROVED',
    (command) => {
      expectRejection(approvedStream, command, 'SUBMISSION_APPROVED', 409);
    },
  );

  it.each([returnIt([{ reason: 'x' }]), approve()])('$type is rejected with 409 SUBMISSION_NOT_SUBMITTED', (command) => {
    expectRejection(approvedStream, command, 'SUBMISSION_NOT_SUBMITTED', 409);
  });

  it('CorrectSubmission records a corrected version that becomes the approved one', () => {
    const { events, state } = when(approvedStream, correct(revisedFigures, narrative, '  Thống nhất số liệu với Hội LHPN tỉnh '));
    expect(events).toEqual([
      {
        type: 'SubmissionCorrected',
        data: {
          ...key,
          version: 2,
          correctsVersion: 1,
          correctedAt: '2023-12-27T15:00:00+07:00',
          reason: 'Thống nhất số liệu với Hội LHPN tỉnh',
          templateId: 'dan-van-annual',
          templateVersion: 1,
          figures: revisedFigures,
          narrative,
          warnings: [],
        },
      },
    ]);
    expect(state.status).toBe('approved');
    expect(state.approvedVersion).toBe(2);
    expect(state.versions[1]).toEqual({
      version: 2,
      kind: 'correction',
      figures: revisedFigures,
      narrative,
      submittedAt: '2023-12-27T15:00:00+07:00',
      late: false,
      daysLate: 0,
      warnings: [],
      reason: 'Thống nhất số liệu với Hội LHPN tỉnh',
    });
  });

  it('a second correction corrects the first one', () => {
    const first = when(approvedStream, correct(revisedFigures)).events;
    const { events } = when([...approvedStream, ...first], correct({ ...revisedFigures, TT_BUOI: { value: 51 } }));
    expect(events[0].data).toMatchObject({ version: 3, correctsVersion: 2 });
  });

  it('CorrectSubmission without a reason is rejected with 422 SUBMISSION_CORRECTION_REASON_REQUIRED', () => {
    expectRejection(approvedStream, correct(revisedFigures, narrative, ' '), 'SUBMISSION_CORRECTION_REASON_REQUIRED', 422);
  });

  it('CorrectSubmission that changes nothing is rejected with 422 SUBMISSION_CORRECTION_NO_CHANGE', () => {
    expectRejection(approvedStream, correct({ ...figures }, { 'II.1': ` ${narrative['II.1']} ` }), 'SUBMISSION_CORRECTION_NO_CHANGE', 422);
  });

  it('CorrectSubmission with invalid figures is rejected with 422 SUBMISSION_FIGURES_INVALID', () => {
    expectRejection(approvedStream, correct({ ...figures, TT_BUOI: { value: -1 } }), 'SUBMISSION_FIGURES_INVALID', 422);
  });
});
