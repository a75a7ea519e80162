import { REQUESTS, type Api, type RequestName, type Result } from '../../shared/api/contract';
import { AppError, toErrorPayload } from '../../shared/errors/app-error';
import type { Logger } from './logger';

const isRequestName = (name: string): name is RequestName => Object.hasOwn(REQUESTS, name);

/**
 * Validates a request against the contract's schema and runs it: the one entry point every transport uses,
 * so validation and error shape cannot drift between IPC and HTTP.
 */
export async function dispatch(api: Api, name: string, input: unknown, logger?: Logger): Promise<Result<unknown>> {
  try {
    if (!isRequestName(name))
      throw new AppError('request.unknown', `未知的请求“${name.slice(0, 60)}”。请升级程序或重启后再试。`);
    const parsed = REQUESTS[name].input.safeParse(input ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? `字段“${issue.path.join('.')}”` : '请求内容';
      throw new AppError(
        'validation.invalid_input',
        `${where}不符合要求：${issue?.message ?? '格式错误'}。请检查后重新提交。`,
      );
    }
    const handler = api[name] as (i: unknown) => Promise<unknown>;
    return { ok: true, value: await handler(parsed.data) };
  } catch (e) {
    const error = toErrorPayload(e);
    if (error.code === 'internal')
      logger?.error('request failed', { name, error: String(e), stack: (e as Error)?.stack });
    return { ok: false, error };
  }
}
