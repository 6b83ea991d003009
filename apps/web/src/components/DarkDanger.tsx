import { ConfigProvider } from 'antd';
import type { ReactNode } from 'react';

/** Ant Design's danger red (#ff4d4f) reads at 3.3:1 on white; a darker one keeps danger buttons and texts at 4.5:1. */
export function DarkDanger({ children }: { children: ReactNode }) {
  return <ConfigProvider theme={{ token: { colorError: '#cf1322' } }}>{children}</ConfigProvider>;
}
