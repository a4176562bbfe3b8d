import { problemBody } from './faults.js';

/** One answer of the fake server before faults are applied. */
export interface Reply {
  status: number;
  type: string;
  body: string;
  headers?: Record<string, string>;
  /** The report is an old ASP page in iso-8859-1; everything else is UTF-8. */
  encoding?: BufferEncoding;
}

export function json(v: unknown): Reply {
  return { status: 200, type: 'application/hal+json; charset=utf-8', body: JSON.stringify(v) };
}

/** An RFC 7807 problem, Horizon's error format. */
export function problem(status: number, detail?: string): Reply {
  return { status, type: 'application/problem+json', body: problemBody(status, detail) };
}
