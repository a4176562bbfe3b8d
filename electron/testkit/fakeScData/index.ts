/**
 * A fake sc-data (raw.githubusercontent.com serving stellarcarbon/sc-data's `sc-audit/<table>.ndjson`) for bootstrap
 * tests: a 127.0.0.1 server over a directory or in-memory files, with faults per file, and the dumps as they looked
 * on an earlier day (olderSnapshot) or edited before publishing (editedDump).
 */
export {
  FakeScDataServer,
  startFakeScData,
  SC_DATA_BASE_PATH,
  type ScDataFault,
  type ScDataFiles,
  type ScDataSource,
  type ScDataLogEntry,
} from './server.js';
export { olderSnapshot, editedDump, scDataFiles, splitDumpLine, DEFAULT_SNAPSHOT_DATE, SC_DATA_FILES, type SnapshotOptions, type KeyValue } from './snapshot.js';
