import type { CycleStatus } from '../cycle/cycle.model';
import {
  ACTIONS, allowedActions, can, CYCLE_STATUSES, phaseRule, ROLES, type Action, type PermissionActor, type PermissionResource, type Role,
} from './permissions';

/*
 * The policy, written out by hand: for every action, which roles may do it and in which cycle phases (the unit
 * scope and the state satisfied). The test asks `can` for every role × action × phase and compares.
 */
const ALL: readonly CycleStatus[] = CYCLE_STATUSES;
const OFFICE: Role[] = ['admin', 'coordinator', 'reviewer', 'standing', 'signer', 'clerk'];
const EVERYONE: Role[] = [...OFFICE, 'reporter'];

const TABLE: Record<Exclude<Action, 'cycle.advance'>, { roles: Role[]; phases: readonly CycleStatus[] }> = {
  'cycle.list': { roles: OFFICE, phases: ALL },
  'cycle.read': { roles: EVERYONE, phases: ALL },
  'cycle.open': { roles: ['coordinator'], phases: ALL },
  'cycle.close-submissions': { roles: ['coordinator'], phases: ['collecting'] },
  'cycle.extend-deadline': { roles: ['coordinator'], phases: ['collecting', 'reviewing'] },
  'cycle.assign-units': { roles: ['coordinator'], phases: ['planned', 'collecting'] },
  'board.read': { roles: OFFICE, phases: ALL },
  'audit.read': { roles: OFFICE, phases: ALL },
  'audit.verify': { roles: ['admin', 'coordinator'], phases: ALL },
  'registers.read': { roles: ['admin', 'coordinator', 'signer', 'clerk'], phases: ALL },
  'users.manage': { roles: ['admin'], phases: ALL },
  'org-units.manage': { roles: ['admin'], phases: ALL },
  'org-units.search': { roles: OFFICE, phases: ALL },
  'templates.manage': { roles: ['coordinator', 'admin'], phases: ALL },
  'submission.read': { roles: EVERYONE, phases: ALL },
  'submission.save-draft': { roles: ['reporter'], phases: ['planned', 'collecting', 'reviewing'] },
  'submission.submit': { roles: ['reporter'], phases: ['collecting', 'reviewing'] },
  'submission.approve': { roles: ['reviewer'], phases: ALL },
  'submission.return': { roles: ['reviewer'], phases: ALL },
  'reviews.read': { roles: ['reviewer'], phases: ALL },
  'report.read': { roles: EVERYONE, phases: ALL },
  'report.checks': { roles: OFFICE, phases: ALL },
  'report.draft': { roles: ['coordinator', 'reviewer'], phases: ['reviewing', 'commenting'] },
  'report.revise': { roles: ['coordinator', 'reviewer'], phases: ['reviewing', 'commenting', 'signing'] },
  'report.comment': { roles: ['standing'], phases: ['commenting'] },
  'report.resolve': { roles: ['coordinator', 'reviewer', 'standing'], phases: ['commenting', 'signing'] },
  'report.sign': { roles: ['signer'], phases: ['signing'] },
  'report.number': { roles: ['clerk'], phases: ['distributing'] },
  'report.amend-recipients': { roles: ['clerk'], phases: ['distributing'] },
  'report.distribute': { roles: ['clerk'], phases: ['distributing'] },
  'report.acknowledge': { roles: ['reporter'], phases: ['distributing', 'closed'] },
  'report.recall': { roles: ['clerk', 'signer'], phases: ['distributing', 'closed'] },
};

/** Moving a cycle on: from each phase, the role that may move it to the next one (none from collecting: the window closes first). */
const ADVANCE: Partial<Record<CycleStatus, Role>> = {
  planned: 'coordinator', reviewing: 'reviewer', commenting: 'coordinator', signing: 'signer', distributing: 'clerk',
};
const NEXT: Partial<Record<CycleStatus, CycleStatus>> = {
  planned: 'collecting', collecting: 'reviewing', reviewing: 'commenting', commenting: 'signing', signing: 'distributing', distributing: 'closed',
};

const actor = (role: Role, over: Partial<PermissionActor> = {}): PermissionActor =>
  ({ userId: 'u-1', username: `user.${role}`, roles: [role], unitIds: role === 'reporter' ? ['hlhpn'] : [], officeUnitId: null, ...over });
/** The facts that put every scoped action in the actor's scope. */
const inScope = (phase: CycleStatus): PermissionResource =>
  ({ cycleStatus: phase, unitId: 'hlhpn', cycleCoordinatorId: 'u-1', cycleUnitIds: ['hlhpn', 'hnd'], reportRecipientUnitIds: ['hlhpn'] });

/** role → the phases in which `can` allows the action. */
const observed = (action: Action, resource: (phase: CycleStatus) => PermissionResource) =>
  Object.fromEntries(ROLES.map((role) => [role, ALL.filter((phase) => can(actor(role), action, resource(phase)).allowed)]));

describe('permissions: every role × action × phase', () => {
  it('has a row for every action', () => {
    expect([...Object.keys(TABLE), 'cycle.advance'].sort()).toEqual([...ACTIONS].sort());
  });

  it.each(Object.entries(TABLE))('%s', (action, { roles, phases }) => {
    const expected = Object.fromEntries(ROLES.map((role) => [role, roles.includes(role) ? [...phases] : []]));
    expect(observed(action as Action, inScope)).toEqual(expected);
  });

  it('cycle.advance: only to the next phase, each by its own role, never while the window is open', () => {
    const expected = Object.fromEntries(ROLES.map((role) => [role, ALL.filter((phase) => ADVANCE[phase] === role)]));
    expect(observed('cycle.advance', (phase) => ({ cycleStatus: phase, to: (NEXT[phase] ?? 'closed') as never }))).toEqual(expected);
  });
});

describe('why a refusal', () => {
  it('role: FORBIDDEN naming the roles (the guard\'s 403 body)', () => {
    expect(can(actor('standing'), 'submission.approve')).toEqual({
      allowed: false, reason: 'role', code: 'FORBIDDEN', message: 'requires one of the roles: reviewer', messageVi: 'Bạn không có quyền thực hiện thao tác này.',
    });
    expect(can(actor('reviewer'), 'cycle.advance', { to: 'signing' })).toMatchObject({
      reason: 'role', message: 'moving a cycle to signing requires one of the roles: coordinator',
    });
  });

  it('scope: a reporter acts only for their units; the office reads every unit; only the cycle\'s coordinator extends', () => {
    expect(can(actor('reporter'), 'submission.submit', { unitId: 'hnd' })).toEqual({
      allowed: false, reason: 'scope', code: 'FORBIDDEN', message: 'user user.reporter does not report for unit hnd', messageVi: 'Bạn không phải cán bộ báo cáo của đơn vị này.',
    });
    expect(can(actor('reporter'), 'submission.read', { unitId: 'hnd' })).toMatchObject({ allowed: false, reason: 'scope' });
    expect(can(actor('clerk'), 'submission.read', { unitId: 'hnd' })).toEqual({ allowed: true });
    expect(can(actor('reporter'), 'cycle.read', { cycleUnitIds: ['hnd'] })).toMatchObject({ reason: 'scope', message: 'none of your units is assigned to this cycle' });
    expect(can(actor('reporter'), 'report.read', { reportRecipientUnitIds: [] })).toMatchObject({ reason: 'scope', message: 'the report was not sent to any of your units' });
    expect(can(actor('coordinator'), 'cycle.extend-deadline', { cycleCoordinatorId: 'someone-else' })).toMatchObject({
      reason: 'scope', message: 'only the coordinator of this cycle extends deadlines', messageVi: 'Chỉ người điều phối kỳ báo cáo mới được gia hạn.',
    });
  });

  it('phase: the code and body each use case has always answered', () => {
    expect(can(actor('reporter'), 'submission.submit', { unitId: 'hlhpn', cycleStatus: 'commenting' })).toEqual({
      allowed: false, reason: 'phase', code: 'CYCLE_NOT_ACCEPTING_SUBMISSIONS', message: 'the cycle is commenting: submissions are not accepted', messageVi: 'Kỳ báo cáo không còn nhận báo cáo.',
    });
    expect(can(actor('signer'), 'report.sign', { cycleStatus: 'commenting' })).toEqual({
      allowed: false, reason: 'phase', code: 'CYCLE_WRONG_PHASE', message: 'not allowed while the cycle is commenting (allowed: signing)',
      messageVi: 'Không thực hiện được khi kỳ báo cáo đang ở giai đoạn "Thường trực cho ý kiến".', details: { status: 'commenting', allowed: ['signing'] },
    });
  });

  it('phase alone, for the workflow\'s validators (no actor)', () => {
    expect(phaseRule('cycle.close-submissions', { cycleStatus: 'collecting' })).toEqual({ allowed: true });
    expect(phaseRule('cycle.close-submissions', { cycleStatus: 'reviewing' })).toMatchObject({ code: 'CYCLE_WRONG_PHASE', message: 'the submission window is not open (phase reviewing)' });
    expect(phaseRule('cycle.advance', { cycleStatus: 'collecting', to: 'reviewing' })).toMatchObject({ code: 'CYCLE_SUBMISSION_WINDOW_OPEN', message: 'close the submission window first' });
    expect(phaseRule('cycle.advance', { cycleStatus: 'reviewing', to: 'signing' })).toMatchObject({
      code: 'CYCLE_PHASE_NOT_NEXT', message: 'cannot move from reviewing to signing; next is commenting',
    });
    expect(phaseRule('cycle.advance', { cycleStatus: 'closed', to: 'closed' })).toMatchObject({ code: 'CYCLE_PHASE_NOT_NEXT', message: 'cannot move from closed to closed; next is none' });
    expect(phaseRule('cycle.advance', { cycleStatus: 'signing', to: 'distributing' })).toEqual({ allowed: true });
  });

  it('state: given only when the caller passes it (the read side), so the decider keeps its own precise refusals', () => {
    expect(can(actor('reviewer'), 'submission.approve', { submissionStatus: 'draft' })).toMatchObject({ allowed: false, reason: 'state' });
    expect(can(actor('reviewer'), 'submission.approve', {})).toEqual({ allowed: true });
    // A signed report: revise is refused as such by the decider, whatever the phase.
    expect(can(actor('coordinator'), 'report.revise', { cycleStatus: 'distributing', reportStatus: 'signed' })).toMatchObject({ reason: 'state' });
    expect(can(actor('coordinator'), 'report.revise', { cycleStatus: 'distributing', reportStatus: 'drafting' })).toMatchObject({ reason: 'phase' });
  });
});

describe('allowedActions', () => {
  const collecting = (submissionStatus: PermissionResource['submissionStatus']): PermissionResource => ({ cycleStatus: 'collecting', unitId: 'hlhpn', submissionStatus });

  it('on a submission: the reporter of the unit edits and sends until it is sent; the reviewer then approves or returns; after approval nobody', () => {
    const table = (['not_started', 'draft', 'submitted', 'returned', 'resubmitted', 'approved'] as const).map((status) => [
      status, allowedActions(actor('reporter'), 'submission', collecting(status)), allowedActions(actor('reviewer'), 'submission', collecting(status)),
      allowedActions(actor('coordinator'), 'submission', collecting(status)),
    ]);
    expect(table).toEqual([
      ['not_started', ['save-draft', 'submit'], [], []],
      ['draft', ['save-draft', 'submit'], [], []],
      ['submitted', [], ['approve', 'return'], []],
      ['returned', ['save-draft', 'submit'], [], []],
      ['resubmitted', [], ['approve', 'return'], []],
      ['approved', [], [], []],
    ]);
    expect(allowedActions(actor('reporter', { unitIds: ['hnd'] }), 'submission', collecting('draft'))).toEqual([]);
    expect(allowedActions(actor('reporter'), 'submission', { ...collecting('draft'), cycleStatus: 'planned' })).toEqual(['save-draft']);
    expect(allowedActions(actor('reporter'), 'submission', { ...collecting('draft'), cycleStatus: 'cancelled' })).toEqual([]);
  });

  it('on a cycle: the phase change offered is the next one, to the role that makes it', () => {
    const coordinator = actor('coordinator');
    expect(allowedActions(coordinator, 'cycle', { cycleStatus: 'collecting', cycleCoordinatorId: 'u-1', reportStatus: 'none' }))
      .toEqual(['close-submissions', 'extend-deadline', 'assign-units']);
    expect(allowedActions(actor('reviewer'), 'cycle', { cycleStatus: 'reviewing', cycleCoordinatorId: 'u-1', reportStatus: 'drafting' })).toEqual(['advance', 'draft-report']);
    expect(allowedActions(coordinator, 'cycle', { cycleStatus: 'reviewing', cycleCoordinatorId: 'someone-else', reportStatus: 'none' })).toEqual(['draft-report']);
  });

  it('on a report: by phase and status; download once a version exists; acknowledge for a unit it was delivered to', () => {
    expect(allowedActions(actor('standing'), 'report', { cycleStatus: 'commenting', reportStatus: 'drafting' })).toEqual(['comment', 'resolve', 'download']);
    expect(allowedActions(actor('signer'), 'report', { cycleStatus: 'signing', reportStatus: 'drafting' })).toEqual(['sign', 'download']);
    expect(allowedActions(actor('clerk'), 'report', { cycleStatus: 'distributing', reportStatus: 'signed' })).toEqual(['number', 'amend-recipients', 'download']);
    expect(allowedActions(actor('clerk'), 'report', { cycleStatus: 'distributing', reportStatus: 'numbered' })).toEqual(['amend-recipients', 'distribute', 'recall', 'download']);
    expect(allowedActions(actor('reporter'), 'report', { cycleStatus: 'distributing', reportStatus: 'distributed', reportRecipientUnitIds: ['hlhpn'] }))
      .toEqual(['acknowledge', 'download']);
    expect(allowedActions(actor('reporter'), 'report', { cycleStatus: 'distributing', reportStatus: 'distributed', reportRecipientUnitIds: ['hnd'] })).toEqual([]);
    expect(allowedActions(actor('coordinator'), 'report', { cycleStatus: 'reviewing', reportStatus: 'none' })).toEqual(['draft']);
  });
});
