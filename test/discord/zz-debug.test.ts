import { it } from 'vitest';
import { startHarness } from '../harness/index.js';
import { chatInput } from '../harness/payloads.js';
it('debug', async () => {
	const h = await startHarness();
	console.log('started');
	h.bot.client.on('debug', (m) => console.log('DEBUG', m));
	h.bot.client.on('raw' as never, (m: unknown) => console.log('RAW', JSON.stringify(m).slice(0, 200)));
	h.gateway.dispatchInteraction(chatInput('ask', { question: 'hi' }));
	await new Promise((r) => setTimeout(r, 2000));
	console.log(h.logs, JSON.stringify(h.rest.captures).slice(0, 2000), h.gateway.received.map(f=>f.op));
	await h.stop();
});
