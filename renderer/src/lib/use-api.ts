import { useCallback, useEffect, useRef, useState } from 'react';
import type { RequestInput, RequestName, RequestOutput } from '../../../shared/api/contract';
import { call } from './api';

export interface ApiState<T> {
  readonly data: T | undefined;
  readonly error: unknown;
  readonly loading: boolean;
  /** Runs the request again (after a failure or when the data changed elsewhere). */
  readonly reload: () => void;
}

/** Loads one request when the component mounts and whenever its input changes; stale answers are dropped. */
export function useApi<N extends RequestName>(name: N, input: RequestInput<N> | null): ApiState<RequestOutput<N>> {
  const key = input === null ? null : JSON.stringify(input);
  const [state, setState] = useState<{ data?: RequestOutput<N>; error: unknown; loading: boolean }>({
    error: null,
    loading: key !== null,
  });
  const [nonce, setNonce] = useState(0);
  const seq = useRef(0);

  useEffect(() => {
    if (key === null) return;
    const mine = ++seq.current;
    setState((s) => ({ ...s, loading: true, error: null }));
    call(name, JSON.parse(key) as RequestInput<N>).then(
      (data) => mine === seq.current && setState({ data, error: null, loading: false }),
      (error: unknown) => mine === seq.current && setState((s) => ({ ...s, error, loading: false })),
    );
  }, [name, key, nonce]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}
