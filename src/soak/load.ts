/** The load scenarios: a clean burst, and a burst with faults injected while it runs. */
import { runInNewContext } from 'node:vm';
import v8 from 'node:v8';
import type { Harness } from '../../test/harness/index.js';
import { runLoad } from '../../test/harness/load.js';
import type { LoadReport } from '../../test/harness/load.js';
import { mixedInteraction } from '../../test/harness/mix.js';
import { rateLimited, serverError } from '../../test/harness/rest.js';

v8.setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

export interface LoadResult extends LoadReport {
	name: string;
	/** Heap after the burst minus before it, both after a full collection and without the harness's records. */
	heapDeltaMb: number;
	faults: number;
}

/** Heap in MB after a full collection, with what the harness keeps about sent messages forgotten. */
export function settledHeapMb(h: Harness): number {
	h.rest.clearCaptures();
	h.gateway.clearRecords();
	h.logs.length = 0;
	gc();
	gc();
	return process.memoryUsage().heapUsed / 1024 / 1024;
}

export async function cleanBurst(h: Harness, count: number, perSecond: number): Promise<LoadResult> {
	await runLoad(h, { count: Math.min(200, count), perSecond: 400, next: mixedInteraction }); // warm-up
	const before = settledHeapMb(h);
	const report = await runLoad(h, { count, perSecond, next: mixedInteraction });
	return { name: `${count} mixed @ ${perSecond}/s`, ...report, heapDeltaMb: settledHeapMb(h) - before, faults: 0 };
}

/** Every 60th interaction, a fault from the list, while the burst goes on. */
export async function faultyBurst(h: Harness, count: number, perSecond: number): Promise<LoadResult> {
	const faults = [
		(): unknown => h.gateway.inject({ kind: 'drop' }),
		(): unknown => h.gateway.inject({ kind: 'zombie' }),
		(): unknown => h.gateway.inject({ kind: 'invalid-session', resumable: true }),
		(): unknown => h.gateway.inject({ kind: 'reconnect' }),
		(): unknown => h.rest.callbackFaults.push(rateLimited(0.05), serverError(500), rateLimited(0.02)),
	];
	let injected = 0;
	const before = settledHeapMb(h);
	const report = await runLoad(h, {
		count,
		perSecond,
		next: (i) => {
			if (i % 60 === 30) {
				faults[injected % faults.length]?.();
				injected += 1;
			}
			return mixedInteraction(i);
		},
	});
	return { name: `${count} mixed @ ${perSecond}/s + faults`, ...report, heapDeltaMb: settledHeapMb(h) - before, faults: injected };
}
