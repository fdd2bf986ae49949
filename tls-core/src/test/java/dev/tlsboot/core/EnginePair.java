package dev.tlsboot.core;

import java.nio.ByteBuffer;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * A client and a server engine wired to each other in memory, for handshakes without sockets or threads: each
 * {@link #step} moves every record one side has to the other.
 */
final class EnginePair {

	private final SSLEngine client;

	private final SSLEngine server;

	private final ByteBuffer toServer;

	private final ByteBuffer toClient;

	private final ByteBuffer clientData;

	private final ByteBuffer serverData;

	EnginePair(SSLEngine client, SSLEngine server) {
		this.client = client;
		this.server = server;
		int packet = Math.max(client.getSession().getPacketBufferSize(), server.getSession().getPacketBufferSize());
		int application = client.getSession().getApplicationBufferSize();
		this.toServer = ByteBuffer.allocate(packet * 4);
		this.toClient = ByteBuffer.allocate(packet * 4);
		this.clientData = ByteBuffer.allocate(application * 4);
		this.serverData = ByteBuffer.allocate(application * 4);
	}

	/** Handshake until both sides are done, at most 50 rounds; an engine's failure is thrown. */
	void handshake() throws SSLException {
		this.client.beginHandshake();
		this.server.beginHandshake();
		for (int round = 0; round < 50; round++) {
			if (done(this.client) && done(this.server)) {
				return;
			}
			step();
		}
		throw new AssertionError("No handshake after 50 rounds: client " + this.client.getHandshakeStatus()
				+ ", server " + this.server.getHandshakeStatus());
	}

	/** The client sends {@code data} to the server, which reads it. */
	void send(byte[] data) throws SSLException {
		this.client.wrap(ByteBuffer.wrap(data), this.toServer);
		step();
	}

	/** Both sides close, exchanging close_notify. */
	void close() throws SSLException {
		this.client.closeOutbound();
		step();
		this.server.closeOutbound();
		step();
	}

	private void step() throws SSLException {
		pump(this.client, this.toServer, this.toClient, this.clientData);
		pump(this.server, this.toClient, this.toServer, this.serverData);
	}

	/** Let one side read what it received, run its tasks, and write what it has to say. */
	private static void pump(SSLEngine engine, ByteBuffer out, ByteBuffer in, ByteBuffer data) throws SSLException {
		in.flip();
		while (in.hasRemaining()) {
			SSLEngineResult result = engine.unwrap(in, data);
			runTasks(engine);
			if (result.bytesConsumed() == 0) {
				break;
			}
		}
		in.compact();
		data.clear();
		for (int i = 0; i < 10 && !engine.isOutboundDone(); i++) {
			SSLEngineResult result = engine.wrap(ByteBuffer.allocate(0), out);
			runTasks(engine);
			if (result.bytesProduced() == 0 && engine.getHandshakeStatus() != HandshakeStatus.NEED_WRAP) {
				break;
			}
		}
	}

	private static void runTasks(SSLEngine engine) {
		for (Runnable task = engine.getDelegatedTask(); task != null; task = engine.getDelegatedTask()) {
			task.run();
		}
	}

	private static boolean done(SSLEngine engine) {
		HandshakeStatus status = engine.getHandshakeStatus();
		return status == HandshakeStatus.NOT_HANDSHAKING || status == HandshakeStatus.FINISHED;
	}

}
