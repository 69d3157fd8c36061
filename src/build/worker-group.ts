// Worker threads that each give one reply, supervised together: when one fails (cannot start,
// throws, replies with an error or exits early), the others are ended too, since their work is of no
// use without it, and the first failure is kept to say why. Used by the build (parallel.ts) and by
// the cache's start-up (hashing the seeds while the cache is parsed).
import { Worker, type Transferable } from 'node:worker_threads';

/** Starts a TypeScript entry point in a worker thread (see worker-bootstrap.mjs). */
const BOOTSTRAP = new URL('./worker-bootstrap.mjs', import.meta.url);

export interface Started<T> {
	worker: Worker | null;
	/** The reply, or null when none came (see WorkerGroup.failure). */
	reply: Promise<Exclude<T, { error: string }> | null>;
}

/** Workers that need each other: when one fails, the others' work is of no use and they are ended too. */
export class WorkerGroup {
	private readonly workers = new Set<Worker>();
	/** Why the first worker to fail failed: the others were ended because of it. */
	failure: string | null = null;

	get running(): number {
		return this.workers.size;
	}

	/** A worker running `entry`, and its one reply. Ends the worker once it has replied. */
	start<T extends object>(task: string, entry: URL, data: object, transferList: readonly Transferable[]): Started<T> {
		let worker: Worker;
		try {
			worker = new Worker(BOOTSTRAP, { workerData: { entry: entry.href, ...data }, transferList: [...transferList] });
		} catch (error) {
			this.fail(`the ${task} worker did not start (${describe(error)})`);
			return { worker: null, reply: Promise.resolve(null) };
		}
		this.workers.add(worker);
		const reply = new Promise<Exclude<T, { error: string }> | null>((resolve) => {
			let replied = false;
			const fail = (because: string) => {
				// Ending a worker that has replied is expected; it is not a failure.
				if (replied) return;
				this.fail(because);
				resolve(null);
			};
			worker.once('message', (message: T) => {
				if ('error' in message) return fail(`${task} failed in its worker (${String(message.error)})`);
				replied = true;
				void worker.terminate();
				resolve(message as Exclude<T, { error: string }>);
			});
			worker.once('error', (error) => fail(`the ${task} worker failed (${describe(error)})`));
			worker.once('exit', (code) => {
				this.workers.delete(worker);
				fail(`the ${task} worker exited with code ${code} before replying`);
			});
		});
		return { worker, reply };
	}

	stopAll(): void {
		for (const worker of this.workers) void worker.terminate();
	}

	private fail(because: string): void {
		this.failure ??= because;
		this.stopAll();
	}
}

export function describe(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
