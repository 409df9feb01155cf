// An understand worker that answers every chunk with no results: the pool must refuse them.
import { parentPort } from 'node:worker_threads';

parentPort?.on('message', (m: { id: number }) => parentPort?.postMessage({ id: m.id, results: '[]' }));
parentPort?.postMessage({ ready: true });
