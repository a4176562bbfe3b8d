/**
 * Test helper run as a separate process (syncLock.test.ts): takes the catch-up lock on the database named in
 * argv[2], prints "locked", then waits to be killed — so the test can leave a lock whose holder is dead.
 */
import { Engine } from '../core/engine.js';
import { acquireLock } from '../core/jobs/syncLock.js';

const engine = new Engine(process.argv[2] as string);
acquireLock(engine.writer(), { purpose: 'catch-up', actor: 'child-actor' });
process.stdout.write('locked\n');
setInterval(() => undefined, 60_000);
