import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: on the two-core CI machine that is one file at a time with
    // a core idle whenever a test waits on a child process, a worker thread or the disk. Two files at a time keep
    // both busy (`npm test` must stay under 10 minutes there); larger machines keep the default.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
