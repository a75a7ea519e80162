import { Alert, Button } from 'antd';
import { errorMessage } from '../lib/api-error';

/** Shows an API failure in Chinese with an optional retry; renders nothing when there is no error. */
export function ErrorAlert({ error, title, onRetry }: { error: unknown; title?: string; onRetry?: () => void }) {
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      title={title ?? '出错了'}
      description={errorMessage(error)}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            重试
          </Button>
        ) : undefined
      }
      style={{ marginBottom: 16 }}
    />
  );
}
