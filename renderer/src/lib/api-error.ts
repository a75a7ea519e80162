import type { ErrorCode } from '../../../shared/errors/app-error';

/** Codes the renderer adds for failures that never reached the core (network, missing bridge). */
export type ClientErrorCode = 'transport.unreachable' | 'transport.bad_response' | 'transport.no_token';

/** An API failure as the UI sees it: `message` is already Chinese and says what to do. */
export class ApiError extends Error {
  readonly code: ErrorCode | ClientErrorCode;
  constructor(code: ErrorCode | ClientErrorCode, message: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
  }
}

/** Turns anything caught in the UI into a sentence a secretary can act on. */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  const detail = e instanceof Error ? e.message : String(e);
  return `操作没有完成：${detail}。请重试；如果反复出现，请把这段话发给技术支持。`;
}
