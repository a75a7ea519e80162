import {
  AuditOutlined,
  CloudUploadOutlined,
  DashboardOutlined,
  FileTextOutlined,
  SolutionOutlined,
  FolderOpenOutlined,
  SearchOutlined,
  SettingOutlined,
} from '@ant-design/icons';
import { Badge, Layout, Menu, Tooltip, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { errorMessage } from '../lib/api-error';
import { useAppInfo } from './app-info-context';
import { StartupRecoveryBanner } from '../features/settings/backup-card';

const MENU = [
  { key: '/dashboard', icon: <DashboardOutlined />, label: '工作台' },
  { key: '/cases', icon: <SolutionOutlined />, label: '信访件' },
  { key: '/paperwork', icon: <FileTextOutlined />, label: '文书' },
  { key: '/import', icon: <CloudUploadOutlined />, label: '导入' },
  { key: '/review', icon: <AuditOutlined />, label: '待审核' },
  { key: '/archive', icon: <FolderOpenOutlined />, label: '档案' },
  { key: '/search', icon: <SearchOutlined />, label: '检索' },
  { key: '/settings', icon: <SettingOutlined />, label: '设置' },
] as const;

/** Which menu entry a route belongs to (the document view counts as 档案, a review as 待审核). */
function menuKey(pathname: string): string {
  if (pathname.startsWith('/dashboard')) return '/dashboard';
  if (pathname.startsWith('/cases')) return '/cases';
  if (pathname.startsWith('/paperwork')) return '/paperwork';
  if (pathname.startsWith('/review')) return '/review';
  if (pathname.startsWith('/documents') || pathname.startsWith('/archive')) return '/archive';
  if (pathname.startsWith('/search')) return '/search';
  if (pathname.startsWith('/settings')) return '/settings';
  return '/import';
}

function HeaderStats() {
  const { info, error } = useAppInfo();
  if (error) {
    return (
      <Tooltip title={errorMessage(error)}>
        <Typography.Text style={{ color: '#ffccc7' }}>无法连接本机服务</Typography.Text>
      </Tooltip>
    );
  }
  if (!info) return null;
  return (
    <Typography.Text style={{ color: 'rgba(255,255,255,0.85)' }} aria-label="文件统计">
      已归档 {info.documents} 份 · 待审核 {info.reviewQueue} 份
    </Typography.Text>
  );
}

/** The frame of every screen: app name and counts on top, the four flows and the settings on the left. */
export function AppLayout() {
  const location = useLocation();
  const navigate = useNavigate();
  const { info, refresh } = useAppInfo();

  // Counts change when other screens import or file documents; refreshing on navigation keeps them honest.
  const shownPath = useRef(location.pathname);
  useEffect(() => {
    if (shownPath.current === location.pathname) return;
    shownPath.current = location.pathname;
    refresh();
  }, [location.pathname, refresh]);

  const items = MENU.map((m) => ({
    key: m.key,
    icon: m.icon,
    label:
      m.key === '/review' && info && info.reviewQueue > 0 ? (
        <span>
          {m.label} <Badge count={info.reviewQueue} size="small" style={{ marginInlineStart: 6 }} />
        </span>
      ) : (
        m.label
      ),
  }));

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', paddingInline: 24 }}
      >
        <Typography.Title level={4} style={{ color: '#fff', margin: 0, letterSpacing: 2 }}>
          信访文书台
        </Typography.Title>
        <HeaderStats />
      </Layout.Header>
      <Layout>
        <Layout.Sider width={180} theme="light" breakpoint="lg" collapsedWidth={64}>
          <Menu
            mode="inline"
            aria-label="主菜单"
            selectedKeys={[menuKey(location.pathname)]}
            items={items}
            onClick={(e) => navigate(e.key)}
            style={{ height: '100%', paddingTop: 8, fontSize: 15 }}
          />
        </Layout.Sider>
        <Layout.Content style={{ padding: 24, minWidth: 0 }}>
          <StartupRecoveryBanner />
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
