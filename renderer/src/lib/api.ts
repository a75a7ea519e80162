import type { AppEvent, RequestInput, RequestName, RequestOutput, Result } from '../../../shared/api/contract';
import { ApiError } from './api-error';

export { ApiError } from './api-error';

/** What the Electron preload exposes: one function per request, plus the event stream. */
type PreloadBridge = { [N in RequestName]: (input: RequestInput<N>) => Promise<Result<RequestOutput<N>>> } & {
  onEvent(cb: (e: AppEvent) => void): () => void;
};

/** One way to reach the application core; the rest of the renderer never knows which. */
interface Transport {
  readonly kind: 'electron' | 'http';
  request(name: RequestName, input: unknown): Promise<Result<unknown>>;
  onEvent(cb: (e: AppEvent) => void): () => void;
}

const TOKEN_KEY = 'xinfangdesk.token';
const EVENT_NAMES = ['intake.progress', 'backup.progress', 'archive.progress'] as const;

function electronTransport(bridge: PreloadBridge): Transport {
  return {
    kind: 'electron',
    request: (name, input) => (bridge[name] as (i: unknown) => Promise<Result<unknown>>)(input),
    onEvent: (cb) => bridge.onEvent(cb),
  };
}

/** Takes the token from `?token=` once, keeps it for the tab's life and removes it from the address bar. */
function takeToken(): string | null {
  const params = new URLSearchParams(window.location.search);
  const fromUrl = params.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    params.delete('token');
    const rest = params.toString();
    window.history.replaceState(
      null,
      '',
      `${window.location.pathname}${rest ? `?${rest}` : ''}${window.location.hash}`,
    );
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

const UNREACHABLE =
  '无法连接到信访文书台的本机服务。请确认程序仍在运行（启动它的命令行窗口没有关闭），然后刷新页面重试。';

function parseEvent(data: unknown): AppEvent | null {
  if (typeof data !== 'string') return null;
  try {
    const parsed = JSON.parse(data) as Partial<AppEvent>;
    return parsed && typeof parsed.name === 'string' && parsed.payload ? (parsed as AppEvent) : null;
  } catch {
    return null;
  }
}

function httpTransport(token: string | null): Transport {
  const listeners = new Set<(e: AppEvent) => void>();
  let source: EventSource | null = null;

  const dispatch = (message: MessageEvent) => {
    const event = parseEvent(message.data);
    if (event) for (const cb of listeners) cb(event);
  };
  const open = () => {
    source = new EventSource(`/api/events?token=${encodeURIComponent(token ?? '')}`);
    // The server may send plain messages or named events; listening to both never doubles a message.
    source.addEventListener('message', dispatch);
    for (const name of EVENT_NAMES) source.addEventListener(name, dispatch);
  };

  return {
    kind: 'http',
    async request(name, input) {
      if (!token) {
        throw new ApiError(
          'transport.no_token',
          '页面地址缺少访问令牌，无法连接本机服务。请使用启动服务时命令行显示的完整地址（带 ?token=）重新打开。',
        );
      }
      let response: Response;
      try {
        response = await fetch(`/api/${name}`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify(input ?? {}),
        });
      } catch {
        throw new ApiError('transport.unreachable', UNREACHABLE);
      }
      try {
        return (await response.json()) as Result<unknown>;
      } catch {
        throw new ApiError(
          'transport.bad_response',
          `本机服务返回了无法识别的应答（HTTP ${response.status}）。请刷新页面重试；如果反复出现，请重新启动程序。`,
        );
      }
    },
    onEvent(cb) {
      listeners.add(cb);
      if (!source) open();
      return () => {
        listeners.delete(cb);
        if (listeners.size === 0 && source) {
          source.close();
          source = null;
        }
      };
    },
  };
}

let transport: Transport | null = null;

/** Picks the transport once: the preload bridge inside Electron, loopback HTTP in a browser. */
export function initTransport(): Transport['kind'] {
  if (transport) return transport.kind;
  const bridge = (window as unknown as { api?: PreloadBridge }).api;
  transport = bridge ? electronTransport(bridge) : httpTransport(takeToken());
  return transport.kind;
}

function current(): Transport {
  if (!transport) initTransport();
  return transport as Transport;
}

/** Calls one request of the contract; a `{ ok: false }` result is thrown as an `ApiError`. */
export async function call<N extends RequestName>(name: N, input: RequestInput<N>): Promise<RequestOutput<N>> {
  const result = await current().request(name, input);
  if (!result || typeof result !== 'object' || typeof result.ok !== 'boolean') {
    throw new ApiError(
      'transport.bad_response',
      '本机服务返回了无法识别的应答。请刷新页面重试；如果反复出现，请重新启动程序。',
    );
  }
  if (result.ok) return result.value as RequestOutput<N>;
  throw new ApiError(result.error.code, result.error.message);
}

/** Subscribes to pushed events (import progress); returns the unsubscribe function. */
export function onEvent(cb: (e: AppEvent) => void): () => void {
  return current().onEvent(cb);
}
