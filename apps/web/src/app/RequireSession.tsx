import { Navigate, Outlet, useLocation } from 'react-router';
import { ApiError } from '../api/client';
import { ErrorNotice, Loading } from '../components/QueryState';
import { useMe } from '../hooks/session';
import { ForcedPasswordChange } from '../pages/account/ForcedPasswordChange';
import { Shell } from './Shell';

/** Pages behind a login: the session is read once (GET /auth/me); a pending forced password change comes first. */
export function RequireSession() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <Loading label="Đang mở…" />;
  if (me.error instanceof ApiError && me.error.status === 401) {
    return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  }
  if (me.error || !me.data) {
    return (
      <main className="page-narrow">
        <ErrorNotice error={me.error} onRetry={() => me.refetch()} />
      </main>
    );
  }
  if (me.data.mustChangePassword) return <ForcedPasswordChange me={me.data} />;
  return (
    <Shell me={me.data}>
      <Outlet />
    </Shell>
  );
}
