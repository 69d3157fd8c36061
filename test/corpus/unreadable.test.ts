import { describe, expect, it, vi } from 'vitest';
import { seedsFolder } from '../helpers/tmp.js';

// Tests run as root here, and root reads any file whatever its mode, so permission is denied by
// the file system layer itself for one named file: the loader's handling is what is under test.
// The loader opens article files synchronously (see load.ts), so that is the open refused here.
vi.mock('node:fs', async (importOriginal) => {
	const actual = await importOriginal<typeof import('node:fs')>();
	return {
		...actual,
		openSync: (...args: Parameters<typeof actual.openSync>) => {
			if (String(args[0]).endsWith('locked.txt')) throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
			return actual.openSync(...args);
		},
	};
});

describe('an unreadable article file', () => {
	it('is skipped with a warning naming it, and the others load', async () => {
		const { loadCorpus } = await import('../../src/corpus/load.js');
		const folder = await seedsFolder({ 'good.txt': 'Text.', 'locked.txt': 'Secret.' });
		const { articles, warnings } = await loadCorpus(folder);
		expect(articles.map((a) => a.id)).toEqual(['good.txt']);
		expect(warnings).toEqual([{ file: 'locked.txt', reason: 'unreadable (permission denied)' }]);
	});
});
