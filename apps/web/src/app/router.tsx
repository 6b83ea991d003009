import type { ComponentType } from 'react';
import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { NotFound } from '../components/Placeholders';
import { AccountPage } from '../pages/account/AccountPage';
import { AssignmentsPage } from '../pages/assignments/AssignmentsPage';
import { InboxPage } from '../pages/inbox/InboxPage';
import { LoginPage } from '../pages/login/LoginPage';
import { ReceivedReportsPage } from '../pages/received/ReceivedReportsPage';
import { SubmissionReview } from '../pages/review/SubmissionReview';
import { UnitSubmissionPage } from '../pages/submission/UnitSubmissionPage';
import { useMe, homePath } from '../hooks/session';
import { RequireSession } from './RequireSession';

/**
 * An office page loaded on first use (its own chunk): a reporter on a phone downloads the login, their units'
 * forms and inbox, not the board, the report editor, the template editor or the administration.
 */
const page =
  <K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) =>
  async () => ({ Component: (await load())[name] });

function HomeRedirect() {
  const me = useMe();
  return me.data ? <Navigate to={homePath(me.data)} replace /> : null;
}

/**
 * The routes of the app (under /ui). The office pages (reviews, cycles, board, report) are registered here by
 * their own folders (pages/review, pages/board, pages/report).
 */
export const routes: RouteObject[] = [
  { path: '/login', element: <LoginPage /> },
  {
    element: <RequireSession />,
    children: [
      { index: true, element: <HomeRedirect /> },
      { path: 'assignments', element: <AssignmentsPage /> },
      { path: 'cycles/:cycleId/units/:unitId', element: <UnitSubmissionPage review={(p) => <SubmissionReview {...p} />} /> },
      { path: 'reviews', lazy: page(() => import('../pages/review/ReviewQueuePage'), 'ReviewQueuePage') },
      { path: 'cycles', lazy: page(() => import('../pages/board/CyclesPage'), 'CyclesPage') },
      { path: 'cycles/new', lazy: page(() => import('../pages/cycles/OpenCyclePage'), 'OpenCyclePage') },
      { path: 'cycles/:cycleId', lazy: page(() => import('../pages/board/BoardPage'), 'BoardPage') },
      { path: 'cycles/:cycleId/report', lazy: page(() => import('../pages/report/ReportPage'), 'ReportPage') },
      { path: 'templates', lazy: page(() => import('../pages/templates/TemplatesPage'), 'TemplatesPage') },
      { path: 'templates/:templateId', lazy: page(() => import('../pages/templates/TemplateEditorPage'), 'TemplateEditorPage') },
      { path: 'received', element: <ReceivedReportsPage /> },
      { path: 'cycles/:cycleId/audit', lazy: page(() => import('../pages/audit/AuditPage'), 'AuditPage') },
      { path: 'admin/accounts', lazy: page(() => import('../pages/admin/AccountsPage'), 'AccountsPage') },
      { path: 'admin/units', lazy: page(() => import('../pages/admin/OrgTreePage'), 'OrgTreePage') },
      { path: 'inbox', element: <InboxPage /> },
      { path: 'account', element: <AccountPage /> },
      { path: '*', element: <NotFound /> },
    ],
  },
];

export const createAppRouter = () => createBrowserRouter(routes, { basename: '/ui' });
