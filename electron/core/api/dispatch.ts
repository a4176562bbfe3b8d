import { contract, isMethodName } from '../../../shared/contract.js';
import { AppError, type Envelope, toApiError } from '../../../shared/errors.js';
import type { CallContext, Handlers } from './handlerTypes.js';

/** Formats zod issues as one line that names each bad parameter. */
export function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues.map((i) => `${i.path.length ? i.path.map(String).join('.') : 'params'}: ${i.message}`).join('; ');
}

/**
 * The single entry point of every transport: checks the method exists and its params are valid
 * (BAD_INPUT before any handler runs), runs the handler, and wraps the outcome in an envelope.
 */
export async function dispatch(handlers: Handlers, name: unknown, params: unknown, ctx: CallContext): Promise<Envelope<unknown>> {
  if (!isMethodName(name)) {
    return { ok: false, error: { code: 'BAD_INPUT', message: `Unknown method: ${JSON.stringify(name)}` } };
  }
  const parsed = contract[name].params.safeParse(params ?? {});
  if (!parsed.success) {
    return { ok: false, error: { code: 'BAD_INPUT', message: `Invalid parameters for ${name}: ${describeIssues(parsed.error.issues)}` } };
  }
  try {
    const handler = handlers[name] as (p: unknown, c: CallContext) => unknown;
    const value = await handler(parsed.data, ctx);
    return { ok: true, value };
  } catch (err) {
    const error = toApiError(err);
    if (!(err instanceof AppError) && error.code === 'INTERNAL' && process.env.SC_DEBUG) console.error(err);
    return { ok: false, error };
  }
}
