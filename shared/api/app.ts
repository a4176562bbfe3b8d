import { z } from 'zod';
import { method } from '../contractKit.js';

export interface AppInfo {
  appVersion: string;
  dbPath: string;
  schemaVersion: number;
  /** Rows per data table, in the order the tables are listed. */
  rowCounts: { table: string; rows: number }[];
  /** Why contract-call sales are not being loaded (no indexer set, or both), or null when an indexer is set. */
  contractCallsNotLoaded: string | null;
}

export const appMethods = {
  'app.info': method<AppInfo>()(z.object({}).strict()),
};
