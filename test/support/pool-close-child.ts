// Run as its own process by understand-pool.test.ts: a command that closes the pool must still
// run what follows close() and keep its exit code, even when the worker's "ready" arrives
// while the main thread is busy and is only read after close() began.
import { UnderstandPool } from '../../src/app/understand-pool.js';

const pool = new UnderstandPool({ threads: 1 });
void pool.start();
const busyUntil = Date.now() + 3000;
while (Date.now() < busyUntil); // like a synchronous ingest loop that never yields
await pool.close();
process.stdout.write(`closed ready=${pool.ready}\n`);
process.exitCode = 3;
