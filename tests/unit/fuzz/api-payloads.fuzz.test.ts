import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { REQUESTS, REQUEST_NAMES, type Api } from '../../../shared/api/contract';
import { dispatch } from '../../../electron/core/dispatch';
import { fuzz } from './fuzz-helpers';

/** A core whose every handler records that it ran and what it was given: dispatch is what is under test. */
function recordingApi() {
  const calls: { name: string; input: unknown }[] = [];
  const api = new Proxy({} as Api, {
    get: (_t, name) => async (input: unknown) => {
      calls.push({ name: String(name), input });
      return {};
    },
  });
  return { api, calls };
}

/** Inputs a hostile page or a broken client could send: any JSON, odd objects, prototype tricks, deep nesting. */
const hostileInput = fc.oneof(
  fc.jsonValue(),
  fc.anything({
    withBigInt: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withTypedArray: true,
    withNullPrototype: true,
  }),
  fc.dictionary(
    fc.constantFrom('__proto__', 'constructor', 'prototype', 'id', 'name', 'dataBase64', 'fields', 'query'),
    fc.jsonValue(),
  ),
  fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: 'small' }, fc.constant(null), fc.array(tie('node'), { maxLength: 3 })),
  })).node,
);

describe('API payloads under fuzzing', () => {
  it('answers every request, whatever its input, with ok or a validation error and never an internal error', async () => {
    const { api, calls } = recordingApi();
    const cases = fc.sample(
      fc.tuple(fc.constantFrom(...REQUEST_NAMES, 'no.such', '__proto__', 'constructor'), hostileInput),
      {
        numRuns: 3000,
      },
    );
    for (const [name, input] of cases) {
      const before = calls.length;
      const r = await dispatch(api, name, input);
      if (r.ok) {
        // The handler only ever sees input that passed its schema.
        expect(calls.length).toBe(before + 1);
        expect(REQUESTS[name as keyof typeof REQUESTS].input.safeParse(calls.at(-1)!.input).success).toBe(true);
      } else {
        expect(['validation.invalid_input', 'request.unknown']).toContain(r.error.code);
        expect(r.error.message).toMatch(/[\u4e00-\u9fff]/);
        expect(calls.length).toBe(before);
      }
    }
  });

  it('keeps the handler from running when a field is over its size limit', () => {
    const { api, calls } = recordingApi();
    const over = [
      ['search.query', { query: '检'.repeat(201) }],
      ['intake.cancel', { ref: 'x'.repeat(101) }],
      ['intake.importFile', { name: 'a'.repeat(1001), dataBase64: '' }],
      ['documents.get', { id: 'd'.repeat(65) }],
      ['documents.get', { id: '../../etc/passwd' }],
      ['settings.update', { watchFolder: '/'.repeat(1001) }],
    ] as const;
    return Promise.all(
      over.map(async ([name, input]) => {
        const r = await dispatch(api, name, input);
        expect(r).toMatchObject({ ok: false, error: { code: 'validation.invalid_input' } });
      }),
    ).then(() => expect(calls).toEqual([]));
  });

  it('accepts a record id exactly when it is 1–64 letters, digits, _ or -, so no path or control character reaches the store', () => {
    fuzz('record ids', fc.string({ unit: 'binary', maxLength: 80 }), (s) => {
      const ok = REQUESTS['documents.get'].input.safeParse({ id: s }).success;
      expect(ok).toBe(/^[A-Za-z0-9_-]{1,64}$/.test(s));
    });
  });
});
