import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';

const created: string[] = [];

afterEach(async () => {
	for (const folder of created.splice(0)) await rm(folder, { recursive: true, force: true });
});

/** A fresh seeds folder holding `files` (relative path → content), removed after the test. */
export async function seedsFolder(files: Record<string, string | Uint8Array>): Promise<string> {
	const folder = await mkdtemp(path.join(tmpdir(), 'ro-seeds-'));
	created.push(folder);
	for (const [name, content] of Object.entries(files)) {
		const full = path.join(folder, name);
		await mkdir(path.dirname(full), { recursive: true });
		await writeFile(full, content);
	}
	return folder;
}
