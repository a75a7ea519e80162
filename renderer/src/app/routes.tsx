import { Button, Result } from 'antd';
import { createHashRouter, Navigate, useNavigate, useRouteError } from 'react-router';
import { ArchivePage } from '../features/archive/archive-page';
import { CasePage } from '../features/cases/case-page';
import { CaseSettingsPage } from '../features/cases/case-settings-page';
import { CaseRegisterPage } from '../features/cases/case-register-page';
import { CasesListPage } from '../features/cases/cases-list-page';
import { DashboardPage } from '../features/cases/dashboard-page';
import { StatisticsPage } from '../features/cases/statistics-page';
import { DocumentPage } from '../features/documents/document-page';
import { PaperworkPage } from '../features/paperwork/paperwork-page';
import { ImportPage } from '../features/intake/import-page';
import { ReviewPage } from '../features/review/review-page';
import { ReviewQueuePage } from '../features/review/review-queue-page';
import { SearchPage } from '../features/search/search-page';
import { SettingsPage } from '../features/settings/settings-page';
import { errorMessage } from '../lib/api-error';
import { AppLayout } from './app-layout';

function NotFound() {
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title="找不到这个页面"
      subTitle="地址可能输错了，或者该页面已不存在。"
      extra={<Button onClick={() => navigate('/import')}>回到导入页</Button>}
    />
  );
}

/** Last line of defence: a screen that crashed says so in Chinese instead of going blank. */
function ScreenError() {
  const error = useRouteError();
  return (
    <Result
      status="error"
      title="这个页面出错了"
      subTitle={`${errorMessage(error)} 已保存的数据不受影响。`}
      extra={<Button onClick={() => window.location.reload()}>重新加载</Button>}
    />
  );
}

/** Hash routes work the same from file:// (Electron) and the loopback server. */
export const router = createHashRouter([
  {
    path: '/',
    element: <AppLayout />,
    errorElement: <ScreenError />,
    children: [
      { index: true, element: <Navigate to="/dashboard" replace /> },
      {
        errorElement: <ScreenError />,
        children: [
          { path: 'import', element: <ImportPage /> },
          { path: 'review', element: <ReviewQueuePage /> },
          { path: 'review/:id', element: <ReviewPage /> },
          { path: 'archive', element: <ArchivePage /> },
          { path: 'search', element: <SearchPage /> },
          { path: 'documents/:id', element: <DocumentPage /> },
          { path: 'settings', element: <SettingsPage /> },
          { path: 'dashboard', element: <DashboardPage /> },
          { path: 'cases', element: <CasesListPage /> },
          { path: 'cases/new', element: <CaseRegisterPage /> },
          { path: 'cases/statistics', element: <StatisticsPage /> },
          { path: 'cases/settings', element: <CaseSettingsPage /> },
          { path: 'cases/:id', element: <CasePage /> },
          { path: 'paperwork', element: <PaperworkPage /> },
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
]);
