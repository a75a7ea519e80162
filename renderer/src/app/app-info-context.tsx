import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { AppInfo } from '../../../shared/api/contract';
import { useApi } from '../lib/use-api';

interface AppInfoState {
  readonly info: AppInfo | undefined;
  readonly error: unknown;
  /** Call after anything that changes the counts (import, save). */
  readonly refresh: () => void;
}

const AppInfoContext = createContext<AppInfoState>({ info: undefined, error: null, refresh: () => {} });

/** Holds `app.info` (document and review-queue counts) for the header and the side menu. */
export function AppInfoProvider({ children }: { children: ReactNode }) {
  const { data, error, reload } = useApi('app.info', {});
  const value = useMemo(() => ({ info: data, error, refresh: reload }), [data, error, reload]);
  return <AppInfoContext.Provider value={value}>{children}</AppInfoContext.Provider>;
}

export const useAppInfo = (): AppInfoState => useContext(AppInfoContext);
