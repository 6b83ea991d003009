import { CYCLE_PHASES, nextPhase, type CyclePhase, type CycleStatus } from '../cycle/cycle.model';
import type { SubmissionStatus } from '../submission/submission.model';

/**
 * Who may do what, in which phase, for which unit: the one home of the system's policy. The API's guard (role),
 * its use cases (role, unit scope, phase) and the workflow's update validators (phase) ask `can`/`phaseRule`;
 * the `allowedActions` the API returns with each resource come from `allowedActions`, so the web app never
 * re-derives policy from roles and phases.
 *
 * State facts (the submission's or the report's status) are optional in a resource: a use case leaves them out
 * and lets the decider refuse with its precise code (SUBMISSION_UNDER_REVIEW, DOCUMENT_SIGNED …); the read
 * side passes them so the UI does not offer what the decider would refuse.
 */

/** One person may hold several. */
export const ROLES = ['admin', 'coordinator', 'reporter', 'reviewer', 'standing', 'signer', 'clerk'] as const;
export type Role = (typeof ROLES)[number];

/** The office: everyone who works on a cycle's process, as opposed to the units' reporters. */
export const OFFICE_ROLES: readonly Role[] = ['admin', 'coordinator', 'reviewer', 'standing', 'signer', 'clerk'];
/** Everyone who works on a cycle's content or process (reporters only for the cycles of their units). */
export const CYCLE_READER_ROLES: readonly Role[] = [...OFFICE_ROLES, 'reporter'];

export interface PermissionActor {
  userId: string;
  /** For the (English) message of a denial only. */
  username?: string;
  roles: readonly Role[];
  /** Units the user reports for. */
  unitIds: readonly string[];
  /** The office (coordinator, reviewer, Thường trực, BTV, clerk). */
  officeUnitId: string | null;
  /**
   * The office and the bodies it works for (see `officeBodies`), nearest first: the issuers whose cycles the
   * user's office roles act on. Absent or empty: the user acts on no cycle through an office role.
   */
  officeUnitIds?: readonly string[];
  /** Facts of the cycle this request is about, known to every check of the request (the API fills them per request). */
  requestCycle?: Pick<PermissionResource, 'cycleIssuerPath'>;
}

/** What the rules look at; each action reads only the facts it needs. */
export interface PermissionResource {
  /** The cycle's phase (or 'cancelled'). */
  cycleStatus?: CycleStatus;
  /** The user who opened the cycle. */
  cycleCoordinatorId?: string;
  /**
   * The cycle's issuing unit, then its ancestors up the registry, nearest first. Its office acts on the cycle;
   * the offices above read it (its results roll up to them); every other office neither.
   */
  cycleIssuerPath?: readonly string[];
  /** Units assigned to the cycle (cycle.read by a reporter). */
  cycleUnitIds?: readonly string[];
  /** The unit acted for (submission actions, receipts). */
  unitId?: string;
  /** State fact: the unit's submission status. */
  submissionStatus?: SubmissionStatus;
  /** State fact: the report's status ('none', 'drafting', 'signed', 'numbered', 'distributed', 'recalled'). */
  reportStatus?: string;
  /** Units the report was delivered to (report.read by a reporter). */
  reportRecipientUnitIds?: readonly string[];
  /** cycle.advance: the phase asked for. */
  to?: CyclePhase;
}

export type DenialReason = 'role' | 'phase' | 'scope' | 'state';
export interface Denial {
  allowed: false;
  reason: DenialReason;
  /** FORBIDDEN for role and scope; the conflict's code for phase and state. */
  code: string;
  /** English, for developers and logs. */
  message: string;
  messageVi: string;
  /** Extra fields of the error body (e.g. { status, allowed } of CYCLE_WRONG_PHASE). */
  details?: Record<string, unknown>;
}
export type Decision = { allowed: true } | Denial;

export const ACTIONS = [
  'cycle.list',
  'cycle.read',
  'cycle.open',
  'cycle.close-submissions',
  'cycle.advance',
  'cycle.extend-deadline',
  'cycle.assign-units',
  'board.read',
  'audit.read',
  'audit.verify',
  'registers.read',
  'users.manage',
  'org-units.manage',
  'org-units.search',
  'templates.manage',
  'submission.read',
  'submission.save-draft',
  'submission.submit',
  'submission.approve',
  'submission.return',
  'reviews.read',
  'report.read',
  'report.read-drafts',
  'report.checks',
  'report.draft',
  'report.revise',
  'report.comment',
  'report.resolve',
  'report.sign',
  'report.number',
  'report.amend-recipients',
  'report.distribute',
  'report.acknowledge',
  'report.recall',
] as const;
export type Action = (typeof ACTIONS)[number];

/** Who may move a cycle into each phase. */
export const PHASE_ROLES: Readonly<Record<Exclude<CyclePhase, 'planned' | 'reviewing'>, readonly Role[]>> = {
  collecting: ['coordinator'],
  commenting: ['reviewer'],
  signing: ['coordinator'],
  distributing: ['signer'],
  closed: ['clerk'],
};

/** Phase names in the report's phase errors. */
export const PHASE_LABELS_VI: Readonly<Record<CycleStatus, string>> = {
  planned: 'lập kế hoạch',
  collecting: 'tiếp nhận báo cáo',
  reviewing: 'thẩm định',
  commenting: 'Thường trực cho ý kiến',
  signing: 'ký ban hành',
  distributing: 'phát hành',
  closed: 'đã kết thúc',
  cancelled: 'đã hủy',
};

/** Submission statuses the unit may still edit and send (a returned one must be sent again). */
export const SUBMISSION_EDITABLE: readonly SubmissionStatus[] = ['not_started', 'draft', 'returned'];
/** Submission statuses awaiting the reviewer. */
export const SUBMISSION_AWAITING_REVIEW: readonly SubmissionStatus[] = ['submitted', 'resubmitted'];
/** Phases in which units submit. */
export const SUBMISSION_PHASES: readonly CycleStatus[] = ['collecting', 'reviewing'];
/** Phases in which units keep a draft: also before the window opens (to prepare). */
export const DRAFT_PHASES: readonly CycleStatus[] = ['planned', ...SUBMISSION_PHASES];

type Scope = (actor: PermissionActor, r: PermissionResource) => Denial | null;
type PhaseCheck = (r: PermissionResource) => Denial | null;
type StateCheck = (r: PermissionResource) => boolean | undefined;

interface Rule {
  roles: readonly Role[];
  /** Some roles pass without the scope check (the office reads every unit's submission). */
  unscopedRoles?: readonly Role[];
  scope?: Scope;
  phase?: PhaseCheck;
  /** false: not possible in this state; undefined: the state fact was not given. */
  state?: StateCheck;
  /**
   * Office scope, checked when the cycle's issuer is known: 'act' only the issuing office; 'read' the issuing
   * office and the offices above it (the administrator reads every cycle).
   */
  office?: 'act' | 'read';
}

const forbidden = (reason: 'role' | 'scope', message: string, messageVi = 'Bạn không có quyền thực hiện thao tác này.'): Denial => ({
  allowed: false,
  reason,
  code: 'FORBIDDEN',
  message,
  messageVi,
});
const conflict = (
  reason: 'phase' | 'state',
  code: string,
  message: string,
  messageVi: string,
  details?: Record<string, unknown>,
): Denial => ({ allowed: false, reason, code, message, messageVi, ...(details ? { details } : {}) });

// ---- scopes -------------------------------------------------------------------------------------------------

const reporterOfUnit: Scope = (actor, r) =>
  r.unitId !== undefined && actor.roles.includes('reporter') && actor.unitIds.includes(r.unitId)
    ? null
    : forbidden(
        'scope',
        `user ${actor.username ?? actor.userId} does not report for unit ${r.unitId}`,
        'Bạn không phải cán bộ báo cáo của đơn vị này.',
      );
const unitOfCycle: Scope = (actor, r) =>
  actor.roles.includes('reporter') && (r.cycleUnitIds ?? []).some((u) => actor.unitIds.includes(u))
    ? null
    : forbidden('scope', 'none of your units is assigned to this cycle', 'Đơn vị của bạn không tham gia kỳ báo cáo này.');
const recipientOfReport: Scope = (actor, r) =>
  (r.reportRecipientUnitIds ?? []).some((u) => actor.unitIds.includes(u))
    ? null
    : forbidden('scope', 'the report was not sent to any of your units', 'Văn bản chưa được gửi đến đơn vị của bạn.');
const actsForUnit: Scope = (actor, r) =>
  r.unitId !== undefined && actor.unitIds.includes(r.unitId)
    ? null
    : forbidden(
        'scope',
        `user ${actor.username ?? actor.userId} does not act for unit ${r.unitId}`,
        'Bạn không thuộc đơn vị nhận văn bản này.',
      );
/** A reviewer who also reports for the unit does not approve or return its submission: another reviewer does. */
const notOwnUnit: Scope = (actor, r) =>
  r.unitId !== undefined && actor.roles.includes('reporter') && actor.unitIds.includes(r.unitId)
    ? forbidden(
        'scope',
        `user ${actor.username ?? actor.userId} reports for unit ${r.unitId} and cannot review its own submission`,
        'Bạn là cán bộ báo cáo của đơn vị này nên không thể tự thẩm định báo cáo của đơn vị mình.',
      )
    : null;
const coordinatorOfCycle =
  (what: string, vi: string): Scope =>
  (actor, r) =>
    r.cycleCoordinatorId === actor.userId ? null : forbidden('scope', `only the coordinator of this cycle ${what}`, vi);

// ---- office scope -------------------------------------------------------------------------------------------

/**
 * The bodies an office works for: the office itself and its ancestors at the same level (a Ban Dân vận
 * works for the Huyện ủy above it; the Huyện ủy's own office for the Huyện ủy). `path` is the office unit then
 * its ancestors, nearest first.
 */
export function officeBodies(path: readonly { id: string; level: string }[]): string[] {
  const [office, ...above] = path;
  if (!office) return [];
  const bodies = [office.id];
  for (const unit of above) {
    if (unit.level !== office.level) break;
    bodies.push(unit.id);
  }
  return bodies;
}

const officeIds = (actor: PermissionActor) => actor.officeUnitIds ?? [];
/** The cycle is the office's own: it issued it. */
const officeActs = (actor: PermissionActor, path: readonly string[]) => path.length > 0 && officeIds(actor).includes(path[0]);
/** The cycle is the office's or below it. */
const officeReads = (actor: PermissionActor, path: readonly string[]) =>
  actor.roles.includes('admin') || path.some((u) => officeIds(actor).includes(u));
const notOfficeCycle = (path: readonly string[]) =>
  forbidden(
    'scope',
    `the cycle is issued by ${path[0] ?? 'an unknown unit'}, not by your office`,
    'Kỳ báo cáo này không thuộc cơ quan của bạn.',
  );
const readOnlyCycle = (path: readonly string[]) =>
  forbidden(
    'scope',
    `the cycle is issued by ${path[0]}, below your office: you may read it, not act on it`,
    'Kỳ báo cáo này của cấp dưới: bạn chỉ được xem, không được thao tác.',
  );

/** The office part of an action's rule: null when it passes (or the cycle's issuer is not known). */
function officeDenial(actor: PermissionActor, rule: Rule, r: PermissionResource): Denial | null {
  const path = r.cycleIssuerPath;
  if (!rule.office || path === undefined) return null;
  if (rule.office === 'act') return officeActs(actor, path) ? null : officeReads(actor, path) ? readOnlyCycle(path) : notOfficeCycle(path);
  return officeReads(actor, path) ? null : notOfficeCycle(path);
}

/**
 * The cycles a list shows the actor, for SQL: every cycle (the administrator), or those issued by the given
 * units or below them (GET /cycles: what the office reads), or issued by them exactly (GET /reviews: what it
 * acts on, less the units the actor reports for, whose submissions another reviewer reviews).
 */
export type CycleListScope = { all: true } | { issuers: readonly string[]; below: boolean; excludeUnitIds: readonly string[] };
export function cycleListScope(actor: PermissionActor, purpose: 'read' | 'act'): CycleListScope {
  if (purpose === 'read' && actor.roles.includes('admin')) return { all: true };
  return {
    issuers: officeIds(actor),
    below: purpose === 'read',
    excludeUnitIds: purpose === 'act' && actor.roles.includes('reporter') ? actor.unitIds : [],
  };
}

// ---- phases -------------------------------------------------------------------------------------------------

/** The report's phase rule: CYCLE_WRONG_PHASE with the phases allowed. */
const reportPhases =
  (allowed: readonly CycleStatus[], when?: (r: PermissionResource) => boolean): PhaseCheck =>
  (r) => {
    if (r.cycleStatus === undefined || allowed.includes(r.cycleStatus) || (when && !when(r))) return null;
    return conflict(
      'phase',
      'CYCLE_WRONG_PHASE',
      `not allowed while the cycle is ${r.cycleStatus} (allowed: ${allowed.join(', ')})`,
      `Không thực hiện được khi kỳ báo cáo đang ở giai đoạn "${PHASE_LABELS_VI[r.cycleStatus] ?? r.cycleStatus}".`,
      { status: r.cycleStatus, allowed: [...allowed] },
    );
  };
const submissionPhases =
  (allowed: readonly CycleStatus[]): PhaseCheck =>
  (r) =>
    r.cycleStatus === undefined || allowed.includes(r.cycleStatus)
      ? null
      : conflict(
          'phase',
          'CYCLE_NOT_ACCEPTING_SUBMISSIONS',
          `the cycle is ${r.cycleStatus}: submissions are not accepted`,
          'Kỳ báo cáo không còn nhận báo cáo.',
        );
/** The workflow's rule for closing the submission window. */
const closePhase: PhaseCheck = (r) =>
  r.cycleStatus === undefined || (CYCLE_COMMAND_PHASES.closeSubmissionWindow as readonly CycleStatus[]).includes(r.cycleStatus)
    ? null
    : conflict(
        'phase',
        'CYCLE_WRONG_PHASE',
        `the submission window is not open (phase ${r.cycleStatus})`,
        'Thời hạn nhận báo cáo không còn mở.',
      );
/** The workflow's rule for a phase change: the window must be closed first, and only the next phase. */
const advancePhase: PhaseCheck = (r) => {
  if (r.cycleStatus === undefined || r.to === undefined) return null;
  if (r.cycleStatus === 'collecting') {
    return conflict(
      'phase',
      'CYCLE_SUBMISSION_WINDOW_OPEN',
      'close the submission window first',
      'Cần kết thúc thời hạn nhận báo cáo trước khi chuyển giai đoạn.',
    );
  }
  const next = r.cycleStatus === 'cancelled' ? null : nextPhase(r.cycleStatus);
  return r.to === next
    ? null
    : conflict(
        'phase',
        'CYCLE_PHASE_NOT_NEXT',
        `cannot move from ${r.cycleStatus} to ${r.to}; next is ${next ?? 'none'}`,
        'Không chuyển được sang giai đoạn này.',
        { from: r.cycleStatus, to: r.to, next },
      );
};
/** Phases the cycle's own commands belong to (the cycle decider refuses others with its CYCLE_WRONG_PHASE). */
export const CYCLE_COMMAND_PHASES = {
  assignUnits: ['planned', 'collecting'],
  extendDeadline: ['collecting', 'reviewing'],
  closeSubmissionWindow: ['collecting'],
} as const satisfies Record<string, readonly CyclePhase[]>;

/** The cycle decider's phase rule as seen from here (it refuses with CYCLE_WRONG_PHASE itself; listed for allowedActions). */
const deciderPhases =
  (allowed: readonly CycleStatus[]): PhaseCheck =>
  (r) =>
    r.cycleStatus === undefined || allowed.includes(r.cycleStatus)
      ? null
      : conflict(
          'phase',
          'CYCLE_WRONG_PHASE',
          `not allowed while the cycle is ${r.cycleStatus} (allowed: ${allowed.join(', ')})`,
          `Không thực hiện được khi kỳ báo cáo đang ở giai đoạn "${PHASE_LABELS_VI[r.cycleStatus]}".`,
          { status: r.cycleStatus, allowed: [...allowed] },
        );

// ---- states (read side only) --------------------------------------------------------------------------------

const submissionIn =
  (statuses: readonly SubmissionStatus[]): StateCheck =>
  (r) =>
    r.submissionStatus === undefined ? undefined : statuses.includes(r.submissionStatus);
const reportIn =
  (statuses: readonly string[]): StateCheck =>
  (r) =>
    r.reportStatus === undefined ? undefined : statuses.includes(r.reportStatus);

/** Which cycle phases each report action belongs to. */
export const REPORT_PHASES = {
  draft: ['reviewing', 'commenting'],
  revise: ['reviewing', 'commenting', 'signing'],
  comment: ['commenting'],
  resolve: ['commenting', 'signing'],
  sign: ['signing'],
  number: ['distributing'],
  amendRecipients: ['distributing'],
  distribute: ['distributing'],
  acknowledge: ['distributing', 'closed'],
  recall: ['distributing', 'closed'],
} as const satisfies Record<string, readonly CycleStatus[]>;

const RULES: Readonly<Record<Action, Rule>> = {
  'cycle.list': { roles: OFFICE_ROLES },
  'cycle.read': { roles: CYCLE_READER_ROLES, unscopedRoles: OFFICE_ROLES, scope: unitOfCycle, office: 'read' },
  /** The cycle's issuer (cycleIssuerPath) must be the coordinator's office. */
  'cycle.open': { roles: ['coordinator'], office: 'act' },
  'cycle.close-submissions': { roles: ['coordinator'], phase: closePhase, office: 'act' },
  'cycle.advance': { roles: ['coordinator', 'reviewer', 'signer', 'clerk'], phase: advancePhase, office: 'act' },
  'cycle.extend-deadline': {
    roles: ['coordinator'],
    scope: coordinatorOfCycle('extends deadlines', 'Chỉ người điều phối kỳ báo cáo mới được gia hạn.'),
    phase: deciderPhases(CYCLE_COMMAND_PHASES.extendDeadline),
    office: 'act',
  },
  'cycle.assign-units': {
    roles: ['coordinator'],
    scope: coordinatorOfCycle('assigns units', 'Chỉ người điều phối kỳ báo cáo mới được giao thêm đơn vị.'),
    phase: deciderPhases(CYCLE_COMMAND_PHASES.assignUnits),
    office: 'act',
  },
  'board.read': { roles: OFFICE_ROLES, office: 'read' },
  'audit.read': { roles: OFFICE_ROLES, office: 'read' },
  'audit.verify': { roles: ['admin', 'coordinator'] },
  'registers.read': { roles: ['admin', 'clerk', 'coordinator', 'signer'] },
  'users.manage': { roles: ['admin'] },
  'org-units.manage': { roles: ['admin'] },
  // Finding a registry unit by name: the admin's registry page and the clerk's Nơi nhận editor.
  'org-units.search': { roles: OFFICE_ROLES },
  'templates.manage': { roles: ['coordinator', 'admin'] },
  'submission.read': { roles: CYCLE_READER_ROLES, unscopedRoles: OFFICE_ROLES, scope: reporterOfUnit, office: 'read' },
  'submission.save-draft': {
    roles: ['reporter'],
    scope: reporterOfUnit,
    phase: submissionPhases(DRAFT_PHASES),
    state: submissionIn(SUBMISSION_EDITABLE),
  },
  'submission.submit': {
    roles: ['reporter'],
    scope: reporterOfUnit,
    phase: submissionPhases(SUBMISSION_PHASES),
    state: submissionIn(SUBMISSION_EDITABLE),
  },
  'submission.approve': { roles: ['reviewer'], scope: notOwnUnit, state: submissionIn(SUBMISSION_AWAITING_REVIEW), office: 'act' },
  'submission.return': { roles: ['reviewer'], scope: notOwnUnit, state: submissionIn(SUBMISSION_AWAITING_REVIEW), office: 'act' },
  /** The queue of submissions awaiting review: whoever approves and returns them. */
  'reviews.read': { roles: ['reviewer'] },
  /** A reporter reads the issued report once it was sent to one of their units ('report.read-drafts' is the rest). */
  'report.read': { roles: CYCLE_READER_ROLES, unscopedRoles: OFFICE_ROLES, scope: recipientOfReport, office: 'read' },
  /** Drafts, their diffs and Thường trực's comments: the office only. */
  'report.read-drafts': { roles: OFFICE_ROLES, office: 'read' },
  'report.checks': { roles: OFFICE_ROLES, office: 'read' },
  'report.draft': {
    roles: ['coordinator', 'reviewer'],
    phase: reportPhases(REPORT_PHASES.draft),
    state: reportIn(['none', 'drafting']),
    office: 'act',
  },
  // A signed report is refused as such (DOCUMENT_SIGNED, by the decider), whatever phase the cycle is in.
  'report.revise': {
    roles: ['coordinator', 'reviewer'],
    phase: reportPhases(
      REPORT_PHASES.revise,
      (r) => r.reportStatus === undefined || r.reportStatus === 'none' || r.reportStatus === 'drafting',
    ),
    state: reportIn(['drafting']),
    office: 'act',
  },
  'report.comment': { roles: ['standing'], phase: reportPhases(REPORT_PHASES.comment), state: reportIn(['drafting']), office: 'act' },
  'report.resolve': {
    roles: ['coordinator', 'reviewer', 'standing'],
    phase: reportPhases(REPORT_PHASES.resolve),
    state: reportIn(['drafting']),
    office: 'act',
  },
  'report.sign': { roles: ['signer'], phase: reportPhases(REPORT_PHASES.sign), state: reportIn(['drafting']), office: 'act' },
  'report.number': { roles: ['clerk'], phase: reportPhases(REPORT_PHASES.number), state: reportIn(['signed']), office: 'act' },
  // The clerk finalises Nơi nhận at issuance: after signing, until the document is distributed.
  'report.amend-recipients': {
    roles: ['clerk'],
    phase: reportPhases(REPORT_PHASES.amendRecipients),
    state: reportIn(['signed', 'numbered']),
    office: 'act',
  },
  'report.distribute': { roles: ['clerk'], phase: reportPhases(REPORT_PHASES.distribute), state: reportIn(['numbered']), office: 'act' },
  'report.acknowledge': {
    roles: ['reporter'],
    phase: reportPhases(REPORT_PHASES.acknowledge),
    scope: actsForUnit,
    state: reportIn(['distributed']),
  },
  'report.recall': {
    roles: ['clerk', 'signer'],
    phase: reportPhases(REPORT_PHASES.recall),
    state: reportIn(['distributed', 'numbered']),
    office: 'act',
  },
};

/** The roles an action needs (the guard's first check; also its 403 message). */
export function rolesFor(action: Action): readonly Role[] {
  return RULES[action].roles;
}

const hasAny = (actor: PermissionActor, roles: readonly Role[]) => actor.roles.some((r) => roles.includes(r));

/**
 * May this actor do this action on this resource in this phase? Checked in order: role, office scope, unit
 * scope, phase, state (each only when the resource, or the actor's request cycle, gives the facts it needs);
 * the first refusal is the answer.
 */
export function can(actor: PermissionActor, action: Action, given: PermissionResource = {}): Decision {
  const rule = RULES[action];
  const resource: PermissionResource = { ...actor.requestCycle, ...given };
  if (!hasAny(actor, rule.roles)) return forbidden('role', `requires one of the roles: ${rule.roles.join(', ')}`);
  if (action === 'cycle.advance' && resource.to !== undefined) {
    const roles = (PHASE_ROLES as Partial<Record<CyclePhase, readonly Role[]>>)[resource.to];
    if (roles && !hasAny(actor, roles))
      return forbidden('role', `moving a cycle to ${resource.to} requires one of the roles: ${roles.join(', ')}`);
  }
  const office = officeDenial(actor, rule, resource);
  if (rule.scope && rule.unscopedRoles) {
    // The office reads without the unit scope, within its office scope; anyone else (a reporter) by the unit scope.
    const asOffice = hasAny(actor, rule.unscopedRoles);
    if (!(asOffice && !office)) {
      if (asOffice && !actor.roles.includes('reporter')) return office!;
      const denied = rule.scope(actor, resource);
      if (denied) return denied;
    }
  } else {
    if (office) return office;
    const denied = rule.scope?.(actor, resource);
    if (denied) return denied;
  }
  const phase = rule.phase?.(resource);
  if (phase) return phase;
  if (rule.state?.(resource) === false) {
    return conflict(
      'state',
      'ACTION_NOT_AVAILABLE',
      `${action} is not possible in this state`,
      'Không thực hiện được thao tác này ở trạng thái hiện tại.',
    );
  }
  return { allowed: true };
}

/**
 * The office part of an action's rule alone (the API's cycle guard, before the use case knows the unit): an
 * action a reporter may also do passes for a reporter, whose unit scope the use case checks.
 */
export function officeRule(actor: PermissionActor, action: Action, given: PermissionResource = {}): Decision {
  const rule = RULES[action];
  if (rule.roles.includes('reporter') && actor.roles.includes('reporter')) return { allowed: true };
  return officeDenial(actor, rule, { ...actor.requestCycle, ...given }) ?? { allowed: true };
}

/** The phase part of an action's rule alone (the workflow's update validators, which know no actor). */
export function phaseRule(action: Action, resource: PermissionResource): Decision {
  return RULES[action].phase?.(resource) ?? { allowed: true };
}

/** Actions the UI offers on each kind of resource, by the names the API returns. */
export const RESOURCE_ACTIONS = {
  submission: {
    'save-draft': 'submission.save-draft',
    submit: 'submission.submit',
    approve: 'submission.approve',
    return: 'submission.return',
  },
  cycle: {
    'close-submissions': 'cycle.close-submissions',
    advance: 'cycle.advance',
    'extend-deadline': 'cycle.extend-deadline',
    'assign-units': 'cycle.assign-units',
    'draft-report': 'report.draft',
  },
  report: {
    draft: 'report.draft',
    revise: 'report.revise',
    comment: 'report.comment',
    resolve: 'report.resolve',
    sign: 'report.sign',
    number: 'report.number',
    'amend-recipients': 'report.amend-recipients',
    distribute: 'report.distribute',
    acknowledge: 'report.acknowledge',
    recall: 'report.recall',
    download: 'report.read',
  },
} as const satisfies Record<string, Record<string, Action>>;
export type ResourceKind = keyof typeof RESOURCE_ACTIONS;
export type SubmissionAction = keyof typeof RESOURCE_ACTIONS.submission;
export type CycleAction = keyof typeof RESOURCE_ACTIONS.cycle;
export type ReportAction = keyof typeof RESOURCE_ACTIONS.report;

/**
 * What the actor may do on a resource, by the names the API returns (e.g. ['approve', 'return']). For a
 * cycle, 'advance' means to the next phase; for a report, 'acknowledge' is for one of the actor's units the
 * report was delivered to, 'download' needs a drafted report.
 */
export function allowedActions<K extends ResourceKind>(
  actor: PermissionActor,
  kind: K,
  resource: PermissionResource,
): (keyof (typeof RESOURCE_ACTIONS)[K])[] {
  const table = RESOURCE_ACTIONS[kind] as Record<string, Action>;
  return Object.entries(table)
    .filter(([name, action]) => {
      if (kind === 'cycle' && name === 'advance') {
        const next = resource.cycleStatus && resource.cycleStatus !== 'cancelled' ? nextPhase(resource.cycleStatus) : null;
        return next !== null && can(actor, action, { ...resource, to: next }).allowed;
      }
      if (kind === 'report' && name === 'acknowledge') {
        return (resource.reportRecipientUnitIds ?? []).some((u) => can(actor, action, { ...resource, unitId: u }).allowed);
      }
      if (kind === 'report' && name === 'download' && (resource.reportStatus === undefined || resource.reportStatus === 'none'))
        return false;
      return can(actor, action, resource).allowed;
    })
    .map(([name]) => name as keyof (typeof RESOURCE_ACTIONS)[K]);
}

/** Every phase a cycle can be in (for the table test). */
export const CYCLE_STATUSES: readonly CycleStatus[] = [...CYCLE_PHASES, 'cancelled'];
