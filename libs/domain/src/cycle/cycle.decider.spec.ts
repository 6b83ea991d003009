import { runDecider } from '../shared/decider';
import { catchDomainError } from '../shared/domain-error';
import type { CycleCommand, OpenCycle } from './cycle.commands';
import { cycleDecider } from './cycle.decider';
import type { CycleEvent, CycleOpened } from './cycle.events';
import { effectiveDeadline, nextPhase, type CyclePhase } from './cycle.model';

const when = (given: CycleEvent[], command: CycleCommand) => runDecider(cycleDecider, given, command);
const rejection = (given: CycleEvent[], command: CycleCommand) => catchDomainError(() => when(given, command));
const expectRejection = (given: CycleEvent[], command: CycleCommand, code: string, httpStatus: 409 | 422) => {
  const error = rejection(given, command);
  expect([error.code, error.httpStatus]).toEqual([code, httpStatus]);
  return error;
};

// Annual dân vận report 2023 of Huyện ủy Tam Đường: data 15/12/2022 → 14/12/2023 (Nghị định 09/2019).
const openData: OpenCycle['data'] = {
  cycleId: 'cycle-2023',
  templateId: 'dan-van-annual',
  templateVersion: 1,
  period: {
    kind: 'annual',
    year: 2023,
    label: 'năm 2023',
    dataFrom: '2022-12-15',
    dataTo: '2023-12-14',
    requestedBy: { documentRef: '98-KH/HU' },
  },
  issuingBody: { unitId: 'huyen-uy-tam-duong', name: 'Huyện ủy Tam Đường', symbol: 'HU' },
  signer: { authority: 'T/M', title: 'PHÓ BÍ THƯ', name: 'Nguyễn Văn A' },
  coordinatorId: 'user-bdv-1',
  milestones: {
    submissionDeadline: '2023-12-18',
    reviewDue: '2023-12-22',
    commentsDue: '2023-12-26',
    signOffDue: '2023-12-28',
    distributionDue: '2023-12-29',
  },
  units: [{ unitId: 'MTTQ' }, { unitId: 'HLHPN', deadline: '2023-12-16' }, { unitId: 'HND' }],
};
const open = (overrides: Partial<OpenCycle['data']> = {}): CycleCommand => ({ type: 'OpenCycle', data: { ...openData, ...overrides } });

const opened: CycleOpened = {
  type: 'CycleOpened',
  data: {
    ...openData,
    units: [
      { unitId: 'MTTQ', baseDeadline: '2023-12-18' },
      { unitId: 'HLHPN', baseDeadline: '2023-12-16' },
      { unitId: 'HND', baseDeadline: '2023-12-18' },
    ],
  },
};
const advanced = (from: CyclePhase, to: CyclePhase): CycleEvent => ({
  type: 'CyclePhaseAdvanced',
  data: { cycleId: 'cycle-2023', from, to },
});
const windowClosed: CycleEvent = {
  type: 'SubmissionWindowClosed',
  data: { cycleId: 'cycle-2023', closedBy: { kind: 'deadline' }, closedAt: '2023-12-19T00:00:00+07:00', early: false },
};

const planned = [opened];
const collecting = [...planned, advanced('planned', 'collecting')];
const reviewing = [...collecting, windowClosed];
const commenting = [...reviewing, advanced('reviewing', 'commenting')];
const signing = [...commenting, advanced('commenting', 'signing')];
const distributing = [...signing, advanced('signing', 'distributing')];
const closed = [...distributing, advanced('distributing', 'closed')];
const cancelled = [
  ...collecting,
  { type: 'CycleCancelled', data: { cycleId: 'cycle-2023', reason: 'Trùng kỳ', cancelledInStatus: 'collecting' } } as CycleEvent,
];

const assign = (...units: { unitId: string; deadline?: string }[]): CycleCommand => ({ type: 'AssignUnits', data: { units } });
const unassign = (unitId: string, reason?: string): CycleCommand => ({
  type: 'UnassignUnit',
  data: { unitId, ...(reason ? { reason } : {}) },
});
const extend = (unitId: string, newDeadline: string, reason = 'Đơn vị đang tổng hợp số liệu từ cơ sở'): CycleCommand => ({
  type: 'ExtendUnitDeadline',
  data: { unitId, newDeadline, reason },
});
const closeByCoordinator = (at: string, userId = 'user-bdv-1'): CycleCommand => ({
  type: 'CloseSubmissionWindow',
  data: { by: { kind: 'coordinator', userId }, at },
});
const closeByDeadline = (at: string): CycleCommand => ({ type: 'CloseSubmissionWindow', data: { by: { kind: 'deadline' }, at } });
const advance = (to: CyclePhase, approvedUnitIds?: string[]): CycleCommand => ({
  type: 'AdvancePhase',
  data: { to, ...(approvedUnitIds ? { approvedUnitIds } : {}) },
});
const cancel = (reason = 'Cấp trên thay đổi yêu cầu báo cáo'): CycleCommand => ({ type: 'CancelCycle', data: { reason } });

describe('given no cycle', () => {
  it('OpenCycle opens it in the planned phase, each unit with its base deadline', () => {
    const { events, state } = when([], open());
    expect(events).toEqual([opened]);
    expect(state.status).toBe('planned');
    expect(state.status !== 'not_opened' && state.assignedUnits).toEqual([
      { unitId: 'MTTQ', baseDeadline: '2023-12-18', extensions: [] },
      { unitId: 'HLHPN', baseDeadline: '2023-12-16', extensions: [] },
      { unitId: 'HND', baseDeadline: '2023-12-18', extensions: [] },
    ]);
    expect(state.status !== 'not_opened' && state.signer).toEqual({ authority: 'T/M', title: 'PHÓ BÍ THƯ', name: 'Nguyễn Văn A' });
    expect(state.status !== 'not_opened' && state.period.requestedBy).toEqual({ documentRef: '98-KH/HU' });
  });

  it('OpenCycle cleans text to NFC and accepts a cycle without signer and a deadline on the cut-off day', () => {
    const { events } = when(
      [],
      open({
        period: { ...openData.period, label: '  na\u0306m   2023 ' },
        issuingBody: { unitId: 'huyen-uy-tam-duong', name: 'Huye\u0323\u0302n u\u0309y Tam Đường', symbol: 'HU' },
        signer: undefined,
        milestones: { ...openData.milestones, submissionDeadline: '2023-12-14' },
        units: [{ unitId: 'MTTQ' }],
      }),
    );
    const data = (events[0] as CycleOpened).data;
    expect(data.period.label).toBe('năm 2023');
    expect(data.issuingBody.name).toBe('Huyện ủy Tam Đường');
    expect('signer' in data).toBe(false);
    expect(data.units).toEqual([{ unitId: 'MTTQ', baseDeadline: '2023-12-14' }]);
  });

  it('OpenCycle without units is rejected with 422 CYCLE_NO_UNITS', () => {
    expectRejection([], open({ units: [] }), 'CYCLE_NO_UNITS', 422);
  });

  it('OpenCycle listing a unit twice is rejected with 422 CYCLE_DUPLICATE_UNITS', () => {
    const error = expectRejection(
      [],
      open({ units: [{ unitId: 'MTTQ' }, { unitId: 'HND' }, { unitId: 'MTTQ', deadline: '2023-12-16' }] }),
      'CYCLE_DUPLICATE_UNITS',
      422,
    );
    expect(error.details).toEqual({ unitIds: ['MTTQ'] });
  });

  it('OpenCycle with milestones out of order is rejected with 422 CYCLE_MILESTONES_OUT_OF_ORDER', () => {
    const error = expectRejection(
      [],
      open({ milestones: { ...openData.milestones, commentsDue: '2023-12-21' } }),
      'CYCLE_MILESTONES_OUT_OF_ORDER',
      422,
    );
    expect(error.details).toEqual({ earlier: 'reviewDue', later: 'commentsDue', reviewDue: '2023-12-22', commentsDue: '2023-12-21' });
  });

  it('OpenCycle accepts two milestones on the same day', () => {
    const { events } = when([], open({ milestones: { ...openData.milestones, signOffDue: '2023-12-29' } }));
    expect(events).toHaveLength(1);
  });

  it('OpenCycle with a deadline before the data cut-off is rejected with 422 CYCLE_DEADLINE_BEFORE_DATA_CUTOFF', () => {
    const error = expectRejection(
      [],
      open({ milestones: { ...openData.milestones, submissionDeadline: '2023-12-13' } }),
      'CYCLE_DEADLINE_BEFORE_DATA_CUTOFF',
      422,
    );
    expect(error.details).toEqual({ field: 'milestones.submissionDeadline', deadline: '2023-12-13', dataTo: '2023-12-14' });
  });

  it('OpenCycle with a unit deadline before the data cut-off is rejected with CYCLE_DEADLINE_BEFORE_DATA_CUTOFF', () => {
    const error = expectRejection(
      [],
      open({ units: [{ unitId: 'MTTQ', deadline: '2023-12-10' }] }),
      'CYCLE_DEADLINE_BEFORE_DATA_CUTOFF',
      422,
    );
    expect(error.details?.field).toBe('units[0].deadline');
  });

  it('OpenCycle with a unit deadline after the submission deadline is rejected with 422 CYCLE_UNIT_DEADLINE_AFTER_WINDOW', () => {
    expectRejection([], open({ units: [{ unitId: 'MTTQ', deadline: '2023-12-19' }] }), 'CYCLE_UNIT_DEADLINE_AFTER_WINDOW', 422);
  });

  it('OpenCycle with dataFrom after dataTo is rejected with 422 CYCLE_PERIOD_INVALID', () => {
    expectRejection([], open({ period: { ...openData.period, dataFrom: '2023-12-15' } }), 'CYCLE_PERIOD_INVALID', 422);
  });

  it('OpenCycle with a malformed date is rejected with 422 INVALID_DATE naming the field', () => {
    const error = expectRejection([], open({ milestones: { ...openData.milestones, reviewDue: '22/12/2023' } }), 'INVALID_DATE', 422);
    expect(error.details?.field).toBe('milestones.reviewDue');
  });

  it('OpenCycle with an unknown signing authority is rejected with 422 CYCLE_SIGNER_AUTHORITY_UNKNOWN', () => {
    expectRejection([], open({ signer: { authority: 'Q.' as never, title: 'BÍ THƯ', name: 'B' } }), 'CYCLE_SIGNER_AUTHORITY_UNKNOWN', 422);
  });

  it.each([0, -1, 1.5])('OpenCycle with template version %p is rejected with 422 CYCLE_TEMPLATE_VERSION_INVALID', (templateVersion) => {
    expectRejection([], open({ templateVersion }), 'CYCLE_TEMPLATE_VERSION_INVALID', 422);
  });

  it.each([
    ['coordinatorId', { coordinatorId: ' ' }],
    ['period.label', { period: { ...openData.period, label: '' } }],
    ['issuingBody.symbol', { issuingBody: { ...openData.issuingBody, symbol: '' } }],
    ['signer.name', { signer: { authority: 'K/T' as const, title: 'PHÓ BÍ THƯ', name: '  ' } }],
  ])('OpenCycle with a blank %s is rejected with 422 FIELD_REQUIRED', (field, overrides) => {
    const error = expectRejection([], open(overrides), 'FIELD_REQUIRED', 422);
    expect(error.details?.field).toBe(field);
  });

  it.each([
    assign({ unitId: 'HCCB' }),
    unassign('MTTQ'),
    extend('MTTQ', '2023-12-20'),
    closeByDeadline('2023-12-19T00:00:00Z'),
    advance('collecting'),
    cancel(),
  ])('$type is rejected with 409 CYCLE_NOT_OPENED', (command) => {
    expectRejection([], command, 'CYCLE_NOT_OPENED', 409);
  });

  it('effectiveDeadline is undefined', () => {
    expect(effectiveDeadline(cycleDecider.initialState(), 'MTTQ')).toBeUndefined();
  });
});

describe('given a planned cycle', () => {
  it('OpenCycle again is rejected with 409 CYCLE_ALREADY_OPENED', () => {
    expectRejection(planned, open(), 'CYCLE_ALREADY_OPENED', 409);
  });

  it('AssignUnits adds units after the existing ones', () => {
    const { events, state } = when(planned, assign({ unitId: 'HCCB' }, { unitId: 'DTN', deadline: '2023-12-15' }));
    expect(events).toEqual([
      {
        type: 'UnitsAssigned',
        data: {
          cycleId: 'cycle-2023',
          units: [
            { unitId: 'HCCB', baseDeadline: '2023-12-18' },
            { unitId: 'DTN', baseDeadline: '2023-12-15' },
          ],
        },
      },
    ]);
    expect(state.status !== 'not_opened' && state.assignedUnits.map((u) => u.unitId)).toEqual(['MTTQ', 'HLHPN', 'HND', 'HCCB', 'DTN']);
  });

  it('AssignUnits of an already assigned unit is rejected with 409 CYCLE_UNIT_ALREADY_ASSIGNED', () => {
    const error = expectRejection(planned, assign({ unitId: 'HCCB' }, { unitId: 'HND' }), 'CYCLE_UNIT_ALREADY_ASSIGNED', 409);
    expect(error.details).toEqual({ unitIds: ['HND'] });
  });

  it('AssignUnits with nothing to assign is rejected with 422 CYCLE_NO_UNITS', () => {
    expectRejection(planned, assign(), 'CYCLE_NO_UNITS', 422);
  });

  it('AssignUnits listing a unit twice is rejected with 422 CYCLE_DUPLICATE_UNITS', () => {
    expectRejection(planned, assign({ unitId: 'HCCB' }, { unitId: 'HCCB' }), 'CYCLE_DUPLICATE_UNITS', 422);
  });

  it('UnassignUnit removes a unit, keeping the reason', () => {
    const { events, state } = when(planned, unassign('HND', '  Không thuộc đối tượng báo cáo '));
    expect(events).toEqual([
      { type: 'UnitUnassigned', data: { cycleId: 'cycle-2023', unitId: 'HND', reason: 'Không thuộc đối tượng báo cáo' } },
    ]);
    expect(state.status !== 'not_opened' && state.assignedUnits.map((u) => u.unitId)).toEqual(['MTTQ', 'HLHPN']);
    expect(effectiveDeadline(state, 'HND')).toBeUndefined();
  });

  it('UnassignUnit without a reason records none', () => {
    expect(when(planned, unassign('HND')).events).toEqual([{ type: 'UnitUnassigned', data: { cycleId: 'cycle-2023', unitId: 'HND' } }]);
  });

  it('UnassignUnit of a unit not assigned is rejected with 409 CYCLE_UNIT_NOT_ASSIGNED', () => {
    expectRejection(planned, unassign('HCCB'), 'CYCLE_UNIT_NOT_ASSIGNED', 409);
  });

  it('UnassignUnit of the last unit is rejected with 409 CYCLE_LAST_UNIT', () => {
    const oneUnit: CycleOpened = { ...opened, data: { ...opened.data, units: [{ unitId: 'MTTQ', baseDeadline: '2023-12-18' }] } };
    expectRejection([oneUnit], unassign('MTTQ'), 'CYCLE_LAST_UNIT', 409);
  });

  it('ExtendUnitDeadline is rejected with 409 CYCLE_WRONG_PHASE', () => {
    const error = expectRejection(planned, extend('MTTQ', '2023-12-20'), 'CYCLE_WRONG_PHASE', 409);
    expect(error.details).toEqual({ command: 'ExtendUnitDeadline', status: 'planned', allowed: ['collecting', 'reviewing'] });
  });

  it('CloseSubmissionWindow is rejected with 409 CYCLE_WRONG_PHASE', () => {
    expectRejection(planned, closeByCoordinator('2023-12-17T09:00:00+07:00'), 'CYCLE_WRONG_PHASE', 409);
  });

  it('AdvancePhase to collecting starts the submissions', () => {
    const { events, state } = when(planned, advance('collecting'));
    expect(events).toEqual([advanced('planned', 'collecting')]);
    expect(state.status).toBe('collecting');
  });

  it('AdvancePhase skipping a phase is rejected with 409 CYCLE_PHASE_NOT_NEXT', () => {
    const error = expectRejection(planned, advance('reviewing'), 'CYCLE_PHASE_NOT_NEXT', 409);
    expect(error.details).toEqual({ from: 'planned', to: 'reviewing', next: 'collecting' });
  });

  it('AdvancePhase to an unknown phase is rejected with 422 CYCLE_PHASE_UNKNOWN', () => {
    expectRejection(planned, advance('archived' as CyclePhase), 'CYCLE_PHASE_UNKNOWN', 422);
  });

  it('CancelCycle cancels it, remembering the phase it was in', () => {
    const { events, state } = when(planned, cancel(' Cấp trên thay đổi yêu cầu báo cáo '));
    expect(events).toEqual([
      {
        type: 'CycleCancelled',
        data: { cycleId: 'cycle-2023', reason: 'Cấp trên thay đổi yêu cầu báo cáo', cancelledInStatus: 'planned' },
      },
    ]);
    expect(state.status).toBe('cancelled');
    expect(state.status !== 'not_opened' && state.cancellation).toEqual({
      reason: 'Cấp trên thay đổi yêu cầu báo cáo',
      cancelledInStatus: 'planned',
    });
  });

  it('CancelCycle without a reason is rejected with 422 CYCLE_CANCEL_REASON_REQUIRED', () => {
    expectRejection(planned, cancel(' '), 'CYCLE_CANCEL_REASON_REQUIRED', 422);
  });

  it('effectiveDeadline is the base deadline', () => {
    const state = when(planned, assign({ unitId: 'HCCB' })).state;
    expect(effectiveDeadline(state, 'HLHPN')).toBe('2023-12-16');
    expect(effectiveDeadline(state, 'HCCB')).toBe('2023-12-18');
    expect(effectiveDeadline(state, 'UNKNOWN')).toBeUndefined();
  });
});

describe('given a collecting cycle', () => {
  it('AssignUnits and UnassignUnit are still allowed', () => {
    expect(when(collecting, assign({ unitId: 'HCCB' })).events[0].type).toBe('UnitsAssigned');
    expect(when(collecting, unassign('HND')).events[0].type).toBe('UnitUnassigned');
  });

  it('ExtendUnitDeadline extends from the current effective deadline', () => {
    const { events, state } = when(collecting, extend('HLHPN', '2023-12-20', '  Chờ số liệu của 13 xã '));
    expect(events).toEqual([
      {
        type: 'UnitDeadlineExtended',
        data: {
          cycleId: 'cycle-2023',
          unitId: 'HLHPN',
          previousDeadline: '2023-12-16',
          newDeadline: '2023-12-20',
          reason: 'Chờ số liệu của 13 xã',
        },
      },
    ]);
    expect(effectiveDeadline(state, 'HLHPN')).toBe('2023-12-20');
    expect(effectiveDeadline(state, 'MTTQ')).toBe('2023-12-18');
  });

  it('a second extension starts from the first one', () => {
    const first = when(collecting, extend('HLHPN', '2023-12-20')).events;
    const { events, state } = when([...collecting, ...first], extend('HLHPN', '2023-12-21'));
    expect(events[0]).toMatchObject({ data: { previousDeadline: '2023-12-20', newDeadline: '2023-12-21' } });
    expect(state.status !== 'not_opened' && state.assignedUnits[1].extensions.map((e) => e.newDeadline)).toEqual([
      '2023-12-20',
      '2023-12-21',
    ]);
    expect(effectiveDeadline(state, 'HLHPN')).toBe('2023-12-21');
  });

  it('ExtendUnitDeadline to the current deadline or earlier is rejected with 422 CYCLE_EXTENSION_NOT_LATER', () => {
    const error = expectRejection(collecting, extend('HLHPN', '2023-12-16'), 'CYCLE_EXTENSION_NOT_LATER', 422);
    expect(error.details).toEqual({ unitId: 'HLHPN', previousDeadline: '2023-12-16', newDeadline: '2023-12-16' });
    // later than the base deadline but not than the extension already granted
    const first = when(collecting, extend('HLHPN', '2023-12-20')).events;
    expectRejection([...collecting, ...first], extend('HLHPN', '2023-12-19'), 'CYCLE_EXTENSION_NOT_LATER', 422);
  });

  it('ExtendUnitDeadline without a reason is rejected with 422 CYCLE_EXTENSION_REASON_REQUIRED', () => {
    expectRejection(collecting, extend('HLHPN', '2023-12-20', '   '), 'CYCLE_EXTENSION_REASON_REQUIRED', 422);
  });

  it('ExtendUnitDeadline for a unit not assigned is rejected with 409 CYCLE_UNIT_NOT_ASSIGNED', () => {
    expectRejection(collecting, extend('HCCB', '2023-12-20'), 'CYCLE_UNIT_NOT_ASSIGNED', 409);
  });

  it('ExtendUnitDeadline with a malformed date is rejected with 422 INVALID_DATE', () => {
    expectRejection(collecting, extend('HLHPN', '20/12/2023'), 'INVALID_DATE', 422);
  });

  it('CloseSubmissionWindow by the coordinator before the deadline closes it early → reviewing', () => {
    const { events, state } = when(collecting, closeByCoordinator('2023-12-18T23:59:59+07:00'));
    expect(events).toEqual([
      {
        type: 'SubmissionWindowClosed',
        data: {
          cycleId: 'cycle-2023',
          closedBy: { kind: 'coordinator', userId: 'user-bdv-1' },
          closedAt: '2023-12-18T23:59:59+07:00',
          early: true,
        },
      },
    ]);
    expect(state.status).toBe('reviewing');
    expect(state.status !== 'not_opened' && state.submissionWindow).toEqual({
      closedAt: '2023-12-18T23:59:59+07:00',
      closedBy: { kind: 'coordinator', userId: 'user-bdv-1' },
      early: true,
    });
  });

  it('CloseSubmissionWindow by the coordinator after the deadline is not early', () => {
    expect(when(collecting, closeByCoordinator('2023-12-19T08:00:00+07:00')).events[0]).toMatchObject({ data: { early: false } });
  });

  it('CloseSubmissionWindow by the deadline timer once the deadline day is over', () => {
    expect(when(collecting, closeByDeadline('2023-12-18T17:00:00Z')).events).toEqual([
      {
        type: 'SubmissionWindowClosed',
        data: { cycleId: 'cycle-2023', closedBy: { kind: 'deadline' }, closedAt: '2023-12-18T17:00:00Z', early: false },
      },
    ]);
  });

  it('CloseSubmissionWindow by the deadline timer before the deadline is rejected with 409 CYCLE_DEADLINE_NOT_REACHED', () => {
    expectRejection(collecting, closeByDeadline('2023-12-18T16:59:59Z'), 'CYCLE_DEADLINE_NOT_REACHED', 409);
  });

  it('CloseSubmissionWindow by someone other than the coordinator is rejected with 409 CYCLE_NOT_COORDINATOR', () => {
    expectRejection(collecting, closeByCoordinator('2023-12-17T09:00:00+07:00', 'user-other'), 'CYCLE_NOT_COORDINATOR', 409);
  });

  it('CloseSubmissionWindow with a malformed instant is rejected with 422 INVALID_INSTANT', () => {
    expectRejection(collecting, closeByCoordinator('2023-12-17 09:00'), 'INVALID_INSTANT', 422);
  });

  it('AdvancePhase to reviewing is rejected with 409 CYCLE_SUBMISSION_WINDOW_OPEN (close the window instead)', () => {
    expectRejection(collecting, advance('reviewing'), 'CYCLE_SUBMISSION_WINDOW_OPEN', 409);
  });

  it('AdvancePhase further ahead is rejected with 409 CYCLE_PHASE_NOT_NEXT', () => {
    expectRejection(collecting, advance('commenting'), 'CYCLE_PHASE_NOT_NEXT', 409);
  });

  it('CancelCycle cancels it', () => {
    expect(when(collecting, cancel()).events[0]).toMatchObject({ type: 'CycleCancelled', data: { cancelledInStatus: 'collecting' } });
  });
});

describe('given a reviewing cycle', () => {
  it('ExtendUnitDeadline is still allowed (a late unit may be given more time)', () => {
    const { state } = when(reviewing, extend('HND', '2023-12-20'));
    expect(effectiveDeadline(state, 'HND')).toBe('2023-12-20');
  });

  it.each([assign({ unitId: 'HCCB' }), unassign('HND')])('$type is rejected with 409 CYCLE_WRONG_PHASE', (command) => {
    expectRejection(reviewing, command, 'CYCLE_WRONG_PHASE', 409);
  });

  it('CloseSubmissionWindow again is rejected with 409 CYCLE_WRONG_PHASE', () => {
    expectRejection(reviewing, closeByCoordinator('2023-12-19T09:00:00+07:00'), 'CYCLE_WRONG_PHASE', 409);
  });

  it('AdvancePhase to commenting when every assigned unit is approved', () => {
    const { events, state } = when(reviewing, advance('commenting', ['HND', 'MTTQ', 'HLHPN', 'HCCB-unassigned-later']));
    expect(events).toEqual([advanced('reviewing', 'commenting')]);
    expect(state.status).toBe('commenting');
  });

  it('AdvancePhase to commenting with units not approved is rejected with 409 CYCLE_UNITS_NOT_APPROVED listing them', () => {
    const error = expectRejection(reviewing, advance('commenting', ['MTTQ']), 'CYCLE_UNITS_NOT_APPROVED', 409);
    expect(error.details).toEqual({ missingUnitIds: ['HLHPN', 'HND'], approvedCount: 1, assignedCount: 3 });
    expect(error.messageVi).toBe('Còn 2/3 đơn vị chưa được duyệt báo cáo.');
  });

  it('AdvancePhase to commenting without the approved units is rejected with 422 CYCLE_APPROVALS_REQUIRED', () => {
    expectRejection(reviewing, advance('commenting'), 'CYCLE_APPROVALS_REQUIRED', 422);
  });

  it('AdvancePhase back to collecting is rejected with 409 CYCLE_PHASE_NOT_NEXT', () => {
    expectRejection(reviewing, advance('collecting'), 'CYCLE_PHASE_NOT_NEXT', 409);
  });
});

describe('given a commenting cycle', () => {
  it('AdvancePhase to signing', () => {
    expect(when(commenting, advance('signing')).state.status).toBe('signing');
  });

  it('ExtendUnitDeadline is rejected with 409 CYCLE_WRONG_PHASE', () => {
    expectRejection(commenting, extend('HND', '2023-12-30'), 'CYCLE_WRONG_PHASE', 409);
  });

  it('AdvancePhase to distributing (skipping sign-off) is rejected with 409 CYCLE_PHASE_NOT_NEXT', () => {
    expectRejection(commenting, advance('distributing'), 'CYCLE_PHASE_NOT_NEXT', 409);
  });
});

describe('given a signing cycle', () => {
  it('AdvancePhase to distributing', () => {
    expect(when(signing, advance('distributing')).events).toEqual([advanced('signing', 'distributing')]);
  });

  it('CancelCycle is still allowed before the sign-off', () => {
    expect(when(signing, cancel()).state.status).toBe('cancelled');
  });
});

describe('given a distributing cycle', () => {
  it('AdvancePhase to closed', () => {
    expect(when(distributing, advance('closed')).state.status).toBe('closed');
  });

  it('CancelCycle is rejected with 409 CYCLE_SIGNED_OFF', () => {
    expectRejection(distributing, cancel(), 'CYCLE_SIGNED_OFF', 409);
  });
});

describe('given a closed cycle', () => {
  it('AdvancePhase is rejected with 409 CYCLE_PHASE_NOT_NEXT (no next phase)', () => {
    const error = expectRejection(closed, advance('closed'), 'CYCLE_PHASE_NOT_NEXT', 409);
    expect(error.details).toEqual({ from: 'closed', to: 'closed', next: null });
    expect(error.messageVi).toBe('Kỳ báo cáo đã kết thúc.');
  });

  it('CancelCycle is rejected with 409 CYCLE_SIGNED_OFF', () => {
    expectRejection(closed, cancel(), 'CYCLE_SIGNED_OFF', 409);
  });

  it('AssignUnits is rejected with 409 CYCLE_WRONG_PHASE', () => {
    expectRejection(closed, assign({ unitId: 'HCCB' }), 'CYCLE_WRONG_PHASE', 409);
  });
});

describe('given a cancelled cycle', () => {
  it.each([
    assign({ unitId: 'HCCB' }),
    unassign('HND'),
    extend('HND', '2023-12-20'),
    closeByCoordinator('2023-12-17T09:00:00+07:00'),
    advance('reviewing'),
    cancel(),
  ])('$type is rejected with 409 CYCLE_CANCELLED', (command) => {
    expectRejection(cancelled, command, 'CYCLE_CANCELLED', 409);
  });

  it('OpenCycle is rejected with 409 CYCLE_ALREADY_OPENED (a new cycle needs a new id)', () => {
    expectRejection(cancelled, open(), 'CYCLE_ALREADY_OPENED', 409);
  });
});

describe('nextPhase', () => {
  it('walks plan → collecting → reviewing → commenting → signing → distributing → closed', () => {
    const walk: (CyclePhase | null)[] = ['planned'];
    while (walk[walk.length - 1] !== null) walk.push(nextPhase(walk[walk.length - 1] as CyclePhase));
    expect(walk).toEqual(['planned', 'collecting', 'reviewing', 'commenting', 'signing', 'distributing', 'closed', null]);
  });
});
