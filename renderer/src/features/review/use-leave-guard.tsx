import { Modal } from 'antd';
import { useCallback, useRef } from 'react';
import { useBlocker } from 'react-router';

/**
 * Asks before leaving the review screen with unsaved edits; `markDirty` on every change,
 * `allowLeave` right before navigating away on purpose (after a successful save).
 */
export function useLeaveGuard() {
  const dirty = useRef(false);
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => dirty.current && currentLocation.pathname !== nextLocation.pathname,
  );
  const markDirty = useCallback(() => {
    dirty.current = true;
  }, []);
  const allowLeave = useCallback(() => {
    dirty.current = false;
  }, []);

  const dialog = (
    <Modal
      open={blocker.state === 'blocked'}
      title="有尚未保存的修改"
      okText="放弃修改并离开"
      okButtonProps={{ danger: true }}
      cancelText="留在本页"
      onOk={() => {
        dirty.current = false;
        blocker.proceed?.();
      }}
      onCancel={() => blocker.reset?.()}
    >
      刚才对公文要素的修改还没有保存。离开后这些修改会丢失；如需保留，请留在本页并点击「保存归档」。
    </Modal>
  );
  return { markDirty, allowLeave, dialog };
}
