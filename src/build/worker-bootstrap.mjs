// A worker thread does not inherit the TypeScript loader the main thread runs under (tsx), so the
// worker starts here, in plain JavaScript, registers it, and then loads its TypeScript entry point.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
