import { existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { ApiSession } from '../apps/api/src/demo/seed-demo';
import { DEMO_DISTRICT_ID } from '../apps/api/src/demo/demo-data';
import { ROLES, Role } from '../apps/api/src/auth/roles';
import {
  ApiStack,
  cycleBody,
  DEMO_PASSWORD,
  HttpResult,
  login,
  openCycle,
  request,
  startStack,
  TEST_ADMIN_PASSWORD,
  VALID_CONTENT,
  STARTUP_TIMEOUT_MS,
  waitForPhase,
} from './support/api-stack';
import { registeredRoutes } from './support/routes';
import { AccountFixtures, accountFixtures } from './support/accounts';
import { readModelsCurrent } from './support/read-models';

/**
 * Authorization matrix: every role × every endpoint, plus anonymous. Each cell is one test, named
 * "<role> <METHOD> <route> → <outcome>". An allowed cell asserts the exact status the guard let through to
 * (a 2xx, or a deterministic domain 409); a denied one asserts 403 FORBIDDEN (401 AUTHENTICATION_REQUIRED
 * for anonymous) and, for a write, that no event was stored.
 *
 * State: every write whose allowed cell succeeds works on a cycle of its own (opened in beforeAll), so no
 * cell changes what another cell expects; denied cells change nothing by definition (and that is asserted).
 */

type Caller = Role | 'anonymous';
const CALLERS: Caller[] = [...ROLES, 'anonymous'];

/** One account per role, each holding that role only (the demo's signer also holds 'standing', so a signer-only account is added). */
const ACCOUNTS: Record<Role, { username: string; password: string }> = {
  admin: { username: 'admin', password: TEST_ADMIN_PASSWORD },
  coordinator: { username: 'chuyenvien.bdv', password: DEMO_PASSWORD },
  reporter: { username: 'canbo.hlhpn-tam-duong', password: DEMO_PASSWORD },
  reviewer: { username: 'lanhdao.bdv', password: DEMO_PASSWORD },
  standing: { username: 'thuongtruc', password: DEMO_PASSWORD },
  signer: { username: 'btv.kyduyet', password: DEMO_PASSWORD },
  clerk: { username: 'vanthu', password: DEMO_PASSWORD },
};
/** The reporter's own unit, and a unit of the same cycles it does not report for. */
const UNIT = 'hlhpn-tam-duong';
const OTHER_UNIT = 'hnd-tam-duong';

interface Fixtures {
  /** The demo cycle: collecting for the whole file (no allowed cell in this file moves it). */
  demo: string;
  /** Collecting, assigned only OTHER_UNIT: the reporter is not part of it. */
  foreign: string;
  /** One fresh collecting cycle per state-changing endpoint. */
  close: string;
  extend: string;
  draft: string;
  submit: string;
  /** UNIT has submitted (awaiting review). */
  toReturn: string;
  toApprove: string;
  /** Opened with startCollecting: false. */
  planned: string;
  /** Reviewing, UNIT approved, no report yet (the draft row drafts it). */
  reportReviewing: string;
  /** Commenting, with draft version 1 of the report. */
  reportCommenting: string;
  /** Accounts, one per administrative endpoint (test/support/accounts.ts). */
  users: AccountFixtures;
}

/** 'allow' cells carry the exact status expected once the guards let the request through. */
type Outcome = { allow: number; error?: string } | 401 | 403;
type Row = {
  /** As printed: the route in OpenAPI syntax (unit ids as {unit} / {otherUnit}), plus what distinguishes the row. */
  name: string;
  /** The route the row exercises, as the application registers it ("GET /cycles/{cycleId}"); default: the name. */
  route?: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH';
  path: (fx: Fixtures) => string;
  body?: (caller: Caller) => unknown;
  /** Writes: a denied cell must leave the stored state (events, accounts) unchanged; an allowed one changes it. */
  write?: boolean;
  /** Use a session of its own (the cell ends or changes it), not the caller's shared one. */
  ownSession?: boolean;
  outcomes: Record<Caller, Outcome>;
  /** Exact 403 message where it is specific to the row (e.g. the unit scope). */
  forbiddenMessage?: Partial<Record<Caller, string>>;
};

const allow = (status: number, error?: string): Outcome => ({ allow: status, ...(error ? { error } : {}) });
/** Everyone signed in gets `status`; anonymous gets 401. */
const signedIn = (status: number): Record<Caller, Outcome> => ({
  admin: allow(status),
  coordinator: allow(status),
  reporter: allow(status),
  reviewer: allow(status),
  standing: allow(status),
  signer: allow(status),
  clerk: allow(status),
  anonymous: 401,
});
/** Only `roles` pass (with `outcome`); other roles 403; anonymous 401. */
const only = (roles: Role[], outcome: Outcome): Record<Caller, Outcome> =>
  Object.fromEntries(CALLERS.map((c) => [c, c === 'anonymous' ? 401 : roles.includes(c) ? outcome : 403])) as Record<Caller, Outcome>;
const everyone = (status: number): Record<Caller, Outcome> =>
  Object.fromEntries(CALLERS.map((c) => [c, allow(status)])) as Record<Caller, Outcome>;

/** Who reads the coordinator's board (reporters see their own unit's submission instead). */
const BOARD_READERS: Role[] = ['admin', 'coordinator', 'reviewer', 'standing', 'signer', 'clerk'];

const sub =
  (unit: string, action = '') =>
  (id: string) =>
    `/cycles/${id}/units/${unit}/submission${action}`;
const notReporterOf = (unit: string) => `user ${ACCOUNTS.reporter.username} does not report for unit ${unit}`;

/** The office reads a report at any stage; a reporter only once it was sent to one of their units. */
const OFFICE: Role[] = ['admin', 'coordinator', 'reviewer', 'standing', 'signer', 'clerk'];
const REPORT_NOT_SENT = 'the report was not sent to any of your units';
/** PDF needs LibreOffice on the server: without it an allowed caller gets 503 PDF_UNAVAILABLE. */
const HAS_SOFFICE = ['soffice', 'libreoffice'].some((p) => (process.env.PATH ?? '').split(':').some((dir) => existsSync(`${dir}/${p}`)));
const report =
  (path = '') =>
  (fx: Fixtures) =>
    `/cycles/${fx.reportCommenting}/report${path}`;

const REPORT_ROWS: Row[] = [
  {
    name: 'GET /cycles/{cycleId}/report',
    method: 'GET',
    path: report(),
    outcomes: only(OFFICE, allow(200)),
    forbiddenMessage: { reporter: REPORT_NOT_SENT },
  },
  { name: 'GET /cycles/{cycleId}/report/checks', method: 'GET', path: report('/checks'), outcomes: only(OFFICE, allow(200)) },
  {
    name: 'GET /cycles/{cycleId}/report/checks/missing-units',
    method: 'GET',
    path: report('/checks/missing-units'),
    outcomes: only(OFFICE, allow(200)),
  },
  {
    // The office pages the deliveries (a receiving unit sees its own on GET /me/reports); this report is not sent yet: an empty page.
    name: 'GET /cycles/{cycleId}/report/deliveries',
    method: 'GET',
    path: report('/deliveries'),
    outcomes: only(OFFICE, allow(200)),
  },
  {
    name: 'GET /cycles/{cycleId}/report/checks/findings',
    method: 'GET',
    path: report('/checks/findings?severity=error'),
    outcomes: only(OFFICE, allow(200)),
  },
  {
    // Both permitted roles draft on the same cycle: a second draft is version 2 (regenerated from the figures).
    name: 'POST /cycles/{cycleId}/report/draft',
    method: 'POST',
    path: (fx) => `/cycles/${fx.reportReviewing}/report/draft`,
    write: true,
    body: () => ({}),
    outcomes: only(['coordinator', 'reviewer'], allow(200)),
  },
  {
    name: 'GET /cycles/{cycleId}/report/versions/{version}',
    method: 'GET',
    path: report('/versions/1'),
    outcomes: only(OFFICE, allow(200)),
    forbiddenMessage: { reporter: REPORT_NOT_SENT },
  },
  {
    name: 'GET /cycles/{cycleId}/report/versions/{version}/diff',
    method: 'GET',
    path: report('/versions/1/diff?from=1'),
    outcomes: only(OFFICE, allow(200)),
    forbiddenMessage: { reporter: REPORT_NOT_SENT },
  },
  {
    name: 'GET /cycles/{cycleId}/report/versions/{version}/figure-sources',
    method: 'GET',
    path: report('/versions/1/figure-sources?passageId=s2.1/p1'),
    outcomes: only(OFFICE, allow(200)),
  },
  {
    name: 'POST /cycles/{cycleId}/report/revisions',
    method: 'POST',
    path: report('/revisions'),
    write: true,
    body: () => ({ baseVersion: 99, title: 'tổng kết công tác dân vận' }),
    outcomes: only(['coordinator', 'reviewer'], allow(409, 'REPORT_VERSION_STALE')),
  },
  {
    name: 'POST /cycles/{cycleId}/report/comments',
    method: 'POST',
    path: report('/comments'),
    write: true,
    body: () => ({ version: 1, passageId: 't', text: 'Đề nghị viết gọn trích yếu.' }),
    outcomes: only(['standing'], allow(200)),
  },
  {
    name: 'POST /cycles/{cycleId}/report/comments/{commentId}/resolve',
    method: 'POST',
    path: report('/comments/c-none/resolve'),
    write: true,
    body: () => ({}),
    outcomes: only(['coordinator', 'reviewer', 'standing'], allow(422, 'REPORT_COMMENT_UNKNOWN')),
  },
  // The cycle is in Thường trực comments: a permitted role reaches the phase check (409); a reviewer trying to sign gets 403.
  {
    name: 'POST /cycles/{cycleId}/report/sign',
    method: 'POST',
    path: report('/sign'),
    write: true,
    body: () => ({ version: 1 }),
    outcomes: only(['signer'], allow(409, 'CYCLE_WRONG_PHASE')),
  },
  {
    name: 'POST /cycles/{cycleId}/report/number',
    method: 'POST',
    path: report('/number'),
    write: true,
    body: () => ({}),
    outcomes: only(['clerk'], allow(409, 'CYCLE_WRONG_PHASE')),
  },
  {
    name: 'PUT /cycles/{cycleId}/report/recipients',
    method: 'PUT',
    path: report('/recipients'),
    write: true,
    body: () => ({ recipients: [{ name: 'Sở Nội vụ', purpose: 'b/c' }], archive: ['Văn phòng Huyện ủy'] }),
    outcomes: only(['clerk'], allow(409, 'CYCLE_WRONG_PHASE')),
  },
  {
    name: 'POST /cycles/{cycleId}/report/distribute',
    method: 'POST',
    path: report('/distribute'),
    write: true,
    outcomes: only(['clerk'], allow(409, 'CYCLE_WRONG_PHASE')),
  },
  {
    name: 'POST /cycles/{cycleId}/report/receipts',
    method: 'POST',
    path: report('/receipts'),
    write: true,
    body: () => ({ unitId: UNIT }),
    outcomes: only(['reporter'], allow(409, 'CYCLE_WRONG_PHASE')),
  },
  {
    name: 'POST /cycles/{cycleId}/report/recall',
    method: 'POST',
    path: report('/recall'),
    write: true,
    body: () => ({ reason: 'Thu hồi thử.' }),
    outcomes: only(['clerk', 'signer'], allow(409, 'CYCLE_WRONG_PHASE')),
  },
  {
    name: 'GET /cycles/{cycleId}/report/document.docx',
    method: 'GET',
    path: report('/document.docx'),
    outcomes: only(OFFICE, allow(200)),
    forbiddenMessage: { reporter: REPORT_NOT_SENT },
  },
  {
    name: 'GET /cycles/{cycleId}/report/document.pdf',
    method: 'GET',
    path: report('/document.pdf'),
    outcomes: only(OFFICE, HAS_SOFFICE ? allow(200) : allow(503, 'PDF_UNAVAILABLE')),
    forbiddenMessage: { reporter: REPORT_NOT_SENT },
  },
  {
    name: 'GET /registers',
    method: 'GET',
    path: () => '/registers',
    outcomes: only(['admin', 'coordinator', 'signer', 'clerk'], allow(200)),
  },
  {
    // An admin reaches the registry: closing a unit that was never registered is 409 (a real close is in test/report-contracts).
    name: 'POST /org-units/{unitId}/close',
    method: 'POST',
    path: () => '/org-units/khong-ton-tai/close',
    write: true,
    body: () => ({ activeTo: '2027-06-30', reason: 'Sáp nhập.' }),
    outcomes: only(['admin'], allow(409, 'UNIT_NOT_REGISTERED')),
  },
  {
    // The reporter of the unit reaches the source lookup: an unknown lower-level cycle is 404.
    name: 'POST /cycles/{cycleId}/units/{unit}/submission/from-cycle',
    route: 'POST /cycles/{cycleId}/units/{unitId}/submission/from-cycle',
    method: 'POST',
    path: (fx) => sub(UNIT, '/from-cycle')(fx.demo),
    write: true,
    body: () => ({ sourceCycleId: '7b0c6f1e-1d2a-4b3c-8d4e-5f6a7b8c9d0e' }),
    outcomes: only(['reporter'], allow(404, 'CYCLE_NOT_FOUND')),
  },
];

/**
 * The caller's own inbox and preferences (issue #6): every signed-in role, only their own. The read-mark row uses
 * an id that is in nobody's inbox, so each allowed cell gets the same deterministic 404 (the success path and
 * the unit scope are in test/contracts.e2e-spec.ts). These write no event (read marks and preferences are
 * rows of their own tables), so they are not `write` rows; the 401 cells still check that nothing was stored.
 */
const NOT_IN_INBOX = '00000000-0000-4000-8000-000000000000';
const ME_ROWS: Row[] = [
  { name: 'GET /me/notifications', method: 'GET', path: () => '/me/notifications', outcomes: signedIn(200) },
  {
    name: 'POST /me/notifications/{notificationId}/read',
    method: 'POST',
    path: () => `/me/notifications/${NOT_IN_INBOX}/read`,
    outcomes: Object.fromEntries(CALLERS.map((c) => [c, c === 'anonymous' ? 401 : allow(404, 'NOTIFICATION_NOT_FOUND')])) as Record<
      Caller,
      Outcome
    >,
  },
  { name: 'GET /me/preferences', method: 'GET', path: () => '/me/preferences', outcomes: signedIn(200) },
  {
    name: 'PUT /me/preferences',
    method: 'PUT',
    path: () => '/me/preferences',
    body: () => ({ emailEnabled: true, digestTime: '07:00' }),
    outcomes: signedIn(200),
  },
  // The web app's work lists (issue #13): everyone has "Việc của tôi" (empty without units); the queue is the reviewers'.
  { name: 'GET /me/assignments', method: 'GET', path: () => '/me/assignments', outcomes: signedIn(200) },
  { name: 'GET /me/reports', method: 'GET', path: () => '/me/reports', outcomes: signedIn(200) },
  { name: 'GET /reviews', method: 'GET', path: () => '/reviews', outcomes: only(['reviewer'], allow(200)) },
  {
    name: 'GET /periods/suggestion',
    method: 'GET',
    path: () => '/periods/suggestion?kind=annual&year=2027',
    outcomes: only(['coordinator'], allow(200)),
  },
  { name: 'GET /me/capabilities', method: 'GET', path: () => '/me/capabilities', outcomes: signedIn(200) },
  // Reminders only add notifications (no cycle event): the demo cycle stays as every other cell expects it.
  {
    name: 'POST /cycles/{cycleId}/reminders',
    method: 'POST',
    path: (fx) => `/cycles/${fx.demo}/reminders`,
    write: true,
    outcomes: only(['coordinator'], allow(200)),
  },
  // The office's paged read pages (issue #15, s2-office): the cycles list and a cycle's audit timeline and board as of a moment.
  { name: 'GET /cycle-list', method: 'GET', path: () => '/cycle-list?limit=5', outcomes: only(OFFICE, allow(200)) },
  {
    name: 'GET /cycles/{cycleId}/audit/timeline',
    method: 'GET',
    path: (fx) => `/cycles/${fx.demo}/audit/timeline?limit=5`,
    outcomes: only(OFFICE, allow(200)),
  },
  {
    name: 'GET /cycles/{cycleId}/audit/board',
    method: 'GET',
    path: (fx) => `/cycles/${fx.demo}/audit/board`,
    outcomes: only(OFFICE, allow(200)),
  },
  // The administrator's pages (issue #15): accounts and the organisation tree, paged; another name of a unit (an unregistered one: 409, nothing stored).
  { name: 'GET /accounts', method: 'GET', path: () => '/accounts?limit=5', outcomes: only(['admin'], allow(200)) },
  { name: 'GET /org-units/children', method: 'GET', path: () => '/org-units/children?limit=5', outcomes: only(['admin'], allow(200)) },
  // Office roles find registry units by name (the clerk's Nơi nhận editor); a unit's reporter does not.
  { name: 'GET /org-units/search', method: 'GET', path: () => '/org-units/search?q=tam', outcomes: only(OFFICE, allow(200)) },
  {
    name: 'POST /org-units/{unitId}/aliases',
    method: 'POST',
    path: () => '/org-units/khong-ton-tai/aliases',
    write: true,
    body: () => ({ alias: 'Tên khác' }),
    outcomes: only(['admin'], allow(409, 'UNIT_NOT_REGISTERED')),
  },
];

const ROWS: Row[] = [
  { name: 'GET /health', method: 'GET', path: () => '/health', outcomes: everyone(200) },
  { name: 'GET /health/read-models', method: 'GET', path: () => '/health/read-models', outcomes: everyone(200) },
  { name: 'GET /docs/openapi.json', method: 'GET', path: () => '/docs/openapi.json', outcomes: everyone(200) },
  { name: 'GET /ui', method: 'GET', path: () => '/ui', outcomes: everyone(200) },
  { name: 'GET /ui/{file}', method: 'GET', path: () => '/ui/app.js', outcomes: everyone(200) },
  {
    name: 'POST /auth/login',
    method: 'POST',
    path: () => '/auth/login',
    outcomes: everyone(200),
    body: (c) => (c === 'anonymous' ? { username: ACCOUNTS.reviewer.username, password: DEMO_PASSWORD } : ACCOUNTS[c]),
  },
  { name: 'GET /auth/me', method: 'GET', path: () => '/auth/me', outcomes: signedIn(200) },
  { name: 'POST /auth/logout', method: 'POST', path: () => '/auth/logout', ownSession: true, outcomes: signedIn(204) },
  {
    name: 'POST /auth/password',
    method: 'POST',
    path: () => '/auth/password',
    ownSession: true,
    outcomes: signedIn(204),
    // The same password again: a real change (other sessions revoked; the shared session is re-opened after).
    body: (c) => ({
      currentPassword: c === 'anonymous' ? DEMO_PASSWORD : ACCOUNTS[c].password,
      newPassword: c === 'anonymous' ? 'whatever-password' : ACCOUNTS[c].password,
    }),
  },
  {
    name: 'POST /users',
    method: 'POST',
    path: () => '/users',
    write: true,
    outcomes: only(['admin'], allow(201)),
    body: () => ({
      username: `matrix.${randomUUID().slice(0, 8)}`,
      displayName: 'Người dùng thử',
      password: 'matrix-password-1',
      roles: ['clerk'],
    }),
  },
  { name: 'GET /users', method: 'GET', path: () => '/users', outcomes: only(['admin'], allow(200)) },
  { name: 'GET /users/{id}', method: 'GET', path: (fx) => `/users/${fx.users.read}`, outcomes: only(['admin'], allow(200)) },
  {
    name: 'PATCH /users/{id}',
    method: 'PATCH',
    path: (fx) => `/users/${fx.users.change}`,
    write: true,
    outcomes: only(['admin'], allow(200)),
    body: () => ({ roles: ['clerk', 'standing'], displayName: 'Người dùng đã đổi vai trò' }),
  },
  {
    name: 'POST /users/{id}/disable',
    method: 'POST',
    path: (fx) => `/users/${fx.users.disable}/disable`,
    write: true,
    body: () => ({ reason: 'Chuyển công tác.' }),
    outcomes: only(['admin'], allow(200)),
  },
  {
    name: 'POST /users/{id}/enable',
    method: 'POST',
    path: (fx) => `/users/${fx.users.enable}/enable`,
    write: true,
    outcomes: only(['admin'], allow(200)),
  },
  {
    name: 'POST /users/{id}/reset-password',
    method: 'POST',
    path: (fx) => `/users/${fx.users.reset}/reset-password`,
    write: true,
    outcomes: only(['admin'], allow(200)),
    body: () => ({ newPassword: 'mat-khau-dat-lai-1' }),
  },
  {
    name: 'POST /users/{id}/unlock',
    method: 'POST',
    path: (fx) => `/users/${fx.users.unlock}/unlock`,
    write: true,
    outcomes: only(['admin'], allow(200)),
  },
  { name: 'GET /users/{id}/audit', method: 'GET', path: (fx) => `/users/${fx.users.read}/audit`, outcomes: only(['admin'], allow(200)) },
  {
    name: 'POST /org-units',
    method: 'POST',
    path: () => '/org-units',
    write: true,
    outcomes: only(['admin'], allow(201)),
    body: () => ({
      id: `matrix-${randomUUID().slice(0, 8)}`,
      parentId: DEMO_DISTRICT_ID,
      level: 'xa',
      kind: 'DANG_UY_XA',
      canonicalName: 'Đảng ủy xã Thử nghiệm',
      activeFrom: '2020-01-01',
    }),
  },
  {
    // The admin reaches the import: a JSON body is not a file (the import itself is in test/org-units-import).
    name: 'POST /org-units/import',
    method: 'POST',
    path: () => '/org-units/import',
    write: true,
    body: () => ({}),
    outcomes: only(['admin'], allow(400, 'IMPORT_FILE_REQUIRED')),
  },
  {
    // Likewise for accounts (the import itself is in test/users-import).
    name: 'POST /users/import',
    method: 'POST',
    path: () => '/users/import',
    write: true,
    body: () => ({}),
    outcomes: only(['admin'], allow(400, 'IMPORT_FILE_REQUIRED')),
  },
  { name: 'GET /org-units', method: 'GET', path: () => '/org-units', outcomes: signedIn(200) },
  {
    // startCollecting false: the new cycle's workflow appends nothing later, so event counts stay exact.
    name: 'POST /cycles',
    method: 'POST',
    path: () => '/cycles',
    write: true,
    outcomes: only(['coordinator'], allow(201)),
    body: () => cycleBody([UNIT], { startCollecting: false }),
  },
  { name: 'GET /cycles/{cycleId}', method: 'GET', path: (fx) => `/cycles/${fx.demo}`, outcomes: signedIn(200) },
  {
    name: "GET /cycles/{cycleId} (a cycle none of the reporter's units is in)",
    route: 'GET /cycles/{cycleId}',
    method: 'GET',
    path: (fx) => `/cycles/${fx.foreign}`,
    outcomes: { ...signedIn(200), reporter: 403 },
    forbiddenMessage: { reporter: 'none of your units is assigned to this cycle' },
  },
  { name: 'GET /cycles/{cycleId}/units', method: 'GET', path: (fx) => `/cycles/${fx.demo}/units`, outcomes: signedIn(200) },
  {
    name: "GET /cycles/{cycleId}/units (a cycle none of the reporter's units is in)",
    route: 'GET /cycles/{cycleId}/units',
    method: 'GET',
    path: (fx) => `/cycles/${fx.foreign}/units`,
    outcomes: { ...signedIn(200), reporter: 403 },
    forbiddenMessage: { reporter: 'none of your units is assigned to this cycle' },
  },
  {
    name: 'POST /cycles/{cycleId}/close-submissions',
    method: 'POST',
    path: (fx) => `/cycles/${fx.close}/close-submissions`,
    write: true,
    outcomes: only(['coordinator'], allow(200)),
  },
  {
    name: 'POST /cycles/{cycleId}/advance {to:collecting} (planned cycle)',
    route: 'POST /cycles/{cycleId}/advance',
    method: 'POST',
    path: (fx) => `/cycles/${fx.planned}/advance`,
    write: true,
    body: () => ({ to: 'collecting' }),
    outcomes: only(['coordinator'], allow(200)),
    forbiddenMessage: Object.fromEntries(
      (['reviewer', 'signer', 'clerk'] as const).map((r) => [r, 'moving a cycle to collecting requires one of the roles: coordinator']),
    ),
  },
  // The demo cycle is collecting: a permitted role reaches the workflow, whose validator refuses (409).
  ...(
    [
      ['commenting', 'reviewer'],
      ['signing', 'coordinator'],
      ['distributing', 'signer'],
      ['closed', 'clerk'],
    ] as const
  ).map(
    ([to, role]): Row => ({
      name: `POST /cycles/{cycleId}/advance {to:${to}}`,
      route: 'POST /cycles/{cycleId}/advance',
      method: 'POST',
      path: (fx) => `/cycles/${fx.demo}/advance`,
      write: true,
      body: () => ({ to }),
      outcomes: only([role], allow(409, 'CYCLE_SUBMISSION_WINDOW_OPEN')),
      forbiddenMessage: Object.fromEntries(
        (['coordinator', 'reviewer', 'signer', 'clerk'] as const)
          .filter((r) => r !== role)
          .map((r) => [r, `moving a cycle to ${to} requires one of the roles: ${role}`]),
      ),
    }),
  ),
  {
    name: 'POST /cycles/{cycleId}/units/{unitId}/extensions',
    method: 'POST',
    path: (fx) => `/cycles/${fx.extend}/units/${UNIT}/extensions`,
    write: true,
    body: () => ({ newDeadline: '2027-12-20', reason: 'Đơn vị đề nghị gia hạn do tổ chức Đại hội.' }),
    outcomes: only(['coordinator'], allow(200)),
  },
  {
    name: 'GET /cycles/{cycleId}/units/{unit}/submission',
    route: 'GET /cycles/{cycleId}/units/{unitId}/submission',
    method: 'GET',
    path: (fx) => sub(UNIT)(fx.demo),
    outcomes: signedIn(200),
  },
  {
    name: 'GET /cycles/{cycleId}/units/{otherUnit}/submission',
    route: 'GET /cycles/{cycleId}/units/{unitId}/submission',
    method: 'GET',
    path: (fx) => sub(OTHER_UNIT)(fx.demo),
    outcomes: { ...signedIn(200), reporter: 403 },
    forbiddenMessage: { reporter: notReporterOf(OTHER_UNIT) },
  },
  {
    name: 'PUT /cycles/{cycleId}/units/{unit}/submission/draft',
    route: 'PUT /cycles/{cycleId}/units/{unitId}/submission/draft',
    method: 'PUT',
    path: (fx) => sub(UNIT, '/draft')(fx.draft),
    write: true,
    body: () => VALID_CONTENT,
    outcomes: only(['reporter'], allow(200)),
  },
  {
    name: 'PUT /cycles/{cycleId}/units/{otherUnit}/submission/draft',
    route: 'PUT /cycles/{cycleId}/units/{unitId}/submission/draft',
    method: 'PUT',
    path: (fx) => sub(OTHER_UNIT, '/draft')(fx.demo),
    write: true,
    body: () => VALID_CONTENT,
    outcomes: only([], allow(200)),
    forbiddenMessage: { reporter: notReporterOf(OTHER_UNIT) },
  },
  {
    name: 'POST /cycles/{cycleId}/units/{unit}/submission/submit',
    route: 'POST /cycles/{cycleId}/units/{unitId}/submission/submit',
    method: 'POST',
    path: (fx) => sub(UNIT, '/submit')(fx.submit),
    write: true,
    body: () => ({ content: VALID_CONTENT }),
    outcomes: only(['reporter'], allow(200)),
  },
  {
    name: 'POST /cycles/{cycleId}/units/{otherUnit}/submission/submit',
    route: 'POST /cycles/{cycleId}/units/{unitId}/submission/submit',
    method: 'POST',
    path: (fx) => sub(OTHER_UNIT, '/submit')(fx.demo),
    write: true,
    body: () => ({ content: VALID_CONTENT }),
    outcomes: only([], allow(200)),
    forbiddenMessage: { reporter: notReporterOf(OTHER_UNIT) },
  },
  {
    name: 'POST /cycles/{cycleId}/units/{unit}/submission/return',
    route: 'POST /cycles/{cycleId}/units/{unitId}/submission/return',
    method: 'POST',
    path: (fx) => sub(UNIT, '/return')(fx.toReturn),
    write: true,
    body: () => ({ reasons: [{ sectionCode: 'II.1', reason: 'Số lượt người chưa khớp với số buổi.' }] }),
    outcomes: only(['reviewer'], allow(200)),
  },
  {
    name: 'POST /cycles/{cycleId}/units/{unit}/submission/approve',
    route: 'POST /cycles/{cycleId}/units/{unitId}/submission/approve',
    method: 'POST',
    path: (fx) => sub(UNIT, '/approve')(fx.toApprove),
    write: true,
    body: () => ({ version: 1 }),
    outcomes: only(['reviewer'], allow(200)),
  },
  { name: 'GET /cycles', method: 'GET', path: () => '/cycles', outcomes: only(BOARD_READERS, allow(200)) },
  {
    name: 'GET /cycles/{cycleId}/board',
    method: 'GET',
    path: (fx) => `/cycles/${fx.demo}/board`,
    outcomes: only(BOARD_READERS, allow(200)),
  },
  { name: 'GET /templates', method: 'GET', path: () => '/templates', outcomes: signedIn(200) },
  { name: 'GET /templates/{templateId}', method: 'GET', path: () => '/templates/dan-van-annual', outcomes: signedIn(200) },
  {
    name: 'GET /templates/{templateId}/versions/{version}',
    method: 'GET',
    path: () => '/templates/dan-van-annual/versions/1',
    outcomes: signedIn(200),
  },
  {
    // The coordinator and the administrator reach the registry: the built-in id is taken (a real creation is in test/templates.e2e-spec).
    name: 'POST /templates',
    method: 'POST',
    path: () => '/templates',
    write: true,
    body: () => ({ id: 'dan-van-annual', copyOf: 'dan-van-annual' }),
    outcomes: only(['coordinator', 'admin'], allow(409, 'TEMPLATE_ALREADY_EXISTS')),
  },
  {
    name: 'PUT /templates/{templateId}',
    method: 'PUT',
    path: () => '/templates/khong-co-mau',
    write: true,
    body: () => ({ title: 'Mẫu không có' }),
    outcomes: only(['coordinator', 'admin'], allow(404, 'TEMPLATE_NOT_FOUND')),
  },
  {
    name: 'GET /periods/previous-cycle',
    method: 'GET',
    path: () => '/periods/previous-cycle?templateId=dan-van-annual&issuerId=huyen-uy-tam-duong&dataTo=2030-12-14',
    outcomes: only(['coordinator'], allow(404, 'PREVIOUS_CYCLE_NONE')),
  },
  {
    // The demo cycle's coordinator reaches the decider: a unit already assigned is 409 (a real assignment is in test/report-contracts).
    name: 'POST /cycles/{cycleId}/units',
    method: 'POST',
    path: (fx) => `/cycles/${fx.demo}/units`,
    write: true,
    body: () => ({ units: [{ unitId: UNIT }] }),
    outcomes: only(['coordinator'], allow(409, 'CYCLE_UNIT_ALREADY_ASSIGNED')),
  },
  {
    name: 'GET /cycles/{cycleId}/units/{unit}/submission/versions/{version}/diff',
    route: 'GET /cycles/{cycleId}/units/{unitId}/submission/versions/{version}/diff',
    method: 'GET',
    path: (fx) => sub(UNIT, '/versions/1/diff?from=1')(fx.toApprove),
    outcomes: signedIn(200),
  },
  {
    name: 'GET /cycles/{cycleId}/board/hierarchy',
    method: 'GET',
    path: (fx) => `/cycles/${fx.demo}/board/hierarchy`,
    outcomes: only(BOARD_READERS, allow(200)),
  },
  {
    name: 'GET /cycles/{cycleId}/board.csv',
    method: 'GET',
    path: (fx) => `/cycles/${fx.demo}/board.csv`,
    outcomes: only(BOARD_READERS, allow(200)),
  },
  {
    name: 'GET /cycles/{cycleId}/board.xlsx',
    method: 'GET',
    path: (fx) => `/cycles/${fx.demo}/board.xlsx`,
    outcomes: only(BOARD_READERS, allow(200)),
  },
  {
    name: 'GET /cycles/{cycleId}/audit',
    method: 'GET',
    path: (fx) => `/cycles/${fx.demo}/audit`,
    outcomes: only(['admin', 'coordinator', 'reviewer', 'standing', 'signer', 'clerk'], allow(200)),
  },
  { name: 'GET /audit/verify', method: 'GET', path: () => '/audit/verify', outcomes: only(['admin', 'coordinator'], allow(200)) },
  ...REPORT_ROWS,
  ...ME_ROWS,
];

const label = (o: Outcome) => (typeof o === 'number' ? String(o) : `allow ${o.allow}${o.error ? ` ${o.error}` : ''}`);

describe('authorization matrix: every role × every endpoint', () => {
  let stack: ApiStack;
  const fx = {} as Fixtures;
  const sessions = {} as Record<Role, ApiSession>;
  /** What a write stores: events, accounts, and changes of accounts (each increments the account's version). */
  const stored = async () =>
    (
      await stack.db.owner.query(`SELECT (SELECT count(*) FROM events)::int AS events, (SELECT count(*) FROM users)::int AS users,
    (SELECT coalesce(sum(version), 0) FROM users)::int AS accountVersions`)
    )[0] as { events: number; users: number; accountVersions: number };

  beforeAll(async () => {
    stack = await startStack();
    const url = stack.api.url;
    const admin = await login(url, 'admin', TEST_ADMIN_PASSWORD);
    const created = await admin.call('POST', '/users', {
      username: ACCOUNTS.signer.username,
      displayName: 'Nguyễn Văn Ký (ủy viên BTV)',
      password: DEMO_PASSWORD,
      roles: ['signer'],
      officeUnitId: DEMO_DISTRICT_ID,
    });
    if (created.status !== 201) throw new Error(`POST /users signer: ${created.status} ${JSON.stringify(created.body)}`);
    for (const role of ROLES) sessions[role] = await login(url, ACCOUNTS[role].username, ACCOUNTS[role].password);
    for (const role of ROLES) {
      const me = await sessions[role].call('GET', '/auth/me');
      if (JSON.stringify(me.body.roles) !== JSON.stringify([role]))
        throw new Error(`${ACCOUNTS[role].username} must hold exactly [${role}], has ${JSON.stringify(me.body.roles)}`);
    }
    fx.users = await accountFixtures(url, admin);
    const coordinator = sessions.coordinator;
    fx.demo = stack.demoCycleId;
    [fx.foreign, fx.close, fx.extend, fx.draft, fx.submit, fx.toReturn, fx.toApprove, fx.planned] = await Promise.all([
      openCycle(coordinator, [OTHER_UNIT]),
      ...Array.from({ length: 6 }, () => openCycle(coordinator, [UNIT, OTHER_UNIT])),
      openCycle(coordinator, [UNIT], { startCollecting: false }),
    ]);
    for (const cycleId of [fx.toReturn, fx.toApprove]) {
      const res = await sessions.reporter.call('POST', sub(UNIT, '/submit')(cycleId), { content: VALID_CONTENT });
      if (res.status !== 200) throw new Error(`submit in fixture ${cycleId}: ${res.status} ${JSON.stringify(res.body)}`);
    }
    [fx.reportReviewing, fx.reportCommenting] = await Promise.all([openCycle(coordinator, [UNIT]), openCycle(coordinator, [UNIT])]);
    for (const cycleId of [fx.reportReviewing, fx.reportCommenting]) {
      const steps: [ApiSession, string, string, unknown][] = [
        [sessions.reporter, 'POST', sub(UNIT, '/submit')(cycleId), { content: VALID_CONTENT }],
        [sessions.reviewer, 'POST', sub(UNIT, '/approve')(cycleId), { version: 1 }],
        [coordinator, 'POST', `/cycles/${cycleId}/close-submissions`, undefined],
        ...(cycleId === fx.reportCommenting
          ? ([
              [coordinator, 'POST', `/cycles/${cycleId}/report/draft`, {}],
              [sessions.reviewer, 'POST', `/cycles/${cycleId}/advance`, { to: 'commenting' }],
            ] as [ApiSession, string, string, unknown][])
          : []),
      ];
      for (const [session, method, path, body] of steps) {
        const res = await session.call(method, path, body);
        if (res.status !== 200) throw new Error(`report fixture ${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
      }
    }
    const demo = await coordinator.call('GET', `/cycles/${fx.demo}`);
    if (demo.body.status !== 'collecting') throw new Error(`the demo cycle should be collecting, is ${demo.body.status}`);
    // The board's reads wait only for their caller's own writes: the fixtures, written by several sessions, taken in first.
    await readModelsCurrent(url);
  }, STARTUP_TIMEOUT_MS);
  afterAll(async () => {
    await stack?.stop();
  });

  it('covers every role and anonymous in every row', () => {
    for (const row of ROWS) expect(Object.keys(row.outcomes).sort()).toEqual([...CALLERS].sort());
    expect(CALLERS).toEqual(['admin', 'coordinator', 'reporter', 'reviewer', 'standing', 'signer', 'clerk', 'anonymous']);
  });

  it('has a row for every route the application registers (a new endpoint needs its row here)', () => {
    const covered = new Set(ROWS.map((row) => row.route ?? row.name));
    expect(
      registeredRoutes()
        .map((r) => r.route)
        .filter((route) => !covered.has(route)),
    ).toEqual([]);
  });

  describe.each(ROWS.map((row) => [row.name, row] as const))('%s', (_name, row) => {
    const cells = CALLERS.map((caller) => [`${caller} ${row.name} → ${label(row.outcomes[caller])}`, caller] as const);

    it.each(cells)('%s', async (_title, caller) => {
      const url = stack.api.url;
      const expected = row.outcomes[caller];
      let token: string | undefined;
      if (caller !== 'anonymous') {
        token = row.ownSession ? (await login(url, ACCOUNTS[caller].username, ACCOUNTS[caller].password)).token : sessions[caller].token;
      }
      const before = await stored();
      const res: HttpResult = await request(url, row.method, row.path(fx), { token, body: row.body?.(caller) });

      if (typeof expected === 'number') {
        expect({ status: res.status, error: res.body?.error }).toEqual({
          status: expected,
          error: expected === 401 ? 'AUTHENTICATION_REQUIRED' : 'FORBIDDEN',
        });
        if (expected === 401) expect(res.body.message).toBe('log in first (Bearer token or session cookie)');
        const specific = row.forbiddenMessage?.[caller];
        if (expected === 403) {
          expect(res.body.message).toEqual(specific ?? expect.stringMatching(/^requires one of the roles: /));
          expect(res.body.messageVi).toEqual(expect.any(String));
        }
        if (row.write || expected === 401) expect(await stored()).toEqual(before);
      } else {
        expect(res.status).not.toBe(401);
        expect(res.status).not.toBe(403);
        expect({ status: res.status, error: res.body?.error }).toEqual({ status: expected.allow, error: expected.error });
        // An allowed write that succeeds stores something; one the domain refuses (409) stores nothing.
        if (row.write) expect(await stored()).toEqual(expected.allow < 300 ? expect.not.objectContaining(before) : before);
      }
      if (row.name === 'POST /auth/password' && caller !== 'anonymous') {
        // The change revoked every other session of the account, the shared one included: open a new one.
        sessions[caller] = await login(url, ACCOUNTS[caller].username, ACCOUNTS[caller].password);
      }
    });
  });

  it('a reporter cannot read, draft or submit for a unit they do not report for: 403 FORBIDDEN, nothing stored', async () => {
    // The same cells as the {otherUnit} rows, asserted together with their Vietnamese message.
    const before = await stored();
    for (const [method, action, body] of [
      ['GET', '', undefined],
      ['PUT', '/draft', VALID_CONTENT],
      ['POST', '/submit', { content: VALID_CONTENT }],
    ] as const) {
      const res = await sessions.reporter.call(method, sub(OTHER_UNIT, action)(fx.demo), body);
      expect({ status: res.status, body: res.body }).toEqual({
        status: 403,
        body: {
          statusCode: 403,
          error: 'FORBIDDEN',
          message: notReporterOf(OTHER_UNIT),
          messageVi: 'Bạn không phải cán bộ báo cáo của đơn vị này.',
        },
      });
    }
    expect(await stored()).toEqual(before);
    // …while the same session works for its own unit.
    expect((await sessions.reporter.call('GET', sub(UNIT)(fx.demo))).status).toBe(200);
  });
  /**
   * Object level (issue #17): who may act on which cycle, and what a reporter sees. Each case names the object:
   * another district's office on this district's cycles, the district's office on a commune's cycle (read-only),
   * a reviewer who reports for the unit, a reporter reading a distributed report's drafts and comments.
   */
  describe('object level', () => {
    const OTHER_DISTRICT = 'huyen-uy-phong-tho';
    const COMMUNE = 'du-xa-ban-bo';
    const NOT_OURS = `the cycle is issued by ${DEMO_DISTRICT_ID}, not by your office`;
    const READ_ONLY = `the cycle is issued by ${COMMUNE}, below your office: you may read it, not act on it`;
    const other = {} as Record<'coordinator' | 'reviewer' | 'standing' | 'signer' | 'clerk', ApiSession>;
    let selfReviewer: ApiSession;
    let communeCycle: string, selfReview: string, keyed: string, distributed: string;

    const step = async (session: ApiSession, method: string, path: string, body?: unknown, headers?: Record<string, string>) => {
      const res = await session.call(method, path, body, headers);
      if (res.status !== 200 && res.status !== 201) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
      return res;
    };
    const refused = async (res: HttpResult, message: string) => {
      expect({ status: res.status, error: res.body?.error, message: res.body?.message }).toEqual({
        status: 403,
        error: 'FORBIDDEN',
        message,
      });
      expect(res.body.messageVi).toEqual(expect.any(String));
    };

    beforeAll(async () => {
      const url = stack.api.url;
      const admin = await login(url, 'admin', TEST_ADMIN_PASSWORD);
      await step(admin, 'POST', '/org-units', {
        id: OTHER_DISTRICT,
        parentId: 'tinh-uy-lai-chau',
        level: 'huyen',
        kind: 'HUYEN_UY',
        canonicalName: 'Huyện ủy Phong Thổ',
        activeFrom: '2020-01-01',
      });
      for (const role of ['coordinator', 'reviewer', 'standing', 'signer', 'clerk'] as const) {
        await step(admin, 'POST', '/users', {
          username: `pt.${role}`,
          displayName: `Cán bộ Phong Thổ (${role})`,
          password: DEMO_PASSWORD,
          roles: [role],
          officeUnitId: OTHER_DISTRICT,
        });
        other[role] = await login(url, `pt.${role}`);
      }
      await step(admin, 'POST', '/users', {
        username: 'xa.banbo',
        displayName: 'Chuyên viên Đảng ủy xã Bản Bo',
        password: DEMO_PASSWORD,
        roles: ['coordinator'],
        officeUnitId: COMMUNE,
      });
      await step(admin, 'POST', '/users', {
        username: 'ld.kiemnhiem',
        displayName: 'Lãnh đạo kiêm cán bộ Hội LHPN',
        password: DEMO_PASSWORD,
        roles: ['reviewer', 'reporter'],
        unitIds: [UNIT],
        officeUnitId: 'bdv-tam-duong',
      });
      selfReviewer = await login(url, 'ld.kiemnhiem');
      const communeOffice = await login(url, 'xa.banbo');
      communeCycle = (
        await step(
          communeOffice,
          'POST',
          '/cycles',
          cycleBody([UNIT], { issuingBody: { unitId: COMMUNE, name: 'Đảng ủy xã Bản Bo', symbol: 'ĐU' } }),
        )
      ).body.id;
      const { coordinator, reviewer, reporter, standing, signer, clerk } = sessions;
      [selfReview, keyed, distributed] = await Promise.all([
        openCycle(coordinator, [UNIT, OTHER_UNIT]),
        openCycle(coordinator, [UNIT]),
        openCycle(coordinator, [UNIT]),
      ]);
      await waitForPhase(communeOffice, communeCycle, 'collecting');
      for (const id of [communeCycle, selfReview, distributed])
        await step(reporter, 'POST', sub(UNIT, '/submit')(id), { content: VALID_CONTENT });
      await step(reporter, 'POST', sub(UNIT, '/submit')(keyed), { content: VALID_CONTENT }, { 'idempotency-key': 'lan-1' });
      // The distributed report: two drafts, Thường trực's comment on the second, the second signed and issued.
      const r = (path: string) => `/cycles/${distributed}/report${path}`;
      await step(reviewer, 'POST', sub(UNIT, '/approve')(distributed), { version: 1 });
      await step(coordinator, 'POST', `/cycles/${distributed}/close-submissions`);
      await step(coordinator, 'POST', r('/draft'), {});
      await step(coordinator, 'POST', r('/draft'), {});
      await step(reviewer, 'POST', `/cycles/${distributed}/advance`, { to: 'commenting' });
      const commented = await step(standing, 'POST', r('/comments'), { version: 2, passageId: 't', text: 'Đề nghị viết gọn trích yếu.' });
      await step(standing, 'POST', r(`/comments/${commented.body.comments[0].commentId}/resolve`), { note: 'Đã sửa.' });
      await step(coordinator, 'POST', `/cycles/${distributed}/advance`, { to: 'signing' });
      await step(signer, 'POST', r('/sign'), { version: 2 });
      await waitForPhase(coordinator, distributed, 'distributing');
      await step(clerk, 'POST', r('/number'), {});
      await step(clerk, 'POST', r('/distribute'));
      await readModelsCurrent(url); // other sessions' writes, before the cycle lists are read
    }, STARTUP_TIMEOUT_MS);

    it("another district's office neither reads nor acts on this district's cycles: 403, nothing stored", async () => {
      const before = await stored();
      await refused(await other.coordinator.call('GET', `/cycles/${fx.demo}`), NOT_OURS);
      await refused(await other.coordinator.call('GET', `/cycles/${fx.demo}/board`), NOT_OURS);
      await refused(
        await other.coordinator.call('POST', `/cycles/${fx.demo}/units/${UNIT}/extensions`, {
          newDeadline: '2027-12-20',
          reason: 'Gia hạn thử.',
        }),
        NOT_OURS,
      );
      await refused(await other.reviewer.call('POST', sub(UNIT, '/approve')(selfReview), { version: 1 }), NOT_OURS);
      await refused(
        await other.reviewer.call('POST', sub(UNIT, '/return')(selfReview), { reasons: [{ sectionCode: 'II.1', reason: 'Thử.' }] }),
        NOT_OURS,
      );
      await refused(await other.reviewer.call('GET', sub(UNIT)(selfReview)), NOT_OURS);
      await refused(
        await other.standing.call('POST', `/cycles/${fx.reportCommenting}/report/comments`, {
          version: 1,
          passageId: 't',
          text: 'Ý kiến thử.',
        }),
        NOT_OURS,
      );
      await refused(await other.signer.call('POST', `/cycles/${fx.reportCommenting}/report/sign`, { version: 1 }), NOT_OURS);
      await refused(await other.clerk.call('GET', `/cycles/${fx.reportCommenting}/report`), NOT_OURS);
      await refused(await other.coordinator.call('POST', '/cycles', cycleBody([UNIT])), NOT_OURS);
      expect(await stored()).toEqual(before);
    });

    it("lists show an office only its cycles: GET /cycles and GET /reviews leave this district's out for another district", async () => {
      const cycles = await other.coordinator.call('GET', '/cycles');
      expect(cycles.status).toBe(200);
      expect(cycles.body.map((c: { id: string }) => c.id)).not.toContain(fx.demo);
      const queue = await other.reviewer.call('GET', '/reviews');
      expect({ status: queue.status, total: queue.body.total, items: queue.body.items }).toEqual({ status: 200, total: 0, items: [] });
      // …while this district's reviewer sees the submission awaiting review, and its office the commune's cycle below it.
      expect((await sessions.reviewer.call('GET', '/reviews?limit=100')).body.items.map((i: { cycleId: string }) => i.cycleId)).toContain(
        selfReview,
      );
      expect((await sessions.coordinator.call('GET', '/cycles')).body.map((c: { id: string }) => c.id)).toEqual(
        expect.arrayContaining([fx.demo, communeCycle]),
      );
    });

    it("the district's office reads a commune's cycle below it but does not act on it", async () => {
      const before = await stored();
      expect((await sessions.coordinator.call('GET', `/cycles/${communeCycle}`)).status).toBe(200);
      expect((await sessions.reviewer.call('GET', sub(UNIT)(communeCycle))).status).toBe(200);
      await refused(await sessions.reviewer.call('POST', sub(UNIT, '/approve')(communeCycle), { version: 1 }), READ_ONLY);
      await refused(await sessions.coordinator.call('POST', `/cycles/${communeCycle}/close-submissions`), READ_ONLY);
      expect(await stored()).toEqual(before);
    });

    it('a reviewer who reports for the unit neither approves nor returns its submission, and does not see it in the queue', async () => {
      const before = await stored();
      const message = `user ld.kiemnhiem reports for unit ${UNIT} and cannot review its own submission`;
      await refused(await selfReviewer.call('POST', sub(UNIT, '/approve')(selfReview), { version: 1 }), message);
      await refused(
        await selfReviewer.call('POST', sub(UNIT, '/return')(selfReview), { reasons: [{ sectionCode: 'II.1', reason: 'Thử.' }] }),
        message,
      );
      expect(await stored()).toEqual(before);
      expect((await selfReviewer.call('GET', sub(UNIT)(selfReview))).body.allowedActions).not.toContain('approve');
      expect(
        (await selfReviewer.call('GET', '/reviews?limit=100')).body.items.filter((i: { unitId: string }) => i.unitId === UNIT),
      ).toEqual([]);
    });

    it("an Idempotency-Key on a submission route is the caller's: the reviewer's approval with the reporter's key is an approval", async () => {
      const res = await sessions.reviewer.call('POST', sub(UNIT, '/approve')(keyed), { version: 1 }, { 'idempotency-key': 'lan-1' });
      expect({ status: res.status, submissionStatus: res.body.status }).toEqual({ status: 200, submissionStatus: 'approved' });
    });

    it("a reporter sees only their own units' counts in GET /cycles/{id}, and only them on its units route", async () => {
      const cycle = await sessions.reporter.call('GET', `/cycles/${fx.demo}`);
      expect({ status: cycle.status, expectedCount: cycle.body.expectedCount }).toEqual({ status: 200, expectedCount: 1 });
      const units = await sessions.reporter.call('GET', `/cycles/${fx.demo}/units`);
      expect({ total: units.body.total, units: units.body.items.map((u: { unitId: string }) => u.unitId) }).toEqual({
        total: 1,
        units: [UNIT],
      });
      expect((await sessions.coordinator.call('GET', `/cycles/${fx.demo}`)).body.expectedCount).toBeGreaterThan(1);
    });

    it("after distribution a reporter reads the issued report only: no drafts, no Thường trực's comments", async () => {
      const r = (path = '') => `/cycles/${distributed}/report${path}`;
      const report = await sessions.reporter.call('GET', r());
      expect({
        status: report.status,
        versions: report.body.versions.map((v: { version: number }) => v.version),
        comments: report.body.comments,
        latest: report.body.latestVersion,
      }).toEqual({ status: 200, versions: [2], comments: [], latest: 2 });
      const issued = await sessions.reporter.call('GET', r('/versions/2'));
      expect({ status: issued.status, comments: issued.body.comments }).toEqual({ status: 200, comments: [] });
      const ONLY_ISSUED = 'only the issued version of the report is available to you';
      await refused(await sessions.reporter.call('GET', r('/versions/1')), ONLY_ISSUED);
      await refused(await sessions.reporter.call('GET', r('/versions/2/diff?from=1')), ONLY_ISSUED);
      await refused(await sessions.reporter.call('GET', r('/document.docx?version=1')), ONLY_ISSUED);
      expect((await request(stack.api.url, 'GET', r('/document.docx'), { token: sessions.reporter.token })).status).toBe(200);
      // The office still reads everything.
      const office = await sessions.coordinator.call('GET', r());
      expect({ versions: office.body.versions.length, comments: office.body.comments.length }).toEqual({ versions: 2, comments: 1 });
    });
  });
});
