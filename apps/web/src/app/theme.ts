import type { ThemeConfig } from 'antd';

/** Larger type than Ant Design's default (many users read on a phone, some without glasses); contrast ≥ 4.5:1. */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#a8071a',
    colorLink: '#a8071a',
    fontSize: 16,
    borderRadius: 6,
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    // Text in the error and warning colours (Typography type="danger" / "warning") at ≥ 4.5:1 on white.
    colorErrorText: '#a8071a',
    colorWarningText: '#874d00',
  },
};
