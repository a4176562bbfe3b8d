import type { z } from 'zod';

/**
 * One API method: a runtime schema for its parameters and (as a type only) its result.
 * The result is a phantom: it exists for the type checker, never at run time.
 */
export interface MethodSpec<P extends z.ZodType = z.ZodType, R = unknown> {
  readonly params: P;
  readonly result?: R;
  /** Long jobs stream progress through the event stream while the call is pending. */
  readonly job?: boolean;
}

/** `method<Result>()(paramsSchema)`: curried so the result type can be given while the schema is inferred. */
export function method<R>() {
  return <P extends z.ZodType>(params: P, opts: { job?: boolean } = {}): MethodSpec<P, R> => ({
    params,
    ...(opts.job ? { job: true } : {}),
  });
}
