import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { MAX_UPLOAD_BASE64, type Result } from '../../shared/api/contract';
import { AppError, toErrorPayload } from '../../shared/errors/app-error';
import type { XinfangApp } from '../core/create-app';
import { dispatch } from '../core/dispatch';
import type { Logger } from '../core/logger';
import { CSP } from '../../shared/api/csp';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** Request bodies above this are refused before they are read into memory. */
const MAX_BODY = MAX_UPLOAD_BASE64 + 1024 * 1024;

export interface HttpServerOptions {
  readonly app: XinfangApp;
  /** The built renderer (out/renderer). */
  readonly rendererDir: string;
  readonly port?: number;
  readonly token?: string;
  readonly logger: Logger;
}

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

const sameToken = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * The loopback transport: the built renderer and the API contract over `POST /api/<request>` plus
 * server-sent events, bound to 127.0.0.1 only, every API call guarded by a random token.
 */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningServer> {
  const { app, rendererDir, logger } = options;
  const token = options.token ?? randomBytes(24).toString('base64url');
  let port = 0;

  const send = (res: ServerResponse, status: number, body: Result<unknown>) => {
    const json = JSON.stringify(body);
    res.writeHead(status, {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
      'Content-Length': Buffer.byteLength(json),
    });
    res.end(json);
  };
  const fail = (res: ServerResponse, status: number, e: AppError) =>
    send(res, status, { ok: false, error: toErrorPayload(e) });

  const authorised = (req: IncomingMessage, url: URL) => {
    const header = req.headers.authorization ?? '';
    const given = header.startsWith('Bearer ') ? header.slice(7) : (url.searchParams.get('token') ?? '');
    return given.length > 0 && sameToken(given, token);
  };

  const readBody = (req: IncomingMessage): Promise<string> =>
    new Promise((resolve, reject) => {
      const declared = Number(req.headers['content-length'] ?? 0);
      if (declared > MAX_BODY) return reject(tooLarge());
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size > MAX_BODY) {
          reject(tooLarge());
          req.destroy();
        } else chunks.push(c);
      });
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      req.on('error', reject);
    });

  async function serveStatic(res: ServerResponse, pathname: string) {
    const rel = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '');
    const full = normalize(join(rendererDir, rel));
    if (!full.startsWith(normalize(rendererDir) + sep)) {
      res.writeHead(404).end();
      return;
    }
    const info = await stat(full).catch(() => null);
    if (!info?.isFile()) {
      if (rel === 'index.html') {
        res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('界面尚未构建：请先运行 npm run build（npm run serve 会自动构建）。');
        return;
      }
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('未找到');
      return;
    }
    res.writeHead(200, {
      'Content-Type': MIME[extname(full)] ?? 'application/octet-stream',
      'Content-Security-Policy': CSP,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': rel === 'index.html' ? 'no-store' : 'max-age=3600',
    });
    res.end(await readFile(full));
  }

  function serveEvents(req: IncomingMessage, res: ServerResponse) {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    res.write(': connected\n\n');
    const off = app.onEvent((e) => res.write(`data: ${JSON.stringify(e)}\n\n`));
    const ping = setInterval(() => res.write(': ping\n\n'), 20_000);
    req.on('close', () => {
      clearInterval(ping);
      off();
    });
  }

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      // Refuse requests addressed to another host name: a web page elsewhere cannot reach us by DNS rebinding.
      const host = (req.headers.host ?? '').toLowerCase();
      if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
        res.writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8' }).end('只接受本机访问');
        return;
      }
      if (url.pathname.startsWith('/api/')) {
        if (!authorised(req, url))
          return fail(
            res,
            401,
            new AppError('request.unauthorized', '访问口令无效。请使用 npm run serve 打印的完整地址重新打开页面。'),
          );
        if (url.pathname === '/api/events' && req.method === 'GET') return serveEvents(req, res);
        if (req.method !== 'POST') return fail(res, 405, new AppError('request.unknown', '接口只接受 POST 请求。'));
        let input: unknown;
        try {
          const body = await readBody(req);
          input = body ? JSON.parse(body) : {};
        } catch (e) {
          if (e instanceof AppError) return fail(res, 413, e);
          return fail(res, 400, new AppError('validation.invalid_input', '请求内容不是有效的 JSON。'));
        }
        const result = await dispatch(app.api, url.pathname.slice('/api/'.length), input, logger);
        return send(res, result.ok ? 200 : result.error.code === 'internal' ? 500 : 400, result);
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405).end();
        return;
      }
      await serveStatic(res, url.pathname);
    })().catch((e) => {
      logger.error('http request failed', { error: String(e) });
      if (!res.headersSent) fail(res, 500, new AppError('internal', '服务器内部出错，请重试。'));
      else res.end();
    });
  });
  server.requestTimeout = 0; // long OCR requests must not be cut off

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function tooLarge() {
  return new AppError(
    'request.too_large',
    '提交的内容太大（超过 150 MB），没有处理。请拆分文件或降低扫描分辨率后再试。',
  );
}
