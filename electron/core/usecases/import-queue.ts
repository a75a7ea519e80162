import type { ImportProgress } from '../../../shared/api/contract';
import { AppError } from '../../../shared/errors/app-error';

/** The error a cancelled import rejects with; nothing of the file has been written when it is thrown. */
export const cancelledError = (name: string): AppError =>
  new AppError('intake.cancelled', `已取消导入“${name}”，没有保存任何内容。需要时可以点击“重试”重新导入。`);

interface Job {
  readonly ref: string;
  readonly name: string;
  readonly controller: AbortController;
  readonly start: () => Promise<void>;
  readonly reject: (e: unknown) => void;
}

export interface ImportQueueDeps {
  readonly emitProgress: (p: ImportProgress) => void;
}

/**
 * Runs imports one at a time in arrival order, shared by the UI and the watched folder, so two OCR jobs
 * never fight over the two cores. A queued job can be cancelled before it starts; a running one gets its
 * AbortSignal aborted and decides itself (between stages) how to stop without writing anything.
 */
export function createImportQueue({ emitProgress }: ImportQueueDeps) {
  const waiting: Job[] = [];
  let running: { job: Job; done: Promise<void> } | null = null;
  let closed = false;

  const tick = (job: Job, stage: 'queued' | 'cancelled') =>
    emitProgress({ ref: job.ref, name: job.name, stage, page: 0, pages: 0, percent: 0 });

  function pump(): void {
    if (running) return;
    const job = waiting.shift();
    if (!job) return;
    const done = job.start().finally(() => {
      running = null;
      pump();
    });
    running = { job, done };
  }

  /** Cancels the jobs whose ref matches; returns how many. */
  function cancelWhere(match: (job: { readonly ref: string; readonly name: string }) => boolean): number {
    let n = 0;
    for (const job of waiting.filter(match)) {
      waiting.splice(waiting.indexOf(job), 1);
      tick(job, 'cancelled');
      job.reject(cancelledError(job.name));
      n++;
    }
    if (running && match(running.job) && !running.job.controller.signal.aborted) {
      running.job.controller.abort();
      n++;
    }
    return n;
  }

  return {
    /** Queues `fn`; it is called with the job's AbortSignal when its turn comes. */
    run<T>(meta: { readonly ref: string; readonly name: string }, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        const controller = new AbortController();
        const job: Job = {
          ...meta,
          controller,
          reject,
          start: () =>
            Promise.resolve()
              .then(() => fn(controller.signal))
              .then(resolve, reject),
        };
        if (closed) {
          reject(cancelledError(meta.name));
          return;
        }
        waiting.push(job);
        if (running) tick(job, 'queued');
        pump();
      });
    },

    /** Cancels every queued or running job with this `ref`; false when there was none. */
    cancel(ref: string): boolean {
      return cancelWhere((j) => j.ref === ref) > 0;
    },

    cancelWhere,

    /** Jobs waiting plus the one running. */
    size: (): number => waiting.length + (running ? 1 : 0),

    /** Cancels everything and waits for the running job to settle. */
    async close(): Promise<void> {
      closed = true;
      cancelWhere(() => true);
      await running?.done;
    },
  };
}
export type ImportQueue = ReturnType<typeof createImportQueue>;
