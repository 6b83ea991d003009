import { assertNever, type Decider } from '../shared/decider';
import { conflict, invalid } from '../shared/domain-error';
import { compareIsoDates, latenessAgainst, requireIsoDate, requireIsoInstant, type IsoDate } from '../shared/iso-date';
import { cleanText, requireNonBlank } from '../shared/text';
import type {
  AdvancePhase,
  AssignUnits,
  CancelCycle,
  CloseSubmissionWindow,
  CycleCommand,
  ExtendUnitDeadline,
  OpenCycle,
  UnassignUnit,
  UnitAssignment,
} from './cycle.commands';
import type { CycleEvent, UnitDeadline } from './cycle.events';
import {
  effectiveDeadline,
  isCyclePhase,
  MILESTONE_ORDER,
  nextPhase,
  SIGNING_AUTHORITIES,
  type CycleMilestones,
  type CyclePeriod,
  type CyclePhase,
  type CycleState,
  type IssuingBody,
  type OpenedCycleState,
  type Signer,
} from './cycle.model';
import { CYCLE_COMMAND_PHASES } from '../permissions/permissions';

export function initialCycleState(): CycleState {
  return { status: 'not_opened' };
}

export function decideCycle(command: CycleCommand, state: CycleState): CycleEvent[] {
  if (command.type === 'OpenCycle') return open(command, state);
  if (state.status === 'not_opened') {
    throw conflict('CYCLE_NOT_OPENED', `${command.type}: the cycle has not been opened`, 'Kỳ báo cáo chưa được mở.', {
      command: command.type,
    });
  }
  if (state.status === 'cancelled') {
    throw conflict('CYCLE_CANCELLED', `${command.type}: the cycle was cancelled`, 'Kỳ báo cáo đã bị hủy.', {
      command: command.type,
      cycleId: state.cycleId,
    });
  }
  switch (command.type) {
    case 'AssignUnits':
      return assign(command, state);
    case 'UnassignUnit':
      return unassign(command, state);
    case 'ExtendUnitDeadline':
      return extend(command, state);
    case 'CloseSubmissionWindow':
      return closeWindow(command, state);
    case 'AdvancePhase':
      return advance(command, state);
    case 'CancelCycle':
      return cancel(command, state);
    default:
      return assertNever(command, 'cycle command');
  }
}

export function evolveCycle(state: CycleState, event: CycleEvent): CycleState {
  if (event.type === 'CycleOpened') {
    const { units, signer, ...rest } = event.data;
    return {
      status: 'planned',
      ...rest,
      ...(signer !== undefined ? { signer } : {}),
      assignedUnits: units.map((u) => ({ unitId: u.unitId, baseDeadline: u.baseDeadline, extensions: [] })),
    };
  }
  if (state.status === 'not_opened') return state;
  switch (event.type) {
    case 'UnitsAssigned':
      return {
        ...state,
        assignedUnits: [
          ...state.assignedUnits,
          ...event.data.units.map((u) => ({ unitId: u.unitId, baseDeadline: u.baseDeadline, extensions: [] })),
        ],
      };
    case 'UnitUnassigned':
      return { ...state, assignedUnits: state.assignedUnits.filter((u) => u.unitId !== event.data.unitId) };
    case 'UnitDeadlineExtended': {
      const { unitId, previousDeadline, newDeadline, reason } = event.data;
      return {
        ...state,
        assignedUnits: state.assignedUnits.map((u) =>
          u.unitId === unitId ? { ...u, extensions: [...u.extensions, { previousDeadline, newDeadline, reason }] } : u,
        ),
      };
    }
    case 'SubmissionWindowClosed':
      return {
        ...state,
        status: 'reviewing',
        submissionWindow: { closedAt: event.data.closedAt, closedBy: event.data.closedBy, early: event.data.early },
      };
    case 'CyclePhaseAdvanced':
      return { ...state, status: event.data.to };
    case 'CycleCancelled':
      return {
        ...state,
        status: 'cancelled',
        cancellation: { reason: event.data.reason, cancelledInStatus: event.data.cancelledInStatus },
      };
    default:
      return assertNever(event, 'cycle event');
  }
}

export const cycleDecider: Decider<CycleCommand, CycleEvent, CycleState> = {
  decide: decideCycle,
  evolve: evolveCycle,
  initialState: initialCycleState,
};

// ---------------------------------------------------------------------------------------------------------

const PHASE_LABELS_VI: Record<CyclePhase, string> = {
  planned: 'lập kế hoạch',
  collecting: 'tiếp nhận báo cáo của đơn vị',
  reviewing: 'Ban Dân vận thẩm định',
  commenting: 'Thường trực cho ý kiến',
  signing: 'Ban Thường vụ thông qua, ký ban hành',
  distributing: 'phát hành',
  closed: 'đã kết thúc',
};

function requirePhase(state: OpenedCycleState, allowed: readonly CyclePhase[], command: string): CyclePhase {
  const status = state.status as CyclePhase;
  if (!allowed.includes(status)) {
    throw conflict(
      'CYCLE_WRONG_PHASE',
      `${command} is not allowed in phase ${status} (allowed: ${allowed.join(', ')})`,
      `Không thực hiện được thao tác này khi kỳ báo cáo đang ở giai đoạn "${PHASE_LABELS_VI[status]}".`,
      { command, status, allowed: [...allowed] },
    );
  }
  return status;
}

function open(command: OpenCycle, state: CycleState): CycleEvent[] {
  if (state.status !== 'not_opened') {
    throw conflict('CYCLE_ALREADY_OPENED', `cycle ${state.cycleId} is already open`, 'Kỳ báo cáo đã được mở.', { cycleId: state.cycleId });
  }
  const d = command.data;
  const cycleId = requireNonBlank(d.cycleId, 'cycleId', 'Mã kỳ báo cáo');
  const templateId = requireNonBlank(d.templateId, 'templateId', 'Mẫu báo cáo');
  if (!Number.isInteger(d.templateVersion) || d.templateVersion < 1) {
    throw invalid('CYCLE_TEMPLATE_VERSION_INVALID', 'templateVersion must be a positive integer', 'Phiên bản mẫu báo cáo không hợp lệ.', {
      templateVersion: d.templateVersion,
    });
  }
  const period = checkPeriod(d.period);
  const issuingBody: IssuingBody = {
    unitId: requireNonBlank(d.issuingBody?.unitId, 'issuingBody.unitId', 'Cơ quan ban hành'),
    name: cleanText(requireNonBlank(d.issuingBody?.name, 'issuingBody.name', 'Tên cơ quan ban hành')),
    symbol: requireNonBlank(d.issuingBody?.symbol, 'issuingBody.symbol', 'Ký hiệu cơ quan ban hành'),
  };
  const signer = d.signer === undefined ? undefined : checkSigner(d.signer);
  const coordinatorId = requireNonBlank(d.coordinatorId, 'coordinatorId', 'Người điều phối');
  const milestones = checkMilestones(d.milestones, period);
  const units = resolveAssignments(d.units, milestones, period, []);
  return [
    {
      type: 'CycleOpened',
      data: {
        cycleId,
        templateId,
        templateVersion: d.templateVersion,
        period,
        issuingBody,
        ...(signer !== undefined ? { signer } : {}),
        coordinatorId,
        milestones,
        units,
        ...(d.previousCycleId ? { previousCycleId: d.previousCycleId } : {}),
        ...(d.targets ? { targets: checkTargets(d.targets) } : {}),
      },
    },
  ];
}

function checkTargets(targets: Record<string, number>): Record<string, number> {
  for (const [code, target] of Object.entries(targets)) {
    if (typeof target !== 'number' || !Number.isFinite(target) || target < 0) {
      throw invalid(
        'CYCLE_TARGET_INVALID',
        `target of ${code} must be a non-negative number`,
        `Chỉ tiêu kế hoạch của "${code}" phải là số không âm.`,
        { indicatorCode: code },
      );
    }
  }
  return { ...targets };
}

function checkPeriod(p: CyclePeriod): CyclePeriod {
  const kind = requireNonBlank(p?.kind, 'period.kind', 'Loại kỳ báo cáo');
  const label = cleanText(requireNonBlank(p?.label, 'period.label', 'Tên kỳ báo cáo'));
  const dataFrom = requireIsoDate(p.dataFrom, 'period.dataFrom');
  const dataTo = requireIsoDate(p.dataTo, 'period.dataTo');
  if (compareIsoDates(dataFrom, dataTo) > 0) {
    throw invalid(
      'CYCLE_PERIOD_INVALID',
      `period.dataFrom ${dataFrom} is after period.dataTo ${dataTo}`,
      `Thời điểm bắt đầu lấy số liệu (${dataFrom}) sau thời điểm chốt số liệu (${dataTo}).`,
      { dataFrom, dataTo },
    );
  }
  return { ...p, kind, label, dataFrom, dataTo };
}

function checkSigner(s: Signer): Signer {
  if (!(SIGNING_AUTHORITIES as readonly string[]).includes(s.authority)) {
    throw invalid(
      'CYCLE_SIGNER_AUTHORITY_UNKNOWN',
      `unknown signing authority ${JSON.stringify(s.authority)}`,
      `Thẩm quyền ký "${String(s.authority)}" không hợp lệ (T/M, K/T, T/L, TUQ, TM., KT., TL.).`,
      { authority: s.authority },
    );
  }
  return {
    authority: s.authority,
    title: cleanText(requireNonBlank(s.title, 'signer.title', 'Chức vụ người ký')),
    name: cleanText(requireNonBlank(s.name, 'signer.name', 'Họ tên người ký')),
  };
}

function checkMilestones(m: CycleMilestones, period: CyclePeriod): CycleMilestones {
  const checked = {} as CycleMilestones;
  for (const key of MILESTONE_ORDER) checked[key] = requireIsoDate(m?.[key], `milestones.${key}`);
  for (let i = 1; i < MILESTONE_ORDER.length; i++) {
    const earlier = MILESTONE_ORDER[i - 1];
    const later = MILESTONE_ORDER[i];
    if (compareIsoDates(checked[earlier], checked[later]) > 0) {
      throw invalid(
        'CYCLE_MILESTONES_OUT_OF_ORDER',
        `milestones.${later} (${checked[later]}) is before milestones.${earlier} (${checked[earlier]})`,
        'Các mốc thời gian của kỳ báo cáo không theo đúng thứ tự (hạn nộp → thẩm định → cho ý kiến → thông qua → phát hành).',
        { earlier, later, [earlier]: checked[earlier], [later]: checked[later] },
      );
    }
  }
  requireNotBeforeCutoff(checked.submissionDeadline, period, 'milestones.submissionDeadline');
  return checked;
}

function requireNotBeforeCutoff(deadline: IsoDate, period: CyclePeriod, field: string): void {
  if (compareIsoDates(deadline, period.dataTo) < 0) {
    throw invalid(
      'CYCLE_DEADLINE_BEFORE_DATA_CUTOFF',
      `${field} ${deadline} is before the data cut-off ${period.dataTo}`,
      `Hạn nộp báo cáo (${deadline}) trước ngày chốt số liệu (${period.dataTo}).`,
      { field, deadline, dataTo: period.dataTo },
    );
  }
}

function resolveAssignments(
  units: readonly UnitAssignment[] | undefined,
  milestones: CycleMilestones,
  period: CyclePeriod,
  alreadyAssigned: readonly string[],
): UnitDeadline[] {
  if (!units || units.length === 0) {
    throw invalid('CYCLE_NO_UNITS', 'at least one unit must be assigned', 'Cần giao báo cáo cho ít nhất một đơn vị.');
  }
  const resolved: UnitDeadline[] = [];
  // Sets, not scans of the list: a national cycle assigns 20,000 units in one command.
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  units.forEach((u, i) => {
    const unitId = requireNonBlank(u.unitId, `units[${i}].unitId`, 'Đơn vị');
    if (seen.has(unitId)) duplicates.add(unitId);
    seen.add(unitId);
    const baseDeadline = u.deadline === undefined ? milestones.submissionDeadline : requireIsoDate(u.deadline, `units[${i}].deadline`);
    requireNotBeforeCutoff(baseDeadline, period, `units[${i}].deadline`);
    if (compareIsoDates(baseDeadline, milestones.submissionDeadline) > 0) {
      throw invalid(
        'CYCLE_UNIT_DEADLINE_AFTER_WINDOW',
        `units[${i}].deadline ${baseDeadline} is after the submission deadline ${milestones.submissionDeadline}`,
        `Hạn nộp của đơn vị (${baseDeadline}) sau hạn nộp chung của kỳ báo cáo (${milestones.submissionDeadline}); hãy dùng gia hạn.`,
        { unitId, deadline: baseDeadline, submissionDeadline: milestones.submissionDeadline },
      );
    }
    resolved.push({ unitId, baseDeadline });
  });
  if (duplicates.size > 0) {
    throw invalid('CYCLE_DUPLICATE_UNITS', `units listed more than once: ${[...duplicates].join(', ')}`, 'Có đơn vị được giao trùng lặp.', {
      unitIds: [...duplicates],
    });
  }
  const assignedBefore = new Set(alreadyAssigned);
  const again = resolved.filter((r) => assignedBefore.has(r.unitId)).map((r) => r.unitId);
  if (again.length > 0) {
    throw conflict(
      'CYCLE_UNIT_ALREADY_ASSIGNED',
      `units already assigned: ${again.join(', ')}`,
      'Có đơn vị đã được giao báo cáo trong kỳ này.',
      { unitIds: again },
    );
  }
  return resolved;
}

function assign(command: AssignUnits, state: OpenedCycleState): CycleEvent[] {
  requirePhase(state, CYCLE_COMMAND_PHASES.assignUnits, command.type);
  const units = resolveAssignments(
    command.data.units,
    state.milestones,
    state.period,
    state.assignedUnits.map((u) => u.unitId),
  );
  return [{ type: 'UnitsAssigned', data: { cycleId: state.cycleId, units } }];
}

function unassign(command: UnassignUnit, state: OpenedCycleState): CycleEvent[] {
  requirePhase(state, CYCLE_COMMAND_PHASES.assignUnits, command.type);
  const unitId = requireAssigned(state, command.data.unitId);
  if (state.assignedUnits.length === 1) {
    throw conflict('CYCLE_LAST_UNIT', 'the last assigned unit cannot be removed', 'Không thể bỏ đơn vị cuối cùng của kỳ báo cáo.', {
      unitId,
    });
  }
  const reason = command.data.reason === undefined ? '' : cleanText(command.data.reason);
  return [{ type: 'UnitUnassigned', data: { cycleId: state.cycleId, unitId, ...(reason !== '' ? { reason } : {}) } }];
}

function extend(command: ExtendUnitDeadline, state: OpenedCycleState): CycleEvent[] {
  requirePhase(state, CYCLE_COMMAND_PHASES.extendDeadline, command.type);
  const unitId = requireAssigned(state, command.data.unitId);
  const reason = cleanText(requireNonBlank(command.data.reason, 'reason', 'Lý do gia hạn', 'CYCLE_EXTENSION_REASON_REQUIRED'));
  const newDeadline = requireIsoDate(command.data.newDeadline, 'newDeadline');
  const previousDeadline = effectiveDeadline(state, unitId) as IsoDate;
  if (compareIsoDates(newDeadline, previousDeadline) <= 0) {
    throw invalid(
      'CYCLE_EXTENSION_NOT_LATER',
      `new deadline ${newDeadline} is not after the current ${previousDeadline}`,
      `Hạn mới (${newDeadline}) phải sau hạn hiện tại (${previousDeadline}).`,
      { unitId, previousDeadline, newDeadline },
    );
  }
  return [{ type: 'UnitDeadlineExtended', data: { cycleId: state.cycleId, unitId, previousDeadline, newDeadline, reason } }];
}

function closeWindow(command: CloseSubmissionWindow, state: OpenedCycleState): CycleEvent[] {
  requirePhase(state, CYCLE_COMMAND_PHASES.closeSubmissionWindow, command.type);
  const closedAt = requireIsoInstant(command.data.at, 'at');
  const { by } = command.data;
  const afterDeadline = latenessAgainst(closedAt, state.milestones.submissionDeadline).late;
  if (by.kind === 'coordinator') {
    if (by.userId !== state.coordinatorId) {
      throw conflict(
        'CYCLE_NOT_COORDINATOR',
        `user ${by.userId} is not the coordinator of cycle ${state.cycleId}`,
        'Chỉ người điều phối kỳ báo cáo mới được kết thúc thời hạn nhận báo cáo.',
        { userId: by.userId },
      );
    }
  } else if (!afterDeadline) {
    throw conflict(
      'CYCLE_DEADLINE_NOT_REACHED',
      `the submission deadline ${state.milestones.submissionDeadline} has not passed at ${closedAt}`,
      'Chưa hết hạn nộp báo cáo.',
      { submissionDeadline: state.milestones.submissionDeadline, at: closedAt },
    );
  }
  const closedBy = by.kind === 'coordinator' ? { kind: 'coordinator' as const, userId: by.userId } : { kind: 'deadline' as const };
  return [{ type: 'SubmissionWindowClosed', data: { cycleId: state.cycleId, closedBy, closedAt, early: !afterDeadline } }];
}

function advance(command: AdvancePhase, state: OpenedCycleState): CycleEvent[] {
  const { to } = command.data;
  if (!isCyclePhase(to)) {
    throw invalid('CYCLE_PHASE_UNKNOWN', `unknown phase ${JSON.stringify(to)}`, 'Giai đoạn không hợp lệ.', { to });
  }
  const from = state.status as CyclePhase;
  const next = nextPhase(from);
  if (to !== next) {
    throw conflict(
      'CYCLE_PHASE_NOT_NEXT',
      `cannot move from ${from} to ${to}; next is ${next ?? 'none'}`,
      next === null
        ? 'Kỳ báo cáo đã kết thúc.'
        : `Không thể chuyển từ giai đoạn "${PHASE_LABELS_VI[from]}" sang "${PHASE_LABELS_VI[to]}"; giai đoạn kế tiếp là "${PHASE_LABELS_VI[next]}".`,
      { from, to, next },
    );
  }
  if (from === 'collecting') {
    throw conflict(
      'CYCLE_SUBMISSION_WINDOW_OPEN',
      'close the submission window first (CloseSubmissionWindow)',
      'Cần kết thúc thời hạn nhận báo cáo trước khi chuyển sang thẩm định.',
      { from, to },
    );
  }
  if (from === 'reviewing') {
    const approved = command.data.approvedUnitIds;
    if (approved === undefined) {
      throw invalid(
        'CYCLE_APPROVALS_REQUIRED',
        'reviewing → commenting needs approvedUnitIds',
        'Thiếu danh sách đơn vị đã được duyệt báo cáo.',
        { from, to },
      );
    }
    const approvedSet = new Set(approved);
    const missing = state.assignedUnits.map((u) => u.unitId).filter((id) => !approvedSet.has(id));
    if (missing.length > 0) {
      throw conflict(
        'CYCLE_UNITS_NOT_APPROVED',
        `${missing.length} assigned unit(s) not approved: ${missing.join(', ')}`,
        `Còn ${missing.length}/${state.assignedUnits.length} đơn vị chưa được duyệt báo cáo.`,
        { missingUnitIds: missing, approvedCount: state.assignedUnits.length - missing.length, assignedCount: state.assignedUnits.length },
      );
    }
  }
  return [{ type: 'CyclePhaseAdvanced', data: { cycleId: state.cycleId, from, to } }];
}

function cancel(command: CancelCycle, state: OpenedCycleState): CycleEvent[] {
  const status = state.status as CyclePhase;
  if (status === 'distributing' || status === 'closed') {
    throw conflict(
      'CYCLE_SIGNED_OFF',
      `a cycle cannot be cancelled once signed off (phase ${status})`,
      'Báo cáo đã được ký ban hành, không thể hủy kỳ báo cáo.',
      { status },
    );
  }
  const reason = cleanText(requireNonBlank(command.data.reason, 'reason', 'Lý do hủy', 'CYCLE_CANCEL_REASON_REQUIRED'));
  return [{ type: 'CycleCancelled', data: { cycleId: state.cycleId, reason, cancelledInStatus: status } }];
}

function requireAssigned(state: OpenedCycleState, rawUnitId: string): string {
  const unitId = requireNonBlank(rawUnitId, 'unitId', 'Đơn vị');
  if (!state.assignedUnits.some((u) => u.unitId === unitId)) {
    throw conflict(
      'CYCLE_UNIT_NOT_ASSIGNED',
      `unit ${unitId} is not assigned to cycle ${state.cycleId}`,
      'Đơn vị không được giao báo cáo trong kỳ này.',
      { unitId },
    );
  }
  return unitId;
}
