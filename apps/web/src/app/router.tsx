import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { ComingSoon, NotFound } from '../components/Placeholders';
import { AccountPage } from '../pages/account/AccountPage';
import { AssignmentsPage } from '../pages/assignments/AssignmentsPage';
import { InboxPage } from '../pages/inbox/InboxPage';
import { LoginPage } from '../pages/login/LoginPage';
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
      { path: 'cycles/:cycleId/units/:unitId', element: <UnitSubmissionPage /> },
      { path: 'reviews', element: <ComingSoon title="Chờ duyệt" /> },
      { path: 'cycles', element: <ComingSoon title="Kỳ báo cáo" /> },
      { path: 'cycles/:cycleId', element: <ComingSoon title="Bảng theo dõi kỳ báo cáo" /> },
      { path: 'cycles/:cycleId/report', element: <ComingSoon title="Báo cáo tổng hợp" /> },
      { path: 'inbox', element: <InboxPage /> },
      { path: 'account', element: <AccountPage /> },
      { path: '*', element: <NotFound /> },
    ],
  },
];

export const createAppRouter = () => createBrowserRouter(routes, { basename: '/ui' });
