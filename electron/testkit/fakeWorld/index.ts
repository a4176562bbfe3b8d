/**
 * The fake Horizon + Verra used by source, sync, CLI and e2e tests and the benchmark: a World (what exists),
 * builders (from the sc-data dumps, from the captured fixtures, sliced at a date, with pruned history) and a
 * 127.0.0.1 server with fault injection and a request log. Standalone: `npx tsx electron/testkit/fakeWorld/serveWorld.ts --port N`.
 */
export { type World, type HorizonHistory, emptyWorld } from './world.js';
export { FakeWorldServer, startFakeWorld, SEARCH_PATH, REPORT_PATH, APPEND_PATH, type RequestLogEntry } from './server.js';
export { HorizonStreams, type WorldAppend } from './horizonStreams.js';
export { LINK_HOST, PUBLIC_NETWORK_PASSPHRASE } from './horizonRoutes.js';
export { prunedWorld, ledgerAfter, newestRecordDate, elderLedgerKeeping } from './history.js';
export { type Fault, FaultQueue } from './faults.js';
export { worldFromScData, worldSlice, poolBatches, type ScWorld } from './fromScData.js';
export { worldFromFixtures } from './fromFixtures.js';
export { renderPoolReport } from './poolHtml.js';
