import type { z } from 'zod';
import { type MethodName, type Params, contract } from '../../../shared/contract';

/**
 * URL query → a method's params, validated by the method's own zod schema from shared/api: the contract is the
 * only validator and its keys are the URL keys. A URL holds strings only, so each value is tried as it is, then
 * as a number, then as a boolean ('yes'/'no', as the filter bar writes them), and the first the schema accepts
 * wins. A value no reading of which the schema accepts is left out (never sent), with the schema's reason.
 */
export interface UrlParams<P> {
  params: P;
  /** URL key → why its value was left out, in words for the filter bar. */
  problems: Record<string, string>;
}

function readings(value: string): unknown[] {
  const out: unknown[] = [value];
  if (/^-?\d+(\.\d+)?$/.test(value)) out.push(Number(value));
  if (value === 'yes' || value === 'true') out.push(true);
  if (value === 'no' || value === 'false') out.push(false);
  return out;
}

/** A zod issue as one line for a person: the schema's own words, with its type errors said plainly. */
function problemText(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') return issue.expected === 'int' ? 'Expected a whole number' : `Expected a ${issue.expected}`;
  if (issue.code === 'too_big' && issue.origin === 'string') return `At most ${String(issue.maximum)} characters`;
  if (issue.code === 'too_small' && issue.origin === 'number') return `At least ${String(issue.minimum)}`;
  return issue.message.charAt(0).toUpperCase() + issue.message.slice(1);
}

export function urlToParams<S extends z.ZodType>(schema: S, query: Readonly<Record<string, string | undefined>>): UrlParams<z.output<S>> {
  const tries = new Map<string, { readings: unknown[]; at: number; issue?: z.core.$ZodIssue }>();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') tries.set(key, { readings: readings(value), at: 0 });
  const problems: Record<string, string> = {};
  // Every round moves each refused key to its next reading or drops it, so this ends.
  for (;;) {
    const parsed = schema.safeParse(Object.fromEntries([...tries].map(([k, t]) => [k, t.readings[t.at]])));
    if (parsed.success) return { params: parsed.data, problems };
    const blamed = new Set<string>();
    for (const issue of parsed.error.issues) {
      const keys = issue.code === 'unrecognized_keys' ? issue.keys : [String(issue.path[0] ?? '')];
      for (const key of keys) {
        const t = tries.get(key);
        if (!t) continue;
        blamed.add(key);
        // A type mismatch says less than a refusal of the value itself (a bad checksum, an impossible date).
        if (!t.issue || t.issue.code === 'invalid_type') t.issue = issue;
      }
    }
    // An issue no URL value caused (a required param missing): the schema refuses the view itself.
    if (blamed.size === 0) throw parsed.error;
    for (const key of blamed) {
      const t = tries.get(key);
      if (!t) continue;
      if (t.at + 1 < t.readings.length) t.at += 1;
      else {
        tries.delete(key);
        if (t.issue) problems[key] = problemText(t.issue);
      }
    }
  }
}

/** The filter bar's check of one field: null when the schema accepts the value, else why not. */
export function fieldProblem(schema: z.ZodType, key: string): (value: string) => string | null {
  return (value) => {
    return urlToParams(schema, { [key]: value }).problems[key] ?? null;
  };
}

/**
 * A method's params schema from the contract. The cast only names what holds by construction (the contract maps
 * K to this schema): the type checker cannot follow a generic key into the contract object.
 */
export function paramsSchema<K extends MethodName>(method: K): z.ZodType<Params<K>> {
  const schema: z.ZodType = contract[method].params;
  return schema as z.ZodType<Params<K>>;
}

/**
 * A view's params without its paging (the page size the schema defaults, a cursor): what an export takes, since
 * an export is every matching row. The export schemas refuse paging keys.
 */
export function withoutPaging<P extends object>(params: P): P {
  const rest = { ...params } as Record<string, unknown>;
  for (const k of ['limit', 'cursor', 'before']) delete rest[k];
  return rest as P;
}
