/**
 * A fake Discord gateway on 127.0.0.1: just enough of the protocol for a real discord.js Client
 * to log in, stay connected and receive dispatches. Facts it relies on are in
 * /work/shared/notes/discord-test-harness.md.
 */
import { EventEmitter } from 'node:events';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';

/** Dispatches kept for replay on RESUME; more than any test sends during one outage. */
const HISTORY_LIMIT = 5000;

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

/** Every way the fake gateway can misbehave on purpose (see `FakeGateway.inject`). */
export type GatewayFault =
	/** A clean close with a resumable code: the client should RESUME. */
	| { kind: 'close'; code: number }
	/** The TCP connection vanishes without a close frame (code 1006 on the client's side). */
	| { kind: 'drop' }
	/** Heartbeats stop being acknowledged on the current connections: a zombie connection. */
	| { kind: 'zombie' }
	/** op 9 Invalid Session; `resumable: false` makes the client IDENTIFY afresh. */
	| { kind: 'invalid-session'; resumable: boolean }
	/** op 7 Reconnect: Discord asks the client to reconnect and resume. */
	| { kind: 'reconnect' };

export class FakeGateway {
	/** Every frame the client sent, in order (IDENTIFY, heartbeats, RESUME…). */
	readonly received: Frame[] = [];
	private readonly sockets = new Set<WebSocket>();
	private readonly frames = new EventEmitter();
	private sequence = 0;
	private sessionCount = 0;
	private sessionId = 'fake-session-0';
	/** Connections whose heartbeats go unanswered (the zombie fault). */
	private readonly silenced = new WeakSet<WebSocket>();
	/**
	 * Connections Discord has stopped dispatching to: after op 7 or op 9, and a zombie (nothing gets
	 * through). What is sent meanwhile waits in `history` for the RESUME, so nothing is seen twice.
	 */
	private readonly stale = new WeakSet<WebSocket>();
	/** When set, an IDENTIFY is answered by closing with this code (4004: authentication failed). */
	closeOnIdentify: number | null = null;
	/**
	 * The session's recent dispatches. Discord replays those after the sequence number a RESUME
	 * names (the ones the client missed while reconnecting); a fresh IDENTIFY starts a new session
	 * and they are gone.
	 */
	private history: Frame[] = [];
	private identified = false;

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

	/**
	 * Sends a dispatch event (op 0) with the next sequence number to every open connection, and
	 * keeps it for a RESUME: sent while the connection is down, it is replayed, as Discord does.
	 */
	dispatch(event: string, data: unknown): void {
		this.sequence += 1;
		const frame = { op: OP.dispatch, t: event, s: this.sequence, d: data };
		this.history.push(frame);
		if (this.history.length > HISTORY_LIMIT) this.history.shift();
		this.broadcast(frame);
	}

	dispatchInteraction(payload: unknown): void {
		if (!this.identified) throw new Error('No client has logged in to the fake gateway');
		this.dispatch('INTERACTION_CREATE', payload);
	}

	/** Closes every client connection with `code` (for fault tests: 4000 resumable, 4004 fatal). */
	disconnectAll(code = 4000): void {
		for (const socket of this.sockets) socket.close(code, 'fake gateway closed the connection');
	}

	/** Forgets what was sent so far (a load run measures memory without the harness's own records). */
	clearRecords(): void {
		this.history = [];
		this.received.length = 0;
	}

	/** How many IDENTIFY (fresh sessions) and RESUME frames the client has sent so far. */
	get identifies(): number {
		return this.received.filter((f) => f.op === OP.identify).length;
	}

	get resumes(): number {
		return this.received.filter((f) => f.op === OP.resume).length;
	}

	/**
	 * Misbehaves as `fault` says and resolves once the client is back: it has sent the RESUME or
	 * IDENTIFY that the fault calls for and been answered, so the next dispatch reaches a live session.
	 */
	async inject(fault: GatewayFault): Promise<'resumed' | 'identified'> {
		const since = this.received.length;
		const expected = fault.kind === 'invalid-session' && !fault.resumable ? OP.identify : OP.resume;
		const back = this.waitForFrame(expected, since);
		this.misbehave(fault);
		await back;
		return expected === OP.identify ? 'identified' : 'resumed';
	}

	private misbehave(fault: GatewayFault): void {
		switch (fault.kind) {
			case 'close':
				this.disconnectAll(fault.code);
				break;
			case 'drop':
				// terminate() destroys the socket without a close frame, like a network cut.
				for (const socket of this.sockets) socket.terminate();
				break;
			case 'zombie':
				for (const socket of this.sockets) {
					this.silenced.add(socket);
					this.stale.add(socket);
				}
				break;
			case 'invalid-session':
				this.broadcastThenGoStale({ op: OP.invalidSession, d: fault.resumable });
				break;
			case 'reconnect':
				this.broadcastThenGoStale({ op: OP.reconnect, d: null });
				break;
		}
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
				if (!this.silenced.has(socket)) send(socket, { op: OP.heartbeatAck });
				break;
			case OP.identify:
				if (this.closeOnIdentify !== null) {
					socket.close(this.closeOnIdentify, 'fake gateway refused the identify');
					break;
				}
				// A fresh session: a later RESUME of the old one would be refused by the real Discord,
				// and whatever it missed is not replayed.
				this.identified = true;
				this.history = [];
				this.sessionCount += 1;
				this.sessionId = `fake-session-${this.sessionCount}`;
				this.sequence += 1;
				send(socket, { op: OP.dispatch, t: 'READY', s: this.sequence, d: this.ready() });
				break;
			case OP.resume:
				// Missed events first, then RESUMED, in Discord's order.
				this.stale.delete(socket);
				for (const missed of this.missedSince(frame.d)) send(socket, missed);
				this.sequence += 1;
				send(socket, { op: OP.dispatch, t: 'RESUMED', s: this.sequence, d: {} });
				break;
			default:
				break;
		}
	}

	private missedSince(resume: unknown): Frame[] {
		const seq = typeof resume === 'object' && resume !== null && 'seq' in resume && typeof resume.seq === 'number' ? resume.seq : 0;
		return this.history.filter((f) => (f.s ?? 0) > seq);
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
		for (const socket of this.liveSockets()) send(socket, frame);
	}

	private broadcastThenGoStale(frame: Frame): void {
		for (const socket of this.liveSockets()) {
			send(socket, frame);
			this.stale.add(socket);
		}
	}

	private liveSockets(): WebSocket[] {
		return [...this.sockets].filter((socket) => socket.readyState === socket.OPEN && !this.stale.has(socket));
	}
}

function send(socket: WebSocket, frame: Frame): void {
	// A socket the client is closing may still get a broadcast; sending on it would throw.
	if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
}
