import { z } from 'zod';
import { method } from '../contractKit.js';

export interface AppInfo {
  appVersion: string;
  dbPath: string;
  schemaVersion: number;
  /** Rows per data table, in the order the tables are listed. */
  rowCounts: { table: string; rows: number }[];
}

export const appMethods = {
  'app.info': method<AppInfo>()(z.object({}).strict()),
};
