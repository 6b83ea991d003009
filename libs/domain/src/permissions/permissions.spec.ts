import type { CycleStatus } from '../cycle/cycle.model';
import {
  ACTIONS,
  allowedActions,
  can,
  cycleListScope,
  CYCLE_STATUSES,
  officeBodies,
  officeRule,
  phaseRule,
  ROLES,
  type Action,
  type PermissionActor,
  type PermissionResource,
  type Role,
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
  'report.read-drafts': { roles: OFFICE, phases: ALL },
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
  planned: 'coordinator',
  reviewing: 'reviewer',
  commenting: 'coordinator',
  signing: 'signer',
  distributing: 'clerk',
};
const NEXT: Partial<Record<CycleStatus, CycleStatus>> = {
  planned: 'collecting',
  collecting: 'reviewing',
  reviewing: 'commenting',
  commenting: 'signing',
  signing: 'distributing',
  distributing: 'closed',
};

const actor = (role: Role, over: Partial<PermissionActor> = {}): PermissionActor => ({
  userId: 'u-1',
  username: `user.${role}`,
  roles: [role],
  unitIds: role === 'reporter' ? ['hlhpn'] : [],
  officeUnitId: null,
  ...over,
});
/** The facts that put every scoped action in the actor's scope. */
const inScope = (phase: CycleStatus): PermissionResource => ({
  cycleStatus: phase,
  unitId: 'hlhpn',
  cycleCoordinatorId: 'u-1',
  cycleUnitIds: ['hlhpn', 'hnd'],
  reportRecipientUnitIds: ['hlhpn'],
});

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
  it("role: FORBIDDEN naming the roles (the guard's 403 body)", () => {
    expect(can(actor('standing'), 'submission.approve')).toEqual({
      allowed: false,
      reason: 'role',
      code: 'FORBIDDEN',
      message: 'requires one of the roles: reviewer',
      messageVi: 'Bạn không có quyền thực hiện thao tác này.',
    });
    expect(can(actor('reviewer'), 'cycle.advance', { to: 'signing' })).toMatchObject({
      reason: 'role',
      message: 'moving a cycle to signing requires one of the roles: coordinator',
    });
  });

  it("scope: a reporter acts only for their units; the office reads every unit; only the cycle's coordinator extends", () => {
    expect(can(actor('reporter'), 'submission.submit', { unitId: 'hnd' })).toEqual({
      allowed: false,
      reason: 'scope',
      code: 'FORBIDDEN',
      message: 'user user.reporter does not report for unit hnd',
      messageVi: 'Bạn không phải cán bộ báo cáo của đơn vị này.',
    });
    expect(can(actor('reporter'), 'submission.read', { unitId: 'hnd' })).toMatchObject({ allowed: false, reason: 'scope' });
    expect(can(actor('clerk'), 'submission.read', { unitId: 'hnd' })).toEqual({ allowed: true });
    expect(can(actor('reporter'), 'cycle.read', { cycleUnitIds: ['hnd'] })).toMatchObject({
      reason: 'scope',
      message: 'none of your units is assigned to this cycle',
    });
    expect(can(actor('reporter'), 'report.read', { reportRecipientUnitIds: [] })).toMatchObject({
      reason: 'scope',
      message: 'the report was not sent to any of your units',
    });
    expect(can(actor('coordinator'), 'cycle.extend-deadline', { cycleCoordinatorId: 'someone-else' })).toMatchObject({
      reason: 'scope',
      message: 'only the coordinator of this cycle extends deadlines',
      messageVi: 'Chỉ người điều phối kỳ báo cáo mới được gia hạn.',
    });
  });

  it('phase: the code and body each use case has always answered', () => {
    expect(can(actor('reporter'), 'submission.submit', { unitId: 'hlhpn', cycleStatus: 'commenting' })).toEqual({
      allowed: false,
      reason: 'phase',
      code: 'CYCLE_NOT_ACCEPTING_SUBMISSIONS',
      message: 'the cycle is commenting: submissions are not accepted',
      messageVi: 'Kỳ báo cáo không còn nhận báo cáo.',
    });
    expect(can(actor('signer'), 'report.sign', { cycleStatus: 'commenting' })).toEqual({
      allowed: false,
      reason: 'phase',
      code: 'CYCLE_WRONG_PHASE',
      message: 'not allowed while the cycle is commenting (allowed: signing)',
      messageVi: 'Không thực hiện được khi kỳ báo cáo đang ở giai đoạn "Thường trực cho ý kiến".',
      details: { status: 'commenting', allowed: ['signing'] },
    });
  });

  it("phase alone, for the workflow's validators (no actor)", () => {
    expect(phaseRule('cycle.close-submissions', { cycleStatus: 'collecting' })).toEqual({ allowed: true });
    expect(phaseRule('cycle.close-submissions', { cycleStatus: 'reviewing' })).toMatchObject({
      code: 'CYCLE_WRONG_PHASE',
      message: 'the submission window is not open (phase reviewing)',
    });
    expect(phaseRule('cycle.advance', { cycleStatus: 'collecting', to: 'reviewing' })).toMatchObject({
      code: 'CYCLE_SUBMISSION_WINDOW_OPEN',
      message: 'close the submission window first',
    });
    expect(phaseRule('cycle.advance', { cycleStatus: 'reviewing', to: 'signing' })).toMatchObject({
      code: 'CYCLE_PHASE_NOT_NEXT',
      message: 'cannot move from reviewing to signing; next is commenting',
    });
    expect(phaseRule('cycle.advance', { cycleStatus: 'closed', to: 'closed' })).toMatchObject({
      code: 'CYCLE_PHASE_NOT_NEXT',
      message: 'cannot move from closed to closed; next is none',
    });
    expect(phaseRule('cycle.advance', { cycleStatus: 'signing', to: 'distributing' })).toEqual({ allowed: true });
  });

  it('state: given only when the caller passes it (the read side), so the decider keeps its own precise refusals', () => {
    expect(can(actor('reviewer'), 'submission.approve', { submissionStatus: 'draft' })).toMatchObject({ allowed: false, reason: 'state' });
    expect(can(actor('reviewer'), 'submission.approve', {})).toEqual({ allowed: true });
    // A signed report: revise is refused as such by the decider, whatever the phase.
    expect(can(actor('coordinator'), 'report.revise', { cycleStatus: 'distributing', reportStatus: 'signed' })).toMatchObject({
      reason: 'state',
    });
    expect(can(actor('coordinator'), 'report.revise', { cycleStatus: 'distributing', reportStatus: 'drafting' })).toMatchObject({
      reason: 'phase',
    });
  });
});

describe('allowedActions', () => {
  const collecting = (submissionStatus: PermissionResource['submissionStatus']): PermissionResource => ({
    cycleStatus: 'collecting',
    unitId: 'hlhpn',
    submissionStatus,
  });

  it('on a submission: the reporter of the unit edits and sends until it is sent; the reviewer then approves or returns; after approval nobody', () => {
    const table = (['not_started', 'draft', 'submitted', 'returned', 'resubmitted', 'approved'] as const).map((status) => [
      status,
      allowedActions(actor('reporter'), 'submission', collecting(status)),
      allowedActions(actor('reviewer'), 'submission', collecting(status)),
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
    expect(allowedActions(coordinator, 'cycle', { cycleStatus: 'collecting', cycleCoordinatorId: 'u-1', reportStatus: 'none' })).toEqual([
      'close-submissions',
      'extend-deadline',
      'assign-units',
    ]);
    expect(
      allowedActions(actor('reviewer'), 'cycle', { cycleStatus: 'reviewing', cycleCoordinatorId: 'u-1', reportStatus: 'drafting' }),
    ).toEqual(['advance', 'draft-report']);
    expect(
      allowedActions(coordinator, 'cycle', { cycleStatus: 'reviewing', cycleCoordinatorId: 'someone-else', reportStatus: 'none' }),
    ).toEqual(['draft-report']);
  });

  it('on a report: by phase and status; download once a version exists; acknowledge for a unit it was delivered to', () => {
    expect(allowedActions(actor('standing'), 'report', { cycleStatus: 'commenting', reportStatus: 'drafting' })).toEqual([
      'comment',
      'resolve',
      'download',
    ]);
    expect(allowedActions(actor('signer'), 'report', { cycleStatus: 'signing', reportStatus: 'drafting' })).toEqual(['sign', 'download']);
    expect(allowedActions(actor('clerk'), 'report', { cycleStatus: 'distributing', reportStatus: 'signed' })).toEqual([
      'number',
      'amend-recipients',
      'download',
    ]);
    expect(allowedActions(actor('clerk'), 'report', { cycleStatus: 'distributing', reportStatus: 'numbered' })).toEqual([
      'amend-recipients',
      'distribute',
      'recall',
      'download',
    ]);
    expect(
      allowedActions(actor('reporter'), 'report', {
        cycleStatus: 'distributing',
        reportStatus: 'distributed',
        reportRecipientUnitIds: ['hlhpn'],
      }),
    ).toEqual(['acknowledge', 'download']);
    expect(
      allowedActions(actor('reporter'), 'report', {
        cycleStatus: 'distributing',
        reportStatus: 'distributed',
        reportRecipientUnitIds: ['hnd'],
      }),
    ).toEqual([]);
    expect(allowedActions(actor('coordinator'), 'report', { cycleStatus: 'reviewing', reportStatus: 'none' })).toEqual(['draft']);
  });
});

describe('office scope: the issuing office acts, the offices above read, others neither', () => {
  // Huyện ủy (district) with its Ban Dân vận at the same level; a commune below; another district beside.
  const DISTRICT_CYCLE = ['huyen-uy', 'tinh-uy'];
  const COMMUNE_CYCLE = ['dang-uy-xa', 'huyen-uy', 'tinh-uy'];
  const OTHER_DISTRICT_CYCLE = ['huyen-uy-khac', 'tinh-uy'];
  const office = (role: Role, bodies: string[] = ['bdv', 'huyen-uy']) => actor(role, { officeUnitId: bodies[0], officeUnitIds: bodies });
  const ACTING: [Action, Role, PermissionResource][] = [
    ['cycle.open', 'coordinator', {}],
    ['cycle.close-submissions', 'coordinator', {}],
    ['cycle.advance', 'reviewer', {}],
    ['cycle.extend-deadline', 'coordinator', { cycleCoordinatorId: 'u-1' }],
    ['cycle.assign-units', 'coordinator', { cycleCoordinatorId: 'u-1' }],
    ['submission.approve', 'reviewer', { unitId: 'hlhpn' }],
    ['submission.return', 'reviewer', { unitId: 'hlhpn' }],
    ['report.draft', 'coordinator', {}],
    ['report.revise', 'reviewer', {}],
    ['report.comment', 'standing', {}],
    ['report.resolve', 'standing', {}],
    ['report.sign', 'signer', {}],
    ['report.number', 'clerk', {}],
    ['report.distribute', 'clerk', {}],
    ['report.recall', 'clerk', {}],
  ];

  it('the bodies of an office: itself and its ancestors at its own level', () => {
    expect(
      officeBodies([
        { id: 'bdv', level: 'huyen' },
        { id: 'huyen-uy', level: 'huyen' },
        { id: 'tinh-uy', level: 'tinh' },
      ]),
    ).toEqual(['bdv', 'huyen-uy']);
    expect(
      officeBodies([
        { id: 'huyen-uy', level: 'huyen' },
        { id: 'tinh-uy', level: 'tinh' },
      ]),
    ).toEqual(['huyen-uy']);
    expect(officeBodies([])).toEqual([]);
  });

  it.each(ACTING)(
    "%s (%s): allowed on the office's cycle, read-only below, refused elsewhere and without an office",
    (action, role, facts) => {
      expect(can(office(role), action, { ...facts, cycleIssuerPath: DISTRICT_CYCLE })).toEqual({ allowed: true });
      expect(can(office(role), action, { ...facts, cycleIssuerPath: COMMUNE_CYCLE })).toMatchObject({
        allowed: false,
        reason: 'scope',
        code: 'FORBIDDEN',
        message: 'the cycle is issued by dang-uy-xa, below your office: you may read it, not act on it',
      });
      expect(can(office(role), action, { ...facts, cycleIssuerPath: OTHER_DISTRICT_CYCLE })).toMatchObject({
        allowed: false,
        reason: 'scope',
        message: 'the cycle is issued by huyen-uy-khac, not by your office',
      });
      expect(can(actor(role), action, { ...facts, cycleIssuerPath: DISTRICT_CYCLE })).toMatchObject({ allowed: false, reason: 'scope' });
      // The same facts given by the request's cycle.
      expect(can(office(role, []), action, facts).allowed).toBe(true);
      expect(can({ ...office(role), requestCycle: { cycleIssuerPath: OTHER_DISTRICT_CYCLE } }, action, facts).allowed).toBe(false);
    },
  );

  it.each(['cycle.read', 'submission.read', 'report.read', 'report.read-drafts', 'report.checks', 'board.read', 'audit.read'] as Action[])(
    '%s: the office and the offices above read; another office does not; the administrator reads every cycle',
    (action) => {
      expect(can(office('standing', ['huyen-uy']), action, { cycleIssuerPath: DISTRICT_CYCLE, unitId: 'x' }).allowed).toBe(true);
      expect(can(office('standing', ['huyen-uy']), action, { cycleIssuerPath: COMMUNE_CYCLE, unitId: 'x' }).allowed).toBe(true);
      expect(can(office('standing', ['dang-uy-xa']), action, { cycleIssuerPath: DISTRICT_CYCLE, unitId: 'x' })).toMatchObject({
        allowed: false,
        message: 'the cycle is issued by huyen-uy, not by your office',
      });
      expect(can(actor('admin'), action, { cycleIssuerPath: OTHER_DISTRICT_CYCLE, unitId: 'x' }).allowed).toBe(true);
    },
  );

  it("a reviewer who also reports for another office's unit reads it as its reporter, not as an office user", () => {
    const both = actor('reviewer', { roles: ['reviewer', 'reporter'], unitIds: ['hlhpn'], officeUnitIds: ['huyen-uy-khac'] });
    expect(can(both, 'submission.read', { cycleIssuerPath: DISTRICT_CYCLE, unitId: 'hlhpn' }).allowed).toBe(true);
    expect(can(both, 'submission.read', { cycleIssuerPath: DISTRICT_CYCLE, unitId: 'hnd' })).toMatchObject({
      allowed: false,
      message: 'user user.reviewer does not report for unit hnd',
    });
    expect(officeRule(both, 'submission.read', { cycleIssuerPath: DISTRICT_CYCLE }).allowed).toBe(true);
    expect(officeRule(both, 'board.read', { cycleIssuerPath: DISTRICT_CYCLE }).allowed).toBe(false);
  });

  it('a reviewer does not approve or return the submission of a unit they report for', () => {
    const both = actor('reviewer', { roles: ['reviewer', 'reporter'], unitIds: ['hlhpn'], officeUnitIds: ['huyen-uy'] });
    for (const action of ['submission.approve', 'submission.return'] as const) {
      expect(can(both, action, { unitId: 'hlhpn', cycleIssuerPath: DISTRICT_CYCLE })).toMatchObject({
        allowed: false,
        reason: 'scope',
        message: 'user user.reviewer reports for unit hlhpn and cannot review its own submission',
      });
      expect(can(both, action, { unitId: 'hnd', cycleIssuerPath: DISTRICT_CYCLE }).allowed).toBe(true);
    }
    expect(allowedActions(both, 'submission', { cycleStatus: 'collecting', unitId: 'hlhpn', submissionStatus: 'submitted' })).toEqual([]);
  });

  it('lists: the administrator reads every cycle; an office the cycles it issued or below; the review queue only its own, less its own units', () => {
    expect(cycleListScope(actor('admin'), 'read')).toEqual({ all: true });
    expect(cycleListScope(office('coordinator'), 'read')).toEqual({ issuers: ['bdv', 'huyen-uy'], below: true, excludeUnitIds: [] });
    const both = actor('reviewer', { roles: ['reviewer', 'reporter'], unitIds: ['hlhpn'], officeUnitIds: ['huyen-uy'] });
    expect(cycleListScope(both, 'act')).toEqual({ issuers: ['huyen-uy'], below: false, excludeUnitIds: ['hlhpn'] });
    expect(cycleListScope(actor('reviewer'), 'act')).toEqual({ issuers: [], below: false, excludeUnitIds: [] });
  });
});
