import { z } from 'zod';

/** zod building blocks shared by every part of the contract. */
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
export const text = (max: number) => z.string().max(max);
export const recordId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, '编号格式不正确');

/** One request of the contract: its input schema and (type-only) output. */
export interface RequestSpec {
  readonly input: z.ZodType;
  readonly output: unknown;
}
