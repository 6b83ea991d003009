import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { NotFound } from '../components/Placeholders';
import { AccountPage } from '../pages/account/AccountPage';
import { AssignmentsPage } from '../pages/assignments/AssignmentsPage';
import { BoardPage } from '../pages/board/BoardPage';
import { CyclesPage } from '../pages/board/CyclesPage';
import { InboxPage } from '../pages/inbox/InboxPage';
import { LoginPage } from '../pages/login/LoginPage';
import { ReportPage } from '../pages/report/ReportPage';
import { ReceivedReportsPage } from '../pages/received/ReceivedReportsPage';
import { AuditPage } from '../pages/audit/AuditPage';
import { AccountsPage } from '../pages/admin/AccountsPage';
import { OrgTreePage } from '../pages/admin/OrgTreePage';
import { OpenCyclePage } from '../pages/cycles/OpenCyclePage';
import { TemplateEditorPage } from '../pages/templates/TemplateEditorPage';
import { TemplatesPage } from '../pages/templates/TemplatesPage';
import { ReviewQueuePage } from '../pages/review/ReviewQueuePage';
import { SubmissionReview } from '../pages/review/SubmissionReview';
import { UnitSubmissionPage } from '../pages/submission/UnitSubmissionPage';
import { useMe, homePath } from '../hooks/session';
import { RequireSession } from './RequireSession';

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
      { path: 'reviews', element: <ReviewQueuePage /> },
      { path: 'cycles', element: <CyclesPage /> },
      { path: 'cycles/new', element: <OpenCyclePage /> },
      { path: 'cycles/:cycleId', element: <BoardPage /> },
      { path: 'cycles/:cycleId/report', element: <ReportPage /> },
      { path: 'templates', element: <TemplatesPage /> },
      { path: 'templates/:templateId', element: <TemplateEditorPage /> },
      { path: 'received', element: <ReceivedReportsPage /> },
      { path: 'cycles/:cycleId/audit', element: <AuditPage /> },
      { path: 'admin/accounts', element: <AccountsPage /> },
      { path: 'admin/units', element: <OrgTreePage /> },
      { path: 'inbox', element: <InboxPage /> },
      { path: 'account', element: <AccountPage /> },
      { path: '*', element: <NotFound /> },
    ],
  },
];

export const createAppRouter = () => createBrowserRouter(routes, { basename: '/ui' });
