import { APP_VERSION } from '../version.js';
import { schemaVersionOf } from '../db/migrate.js';
import { DATA_TABLES } from '../db/migrations/index.js';
import { contractCallsNotLoaded } from '../audit/verifyFirstRun.js';
import type { HandlerSlice } from './handlerTypes.js';

export const appHandlers: HandlerSlice<'app.info'> = (engine) => ({
  'app.info': () => {
    const db = engine.reader();
    const rowCounts = DATA_TABLES.map((table) => ({
      table,
      // Table names come from the fixed list above, never from input.
      rows: Number((db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n),
    }));
    return { appVersion: APP_VERSION, dbPath: engine.dbPath, schemaVersion: schemaVersionOf(db), rowCounts, contractCallsNotLoaded: contractCallsNotLoaded(db) };
  },
});
