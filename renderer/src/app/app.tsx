import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { RouterProvider } from 'react-router';
import { ImportQueueProvider } from '../features/intake/import-queue-context';
import { useReducedMotion } from '../lib/use-reduced-motion';
import { AppInfoProvider } from './app-info-context';
import { router } from './routes';

const FONT_FAMILY =
  "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

/** Providers shared by every screen: Chinese locale, message/notification context, counts, the import queue. */
export function App() {
  const reducedMotion = useReducedMotion();
  return (
    <ConfigProvider
      locale={zhCN}
      theme={{ token: { fontFamily: FONT_FAMILY, fontSize: 14, motion: !reducedMotion } }}
      // antd would print 重试 as 重 试: that reads oddly and changes the buttons' accessible names.
      button={{ autoInsertSpace: false }}
    >
      <AntApp>
        <AppInfoProvider>
          <ImportQueueProvider>
            <RouterProvider router={router} />
          </ImportQueueProvider>
        </AppInfoProvider>
      </AntApp>
    </ConfigProvider>
  );
}
