/**
 * Test helper run as a separate process (export.test.ts): starts an export of the database argv[2] to argv[3],
 * prints "writing" once the first rows are in the temp file, then blocks, so the test can SIGKILL it mid-export.
 */
import { Engine } from '../core/engine.js';
import { exportToFile } from '../core/export/exportToFile.js';

const engine = new Engine(process.argv[2] as string);
engine.events.on('job.progress', (p) => {
  if (p.done > 0 && p.state === 'running') {
    process.stdout.write('writing\n');
    // Hold the export here (synchronously, so no more rows are written and the rename never happens).
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
  }
});
void exportToFile(engine, { view: 'sinkingTxs', format: 'csv', filters: { order: 'desc' }, path: process.argv[3] as string });
