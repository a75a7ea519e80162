import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { unpackedPath } from './paddle.models';

const require = createRequire(import.meta.url);

/**
 * The inference thread. onnxruntime-node's `session.run` runs synchronously on the calling thread (its async API
 * only defers it with setImmediate), so in the core's thread it would freeze every request for ~1 s per page.
 * Each worker thread holds its own det/rec/cls sessions, created once and reused for every page it reads.
 * The source is a string (an `eval` worker) so tsx, vitest and the electron-vite bundle all run it as is, without
 * a separate build entry; onnxruntime-node is required by the absolute path the main thread resolved.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const ort = require(workerData.ortPath);
const sessions = {};
const options = {
  intraOpNumThreads: workerData.threads,
  interOpNumThreads: 1,
  executionMode: 'sequential',
  graphOptimizationLevel: 'all',
  // A memory pattern is planned and kept per input shape, and every page and line batch has its own shape: off,
  // each tensor comes from the arena and is reused across shapes (less RSS and less CPU, see the reader README).
  enableMemPattern: false,
};
async function load() {
  for (const [name, file] of Object.entries(workerData.models)) {
    const enableCpuMemArena = workerData.arena.includes(name);
    if (file) sessions[name] = await ort.InferenceSession.create(file, { ...options, enableCpuMemArena });
  }
}
async function run(name, data, dims) {
  const s = sessions[name];
  if (!s) throw new Error('no ' + name + ' session');
  const out = await s.run({ [s.inputNames[0]]: new ort.Tensor('float32', data, dims) });
  return out[s.outputNames[0]];
}
const ready = load();
parentPort.on('message', async (m) => {
  try {
    await ready;
    if (m.op === 'ping') return parentPort.postMessage({ id: m.id });
    if (m.op === 'close') {
      for (const s of Object.values(sessions)) await s.release();
      return parentPort.postMessage({ id: m.id });
    }
    const t = await run(m.op, m.data, m.dims);
    if (m.op === 'rec') {
      // Only the best class per time step and the next two guesses go back: the full N x T x 6625 output is
      // tens of MB per batch.
      const [n, steps, classes] = t.dims;
      const best = new Int32Array(n * steps);
      const prob = new Float32Array(n * steps);
      const guess = new Int32Array(n * steps * 2);
      const guessProb = new Float32Array(n * steps * 2);
      const d = t.data;
      for (let i = 0; i < n * steps; i++) {
        let k1 = 0, p1 = -1, k2 = 0, p2 = -1, k3 = 0, p3 = -1;
        const o = i * classes;
        for (let c = 0; c < classes; c++) {
          const v = d[o + c];
          if (v <= p3) continue;
          if (v > p1) { k3 = k2; p3 = p2; k2 = k1; p2 = p1; k1 = c; p1 = v; }
          else if (v > p2) { k3 = k2; p3 = p2; k2 = c; p2 = v; }
          else { k3 = c; p3 = v; }
        }
        best[i] = k1;
        prob[i] = p1;
        guess[2 * i] = k2;
        guess[2 * i + 1] = k3;
        guessProb[2 * i] = p2;
        guessProb[2 * i + 1] = p3;
      }
      return parentPort.postMessage({ id: m.id, best, prob, guess, guessProb, dims: t.dims }, [
        best.buffer, prob.buffer, guess.buffer, guessProb.buffer,
      ]);
    }
    const data = new Float32Array(t.data);
    parentPort.postMessage({ id: m.id, data, dims: t.dims }, [data.buffer]);
  } catch (e) {
    parentPort.postMessage({ id: m.id, error: String(e && e.message ? e.message : e) });
  }
});
ready.catch((e) => parentPort.postMessage({ id: 0, error: String(e && e.message ? e.message : e) }));
`;

/** The sessions of one inference thread. */
export type PaddleSessionName = 'det' | 'rec' | 'cls';

export interface PaddleModelFiles {
  readonly det: string;
  readonly rec: string;
  /** The 0°/180° line classifier; optional. */
  readonly cls?: string;
}

export interface InferenceResult {
  readonly data: Float32Array;
  readonly dims: readonly number[];
}

export interface RecResult {
  readonly best: Int32Array;
  readonly prob: Float32Array;
  /** The second and third best class per time step (2 per step) and their probabilities. */
  readonly guess: Int32Array;
  readonly guessProb: Float32Array;
  readonly dims: readonly number[];
}

/** One inference thread with its own sessions. Every call rejects if the thread fails or is closed. */
export interface InferenceThread {
  /** Resolves once the models are loaded (rejects with onnxruntime's message if one cannot be). */
  ready(): Promise<void>;
  det(data: Float32Array, dims: readonly number[]): Promise<InferenceResult>;
  cls(data: Float32Array, dims: readonly number[]): Promise<InferenceResult>;
  rec(data: Float32Array, dims: readonly number[]): Promise<RecResult>;
  threadId(): number;
  /** Releases the sessions and ends the thread. */
  close(): Promise<void>;
  /** Ends the thread at once (timeouts): whatever it was running is abandoned. */
  kill(): Promise<void>;
}

/** The onnxruntime-node entry file (throws when the package or its binary for this platform is missing). */
export function resolveOnnxRuntime(): string {
  return unpackedPath(require.resolve('onnxruntime-node'));
}

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };

/**
 * Starts one inference thread loading `models` with `threads` intra-op threads; the sessions named in `arena`
 * keep onnxruntime's CPU memory arena (see PaddleEngineDeps.memArena).
 */
export function startInferenceThread(
  models: PaddleModelFiles,
  threads: number,
  ortPath: string,
  arena: readonly PaddleSessionName[] = [],
): InferenceThread {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      ortPath,
      models: { det: models.det, rec: models.rec, cls: models.cls ?? null },
      threads,
      arena: [...arena],
    },
    stdout: false,
    stderr: false,
  });
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let dead: Error | null = null;
  const fail = (e: Error): void => {
    dead ??= e;
    for (const p of pending.values()) p.reject(dead);
    pending.clear();
  };
  worker.on('message', (m: { id: number; error?: string }) => {
    if (m.id === 0 && m.error) return fail(new Error(m.error));
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.error) p.reject(new Error(m.error));
    else p.resolve(m);
  });
  worker.on('error', (e) => fail(e));
  worker.on('exit', (code) => fail(new Error(`OCR inference thread exited (${code})`)));

  const call = <T>(op: string, data?: Float32Array, dims?: readonly number[]): Promise<T> => {
    if (dead) return Promise.reject(dead);
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.postMessage({ id, op, data, dims }, data ? [data.buffer as ArrayBuffer] : []);
    });
  };

  return {
    ready: () => call<void>('ping').then(() => undefined),
    det: (data, dims) => call<InferenceResult>('det', data, dims),
    cls: (data, dims) => call<InferenceResult>('cls', data, dims),
    rec: (data, dims) => call<RecResult>('rec', data, dims),
    threadId: () => worker.threadId,
    async close() {
      if (!dead) await call('close').catch(() => undefined);
      await worker.terminate();
    },
    async kill() {
      fail(new Error('OCR inference thread stopped'));
      await worker.terminate();
    },
  };
}
