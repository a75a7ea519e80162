import { describe, expect, it } from 'vitest';
import { createWorkerPool, withTimeout } from '../../../electron/core/services/reader/worker-pool';

/** A fake worker that records how it ended. */
interface Fake {
  readonly id: number;
  readonly context: string;
  ended?: 'stopped' | 'killed';
}

function fakePool(size: number, startFails?: (n: number) => boolean) {
  const started: Fake[] = [];
  let attempts = 0;
  const pool = createWorkerPool<Fake, string>({
    size,
    start: async (context) => {
      const n = ++attempts;
      await Promise.resolve();
      if (startFails?.(n)) throw new Error(`start ${n} failed`);
      const w: Fake = { id: n, context };
      started.push(w);
      return w;
    },
    stop: async (w) => void (w.ended = 'stopped'),
    kill: async (w) => void (w.ended = 'killed'),
    closedError: () => new Error('文字识别已关闭'),
  });
  return { pool, started };
}

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('the worker pool', () => {
  it('starts workers lazily up to its size and lends an idle one again before starting another', async () => {
    const { pool, started } = fakePool(2);
    expect(pool.count()).toBe(0);
    const a = await pool.acquire('a.pdf');
    pool.release(a);
    const again = await pool.acquire('b.pdf');
    expect(again).toBe(a);
    const b = await pool.acquire('c.pdf');
    expect(b).not.toBe(a);
    expect(started.map((w) => w.context)).toEqual(['a.pdf', 'c.pdf']);
    expect(pool.count()).toBe(2);
  });

  it('never starts more than its size while starts are in flight, and queues the rest in order', async () => {
    const { pool, started } = fakePool(2);
    const got = await Promise.all([pool.acquire('1'), pool.acquire('2')]);
    const third = pool.acquire('3');
    const fourth = pool.acquire('4');
    await tick();
    expect(started).toHaveLength(2);
    pool.release(got[1]!);
    expect(await third).toBe(got[1]);
    pool.release(got[0]!);
    expect(await fourth).toBe(got[0]);
    expect(started).toHaveLength(2);
  });

  it('drops a broken worker with kill and starts a replacement for the caller waiting, with its context', async () => {
    const { pool, started } = fakePool(1);
    const a = await pool.acquire('a.pdf');
    const waiter = pool.acquire('b.pdf');
    await pool.drop(a);
    const b = await waiter;
    expect(a.ended).toBe('killed');
    expect(b).not.toBe(a);
    expect(b.context).toBe('b.pdf');
    expect(started).toHaveLength(2);
    expect(pool.count()).toBe(1);
  });

  it('does not lend a dropped worker again when it is released late', async () => {
    const { pool } = fakePool(1);
    const a = await pool.acquire('a');
    await pool.drop(a);
    pool.release(a);
    const b = await pool.acquire('b');
    expect(b).not.toBe(a);
  });

  it('use: releases the worker after a job and drops it when the job fails, passing the error on', async () => {
    const { pool } = fakePool(1);
    let first: Fake | undefined;
    expect(
      await pool.use('a', async (w) => {
        first = w;
        return 42;
      }),
    ).toBe(42);
    await expect(
      pool.use('b', async (w) => {
        expect(w).toBe(first);
        throw new Error('hung');
      }),
    ).rejects.toThrow('hung');
    await tick();
    expect(first!.ended).toBe('killed');
    expect(pool.count()).toBe(0);
    const fresh = await pool.acquire('c');
    expect(fresh).not.toBe(first);
  });

  it('passes a failed start on to its caller and lets the next caller try again', async () => {
    const { pool } = fakePool(1, (n) => n === 1);
    await expect(pool.acquire('a')).rejects.toThrow('start 1 failed');
    expect(pool.count()).toBe(0);
    const w = await pool.acquire('b');
    expect(w.id).toBe(2);
  });

  it('close rejects waiting callers, stops every worker and refuses later acquires', async () => {
    const { pool, started } = fakePool(1);
    const a = await pool.acquire('a');
    const waiter = pool.acquire('b');
    await pool.close();
    await expect(waiter).rejects.toThrow('文字识别已关闭');
    await expect(pool.acquire('c')).rejects.toThrow('文字识别已关闭');
    expect(a.ended).toBe('stopped');
    expect(pool.count()).toBe(0);
    expect(started).toHaveLength(1);
  });

  it('stops a worker whose start finished after the pool closed, and says the pool is closed', async () => {
    let finish: (w: Fake) => void = () => undefined;
    const late: Fake = { id: 1, context: 'a' };
    const pool = createWorkerPool<Fake, string>({
      size: 1,
      start: () => new Promise<Fake>((r) => (finish = r)),
      stop: async (w) => void (w.ended = 'stopped'),
      closedError: () => new Error('文字识别已关闭'),
    });
    const pending = pool.acquire('a');
    await tick();
    await pool.close();
    finish(late);
    await expect(pending).rejects.toThrow('文字识别已关闭');
    expect(late.ended).toBe('stopped');
    expect(pool.count()).toBe(0);
  });
});

describe('withTimeout', () => {
  it('passes the result through when the work is in time', async () => {
    expect(await withTimeout(Promise.resolve('ok'), 1000, () => new Error('late'))).toBe('ok');
  });

  it('rejects with the given error when the work takes longer', async () => {
    const never = new Promise<string>(() => undefined);
    await expect(withTimeout(never, 5, () => new Error('第 1 页的文字识别超时'))).rejects.toThrow('超时');
  });

  it('passes the work’s own rejection through', async () => {
    await expect(withTimeout(Promise.reject(new Error('broken')), 1000, () => new Error('late'))).rejects.toThrow(
      'broken',
    );
  });
});
