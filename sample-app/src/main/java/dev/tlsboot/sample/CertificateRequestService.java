package dev.tlsboot.sample;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SynchronousSink;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.ChannelBindException;
import reactor.netty.DisposableServer;
import reactor.netty.NettyInbound;
import reactor.netty.NettyOutbound;
import reactor.netty.resources.LoopResources;
import reactor.netty.tcp.TcpServer;

import org.springframework.context.SmartLifecycle;

import dev.tlsboot.core.TlsContext;
import dev.tlsboot.netty.NettyTlsImplementation;
import dev.tlsboot.netty.ReactorNettyTls;
import dev.tlsboot.pki.IssuedCertificate;
import dev.tlsboot.sample.RequestProtocol.LineBuffer;

/**
 * The certificate request service of TclTLS's example: a TLS server on 127.0.0.1 that issues a client certificate to
 * whoever asks for a common name not taken yet, speaking {@link RequestProtocol}. It asks for no client certificate:
 * this is where clients get one.
 * <p>
 * It runs on Reactor Netty, on one event loop thread of its own, with the TLS context's Netty {@code SslContext}:
 * handshakes and reads wait without holding a thread, so a slow or silent client costs a socket and its buffers,
 * never a worker. Each connection has one deadline for its handshake, request line and answer; connections beyond
 * the limits in all and per client address are closed as they come ({@link Limits}). What was dropped is counted by
 * reason in the metric {@value #DROPPED_METRIC} and logged at most once per {@link #LOG_INTERVAL}. Issuing (a key
 * pair, a signature, a file) runs on two threads of its own once a whole request line is in, so no client can hold
 * them either.
 */
public class CertificateRequestService implements SmartLifecycle, MeterBinder {

	/** The connections dropped without an answer, by {@code reason} ({@link DropReason#tag()}). */
	static final String DROPPED_METRIC = "sample.request.connections.dropped";

	/** The connections open now. */
	static final String OPEN_METRIC = "sample.request.connections";

	/** The least time between two log lines about dropped connections, or about refused requests. */
	static final Duration LOG_INTERVAL = Duration.ofMinutes(1);

	private static final int ISSUERS = 2;

	/** How long an idle issuing thread is kept. */
	private static final int ISSUER_KEEP_ALIVE_SECONDS = 60;

	/** How the summary of refused requests counts them. */
	private static final String NOT_ACCEPTABLE = "not acceptable";

	private static final String NAME_TAKEN = "for names taken";

	/** How long starting and stopping may take. */
	private static final Duration LIFECYCLE_TIMEOUT = Duration.ofSeconds(10);

	private static final Log logger = LogFactory.getLog(CertificateRequestService.class);

	/**
	 * What the service allows each client ({@code sample.request-*}).
	 *
	 * @param deadline how long a connection may take, from accept to answer: handshake, request line and answer
	 * @param connections how many connections may be open in all
	 * @param connectionsPerAddress how many connections may be open from one client address
	 */
	public record Limits(Duration deadline, int connections, int connectionsPerAddress) {

		/**
		 * @throws IllegalArgumentException when a limit is not positive
		 */
		public Limits {
			if (deadline.isNegative() || deadline.isZero() || connections < 1 || connectionsPerAddress < 1) {
				throw new IllegalArgumentException("sample.request-deadline (" + deadline + "), "
						+ "sample.request-connections (" + connections + ") and "
						+ "sample.request-connections-per-address (" + connectionsPerAddress + ") must be positive");
			}
		}

	}

	private final TlsContext context;

	private final int port;

	private final Limits limits;

	private final SampleKeys keys;

	private final ConnectionGate gate;

	private final Map<DropReason, LongAdder> dropped = new EnumMap<>(DropReason.class);

	private volatile DisposableServer server;

	private LoopResources loops;

	private Scheduler issuers;

	private SummaryLog droppedLog;

	private SummaryLog refusedLog;

	/**
	 * @param context a TLS context with the server's certificate
	 * @param port the port on 127.0.0.1, {@code 0} for any free one
	 * @param limits what each client is allowed
	 * @param keys the PKI that issues the certificates
	 */
	public CertificateRequestService(TlsContext context, int port, Limits limits, SampleKeys keys) {
		this.context = context;
		this.port = port;
		this.limits = limits;
		this.keys = keys;
		this.gate = new ConnectionGate(limits.connections(), limits.connectionsPerAddress());
		for (DropReason reason : DropReason.values()) {
			this.dropped.put(reason, new LongAdder());
		}
	}

	/**
	 * Listen on 127.0.0.1.
	 * @throws RequestPortInUseException when the port is taken
	 */
	@Override
	public synchronized void start() {
		this.loops = LoopResources.create("certificate-requests", 1, true);
		this.issuers = Schedulers.newBoundedElastic(ISSUERS, this.limits.connections(), "certificate-issuer",
				ISSUER_KEEP_ALIVE_SECONDS, true);
		EventLoopGroup timer = this.loops.onServer(true);
		this.droppedLog = new SummaryLog(logger::warn, "Certificate request connections dropped", LOG_INTERVAL, timer);
		this.refusedLog = new SummaryLog(logger::info, "Certificate requests refused", LOG_INTERVAL, timer);
		try {
			this.server = TcpServer.create()
				.runOn(this.loops)
				.host(InetAddress.getLoopbackAddress().getHostAddress())
				.port(this.port)
				.secure(ReactorNettyTls.server(this.context, NettyTlsImplementation.of(this.context.options().provider())))
				.doOnChannelInit((observer, channel, remoteAddress) -> admit(channel))
				.handle(this::serve)
				.bindNow(LIFECYCLE_TIMEOUT);
		}
		catch (ChannelBindException ex) {
			release();
			throw new RequestPortInUseException(this.port, ex);
		}
		logger.info("Certificate request service listening on 127.0.0.1:" + port());
	}

	@Override
	public synchronized void stop() {
		this.server.disposeNow(LIFECYCLE_TIMEOUT);
		release();
	}

	/** Close every connection, stop the threads, and log what the summaries have not said yet. */
	private void release() {
		this.loops.disposeLater(Duration.ZERO, LIFECYCLE_TIMEOUT).block(LIFECYCLE_TIMEOUT);
		this.issuers.dispose();
		this.droppedLog.flush();
		this.refusedLog.flush();
	}

	@Override
	public boolean isRunning() {
		DisposableServer server = this.server;
		return server != null && !server.isDisposed();
	}

	/** The port it listens on. */
	public int port() {
		return this.server.port();
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder(OPEN_METRIC, this.gate, ConnectionGate::open)
			.description("Connections open to the certificate request service")
			.register(registry);
		this.dropped.forEach((reason, count) -> FunctionCounter.builder(DROPPED_METRIC, count, LongAdder::sum)
			.description("Connections the certificate request service closed without an answer")
			.tag("reason", reason.tag())
			.register(registry));
	}

	/**
	 * Runs on the event loop as a connection is accepted, before its handshake. (The address Reactor Netty passes
	 * to {@code doOnChannelInit} is a client's remote address, null on a server.)
	 */
	private void admit(Channel channel) {
		SocketAddress remoteAddress = channel.remoteAddress();
		InetAddress address = ((InetSocketAddress) remoteAddress).getAddress();
		Optional<DropReason> refused = this.gate.admit(address);
		if (refused.isPresent()) {
			drop(refused.get(), remoteAddress);
			channel.close();
			return;
		}
		ScheduledFuture<?> deadline = channel.eventLoop().schedule(() -> {
			drop(DropReason.DEADLINE, remoteAddress);
			channel.close();
		}, this.limits.deadline().toMillis(), TimeUnit.MILLISECONDS);
		channel.closeFuture().addListener((closed) -> {
			deadline.cancel(false);
			this.gate.release(address);
		});
	}

	private void drop(DropReason reason, SocketAddress remoteAddress) {
		this.dropped.get(reason).increment();
		this.droppedLog.add(reason.description(), () -> "Closed the certificate request connection from "
				+ remoteAddress + ": " + reason.description() + " (" + limitOf(reason) + ")");
	}

	private String limitOf(DropReason reason) {
		return switch (reason) {
			case CONNECTION_LIMIT -> String.valueOf(this.limits.connections());
			case ADDRESS_LIMIT -> String.valueOf(this.limits.connectionsPerAddress());
			case DEADLINE -> this.limits.deadline().toMillis() + " ms";
		};
	}

	/** Runs once the handshake is done: read the request line, answer it, and close (Reactor Netty closes). */
	private Publisher<Void> serve(NettyInbound inbound, NettyOutbound outbound) {
		AtomicReference<SocketAddress> client = new AtomicReference<>();
		inbound.withConnection((connection) -> client.set(connection.address()));
		LineBuffer line = new LineBuffer();
		return inbound.receive()
			.<String>handle((bytes, sink) -> collect(line, bytes, sink))
			.next()
			.publishOn(this.issuers)
			.map((text) -> answer(text, client.get()))
			.onErrorResume(ProtocolException.class, (ex) -> Mono
				.just(refuse(NOT_ACCEPTABLE, () -> "Refused a request from " + client.get() + ": " + ex.getMessage())))
			.flatMap((answer) -> outbound.sendByteArray(Mono.just(answer)).then());
	}

	/** Feed what came to the line, and emit the line once it is whole. */
	private static void collect(LineBuffer line, ByteBuf bytes, SynchronousSink<String> sink) {
		try {
			for (int i = bytes.readerIndex(); i < bytes.writerIndex(); i++) {
				Optional<String> complete = line.add(bytes.getByte(i));
				if (complete.isPresent()) {
					sink.next(complete.get());
					return;
				}
			}
		}
		catch (ProtocolException ex) {
			sink.error(ex);
		}
	}

	/** Issue what {@code line} asks for, or refuse it; on an issuing thread. */
	private byte[] answer(String line, SocketAddress client) {
		CertificateRequest request;
		try {
			request = CertificateRequest.parse(line);
		}
		catch (IllegalArgumentException ex) {
			return refuse(NOT_ACCEPTABLE, () -> "Refused '" + line + "' from " + client + ": " + ex.getMessage());
		}
		Optional<IssuedCertificate> issued = this.keys.issueClient(request);
		if (issued.isEmpty()) {
			return refuse(NAME_TAKEN, () -> "Refused '" + line + "' from " + client + ": a certificate for '"
					+ request.commonName() + "' was issued before");
		}
		logger.info("Issued " + issued.get().certificate().getSubjectX500Principal().getName() + " to " + client);
		return RequestProtocol.credentials(Credentials.of(issued.get()));
	}

	private byte[] refuse(String kind, Supplier<String> detail) {
		this.refusedLog.add(kind, () -> printable(detail.get()));
		return RequestProtocol.refusal();
	}

	/** Text from a client as it may go to a log: printable ASCII only. */
	private static String printable(String text) {
		return text.replaceAll("[^\\x20-\\x7E]", "?");
	}

}
