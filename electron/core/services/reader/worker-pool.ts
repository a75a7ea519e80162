/**
 * A lazily started pool of at most `size` workers (tesseract.js workers, PaddleOCR inference threads), each
 * lent to one job at a time. Unlike a scheduler it can end exactly one broken or hung worker (`drop`) and
 * reject only its job; a caller waiting for a worker then gets a freshly started one instead of waiting forever.
 */

export interface WorkerPoolOptions<W, C> {
  /** Workers alive at the same time at most (at least 1). */
  readonly size: number;
  /** Starts one worker; `context` is what the acquiring caller passed (e.g. the file name for error messages). */
  readonly start: (context: C) => Promise<W>;
  /** Ends a healthy worker (pool closed, or started after the close). */
  readonly stop: (worker: W) => Promise<void>;
  /** Ends a worker that failed or timed out, at once; default `stop`. */
  readonly kill?: (worker: W) => Promise<void>;
  /** The error a caller gets once the pool is closed. */
  readonly closedError: () => Error;
}

export interface WorkerPool<W, C> {
  /** An idle worker, a newly started one while under `size`, or the next one released. */
  acquire(context: C): Promise<W>;
  /** Gives a healthy worker back: to the longest waiting caller, else idle. */
  release(worker: W): void;
  /** Ends a broken worker (`kill`) and starts a replacement for the longest waiting caller, if any. */
  drop(worker: W): Promise<void>;
  /** Runs `job` on a worker: released when it resolves, dropped when it rejects (the rejection is passed on). */
  use<T>(context: C, job: (worker: W) => Promise<T>): Promise<T>;
  /** Live workers (started and not dropped or closed). */
  count(): number;
  /** Rejects every waiting caller and stops every worker; later acquires reject with `closedError`. */
  close(): Promise<void>;
}

interface Entry<W> {
  readonly worker: W;
  busy: boolean;
}

export function createWorkerPool<W, C = void>(options: WorkerPoolOptions<W, C>): WorkerPool<W, C> {
  const size = Math.max(1, options.size);
  const kill = options.kill ?? options.stop;
  const entries: Entry<W>[] = [];
  const waiting: { context: C; resolve: (w: W) => void; reject: (e: unknown) => void }[] = [];
  let starting = 0;
  let closed = false;

  async function acquire(context: C): Promise<W> {
    if (closed) throw options.closedError();
    const idle = entries.find((e) => !e.busy);
    if (idle) {
      idle.busy = true;
      return idle.worker;
    }
    if (entries.length + starting < size) {
      starting++;
      try {
        const worker = await options.start(context);
        if (closed) {
          await options.stop(worker).catch(() => undefined);
          throw options.closedError();
        }
        entries.push({ worker, busy: true });
        return worker;
      } finally {
        starting--;
      }
    }
    return new Promise<W>((resolve, reject) => waiting.push({ context, resolve, reject }));
  }

  function release(worker: W): void {
    const entry = entries.find((e) => e.worker === worker);
    // A worker dropped or closed meanwhile is not lent again.
    if (!entry) return;
    const next = waiting.shift();
    if (next) next.resolve(worker);
    else entry.busy = false;
  }

  async function drop(worker: W): Promise<void> {
    const i = entries.findIndex((e) => e.worker === worker);
    if (i >= 0) entries.splice(i, 1);
    await kill(worker).catch(() => undefined);
    // A waiter would otherwise wait for a worker that no longer exists: let it start a new one.
    const next = waiting.shift();
    if (next) acquire(next.context).then(next.resolve, next.reject);
  }

  return {
    acquire,
    release,
    drop,
    async use(context, job) {
      const worker = await acquire(context);
      try {
        const result = await job(worker);
        release(worker);
        return result;
      } catch (e) {
        void drop(worker);
        throw e;
      }
    },
    count: () => entries.length,
    async close() {
      closed = true;
      for (const w of waiting.splice(0)) w.reject(options.closedError());
      await Promise.all(entries.splice(0).map((e) => options.stop(e.worker).catch(() => undefined)));
    },
  };
}

/** `work`, or `error()` once `ms` have passed first (the timer is cleared either way; `work` is not cancelled). */
export async function withTimeout<T>(work: Promise<T>, ms: number, error: () => unknown): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(error()), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
