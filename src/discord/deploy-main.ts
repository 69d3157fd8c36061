/** Entry point for `npm run deploy-commands`; the logic is in deploy.ts so tests can call it. */
import { config as loadDotenv } from 'dotenv';
import { deployCommands } from './deploy.js';

loadDotenv({ quiet: true });
process.exitCode = await deployCommands({
	argv: process.argv.slice(2),
	env: process.env,
	io: { stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text) },
});
