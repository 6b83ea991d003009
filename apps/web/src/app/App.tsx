import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import viVN from 'antd/locale/vi_VN';
import { RouterProvider } from 'react-router';
import { setUnauthorizedHandler } from '../api/client';
import '../format'; // dayjs in Vietnamese
import { createQueryClient } from './query-client';
import { createAppRouter } from './router';
import { theme } from './theme';

const queryClient = createQueryClient();
const router = createAppRouter();

// Session expired or never there: drop everything cached and go to the login page, coming back here afterwards.
setUnauthorizedHandler(() => {
  const here = router.state.location;
  const path = here.pathname.replace(/^\/ui(?=\/|$)/, '') || '/';
  if (path.startsWith('/login')) return;
  queryClient.clear();
  void router.navigate(`/login?next=${encodeURIComponent(path + here.search)}`, { replace: true });
});

export function App() {
  return (
    <ConfigProvider locale={viVN} theme={theme}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
