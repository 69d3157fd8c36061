/**
 * A fake Discord gateway on 127.0.0.1: just enough of the protocol for a real discord.js Client
 * to log in, stay connected and receive dispatches. Facts it relies on are in
 * /work/shared/notes/discord-test-harness.md.
 */
import { EventEmitter } from 'node:events';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';

export const OP = { dispatch: 0, heartbeat: 1, identify: 2, resume: 6, reconnect: 7, invalidSession: 9, hello: 10, heartbeatAck: 11 } as const;

interface Frame {
	op: number;
	d?: unknown;
	s?: number | null;
	t?: string | null;
}

export interface GatewayOptions {
	applicationId: string;
	botUserId: string;
	/** Long by default so no heartbeat timing can influence a test. */
	heartbeatIntervalMs?: number;
}

export class FakeGateway {
	/** Every frame the client sent, in order (IDENTIFY, heartbeats, RESUME…). */
	readonly received: Frame[] = [];
	private readonly sockets = new Set<WebSocket>();
	private readonly frames = new EventEmitter();
	private sequence = 0;
	private readonly sessionId = 'fake-session';

	private constructor(
		private readonly server: WebSocketServer,
		private readonly options: GatewayOptions,
	) {
		server.on('connection', (socket) => this.accept(socket));
	}

	static async start(options: GatewayOptions): Promise<FakeGateway> {
		const server = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
		await new Promise<void>((resolve, reject) => {
			server.once('listening', resolve);
			server.once('error', reject);
		});
		return new FakeGateway(server, options);
	}

	get url(): string {
		const { port } = this.server.address() as AddressInfo;
		return `ws://127.0.0.1:${port}`;
	}

	get connections(): number {
		return this.sockets.size;
	}

	/** Sends a dispatch event (op 0) with the next sequence number to every connected client. */
	dispatch(event: string, data: unknown): void {
		this.sequence += 1;
		this.broadcast({ op: OP.dispatch, t: event, s: this.sequence, d: data });
	}

	dispatchInteraction(payload: unknown): void {
		if (this.sockets.size === 0) throw new Error('No client is connected to the fake gateway');
		this.dispatch('INTERACTION_CREATE', payload);
	}

	/** Closes every client connection with `code` (for fault tests: 4000 resumable, 4004 fatal). */
	disconnectAll(code = 4000): void {
		for (const socket of this.sockets) socket.close(code, 'fake gateway closed the connection');
	}

	/** Close only after `client.destroy()`: otherwise the client keeps reconnecting. */
	async close(): Promise<void> {
		for (const socket of this.sockets) socket.terminate();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}

	private accept(socket: WebSocket): void {
		this.sockets.add(socket);
		socket.on('close', () => this.sockets.delete(socket));
		socket.on('message', (raw) => this.onFrame(socket, JSON.parse(String(raw)) as Frame));
		send(socket, { op: OP.hello, d: { heartbeat_interval: this.options.heartbeatIntervalMs ?? 45_000 } });
	}

	/** Resolves when the client sends a frame with `op` (now or already since `since`). */
	waitForFrame(op: number, since = 0): Promise<Frame> {
		const seen = this.received.slice(since).find((f) => f.op === op);
		if (seen) return Promise.resolve(seen);
		return new Promise((resolve) => {
			const listener = (frame: Frame): void => {
				if (frame.op !== op) return;
				this.frames.off('frame', listener);
				resolve(frame);
			};
			this.frames.on('frame', listener);
		});
	}

	private onFrame(socket: WebSocket, frame: Frame): void {
		this.received.push(frame);
		this.frames.emit('frame', frame);
		switch (frame.op) {
			case OP.heartbeat:
				send(socket, { op: OP.heartbeatAck });
				break;
			case OP.identify:
				this.sequence += 1;
				send(socket, { op: OP.dispatch, t: 'READY', s: this.sequence, d: this.ready() });
				break;
			case OP.resume:
				this.sequence += 1;
				send(socket, { op: OP.dispatch, t: 'RESUMED', s: this.sequence, d: {} });
				break;
			default:
				break;
		}
	}

	private ready(): unknown {
		return {
			v: 10,
			user: { id: this.options.botUserId, username: 'Returning Officer', discriminator: '0', global_name: null, avatar: null, bot: true },
			application: { id: this.options.applicationId, flags: 0 },
			// Any guild listed here would make the client wait for its GUILD_CREATE.
			guilds: [],
			session_id: this.sessionId,
			resume_gateway_url: this.url,
			shard: [0, 1],
		};
	}

	private broadcast(frame: Frame): void {
		for (const socket of this.sockets) send(socket, frame);
	}
}

function send(socket: WebSocket, frame: Frame): void {
	socket.send(JSON.stringify(frame));
}
