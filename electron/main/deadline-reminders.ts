import { Notification, type BrowserWindow } from 'electron';
import { reminderText } from '../../shared/cases/case-view';
import type { XinfangApp } from '../core/create-app';
import type { Logger } from '../core/logger';

/** Checked hourly; a reminder shows at start-up and then once per (北京) day while the app runs. */
const CHECK_MS = 60 * 60 * 1000;

/** Desktop notifications from the core's `cases.due` query; clicking one brings the window to the 工作台. */
export function startDeadlineReminders(
  core: XinfangApp,
  window: () => BrowserWindow | null,
  logger: Logger,
): () => void {
  let shownFor: string | null = null;
  const check = async () => {
    try {
      const { today, items, tasks } = await core.api['cases.due']({});
      if (today === shownFor) return;
      shownFor = today;
      // Tasks from filed notices are the office's work too; they show by 文号 (a notice has no case number).
      // `tasks` holds open ones only; the filter keeps a task marked done out even if that ever changes.
      const text = reminderText([
        ...items,
        ...tasks.flatMap((t) =>
          t.status === 'done'
            ? []
            : [{ caseNumber: t.docNumber ?? t.title ?? t.dueText, status: t.status, owner: 'office' as const }],
        ),
      ]);
      if (!text || !Notification.isSupported()) return;
      const n = new Notification({ title: text.title, body: text.body });
      n.on('click', () => {
        const w = window();
        if (!w) return;
        if (w.isMinimized()) w.restore();
        w.focus();
        void w.webContents.executeJavaScript("window.location.hash = '#/dashboard'").catch(() => undefined);
      });
      n.show();
    } catch (e) {
      logger.warn('deadline reminder failed', { error: String(e) });
    }
  };
  void check();
  const timer = setInterval(() => void check(), CHECK_MS);
  return () => clearInterval(timer);
}
