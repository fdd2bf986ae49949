package dev.tlsboot.core.observe;

import java.io.EOFException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tlsboot.core.TlsOptions;
import dev.tlsboot.core.option.TlsRole;
import dev.tlsboot.core.observe.HandshakeFailure.Cause;
import dev.tlsboot.core.observe.TrackedConnection.State;

import static org.assertj.core.api.Assertions.assertThat;

/** The registry's bookkeeping, driven directly with synthetic connections (real ones: ConnectionObservationTests). */
class ConnectionRegistryTests {

	private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 50000);

	private static final InetSocketAddress REMOTE = InetSocketAddress.createUnresolved("billing.internal", 443);

	@Test
	void keepsEveryOpenConnectionAndTheLastEndedOnesUnderTenThousand() {
		ConnectionRegistry registry = ConnectionRegistry.create(100);
		ConnectionObserver observer = observer(registry);
		List<TrackedConnection> live = new ArrayList<>();
		for (int i = 0; i < 10_000; i++) {
			TrackedConnection connection = handshake(observer, i);
			if (i % 100 == 0) {
				// still negotiating: only a real handshake (ConnectionObservationTests) has a session to open with
				live.add(connection);
			}
			else if (i % 7 == 0) {
				observer.failed(connection, null, new EOFException("SSL peer shut down incorrectly"));
			}
			else {
				observer.closed(connection, null);
			}
		}
		assertThat(registry.connections()).hasSize(200);
		assertThat(registry.connections(State.NEGOTIATING, null, null)).containsExactlyElementsOf(live);
		assertThat(registry.countsByState()).containsEntry(State.NEGOTIATING, 100L)
			.containsEntry(State.CLOSED, 100L - registry.countsByState().get(State.FAILED));
		assertThat(registry.connections((connection) -> connection.state().ended()).get(0).id()).isGreaterThan(9800);
		assertThat(registry.connections(State.FAILED, null, null).get(0).failure().orElseThrow().explanation().cause())
			.isEqualTo(Cause.PEER_CLOSED);
	}

	@Test
	void filtersByStateContextAndRoleAndFindsById() {
		ConnectionRegistry registry = ConnectionRegistry.create(10);
		TrackedConnection client = handshake(observer(registry), 1);
		TrackedConnection server = registry.register(observer("web", registry), TlsRole.SERVER);
		assertThat(registry.connections(null, "web", null)).containsExactly(server);
		assertThat(registry.connections(State.SERVERINIT, null, TlsRole.SERVER)).containsExactly(server);
		assertThat(registry.connections(State.NEGOTIATING, "billing", TlsRole.CLIENT)).containsExactly(client);
		assertThat(registry.get(client.id())).contains(client);
		assertThat(registry.get(-1)).isEmpty();
	}

	@Test
	void keepsEachUnobservedConsumerOncePerContextSortedByName() {
		ConnectionRegistry registry = ConnectionRegistry.create(10);
		UnobservedConsumer server = new UnobservedConsumer("grpc-server", "its own handler");
		UnobservedConsumer client = new UnobservedConsumer("grpc-client", "its own handler");
		registry.declareUnobserved("web", server);
		registry.declareUnobserved("billing", client);
		registry.declareUnobserved("web", client);
		registry.declareUnobserved("web", server);
		assertThat(registry.unobservedConsumers()).containsExactly(Map.entry("billing", List.of(client)),
				Map.entry("web", List.of(client, server)));
		ConnectionRegistry.disabled().declareUnobserved("web", server);
		assertThat(ConnectionRegistry.disabled().unobservedConsumers()).isEmpty();
	}

	@Test
	void disabledRegistryKeepsNothing() {
		ConnectionRegistry registry = ConnectionRegistry.disabled();
		ConnectionObserver observer = observer(registry);
		observer.closed(handshake(observer, 1), null);
		assertThat(registry.connections()).isEmpty();
	}

	@Test
	void measuresTheHeapAnEntryTakes() {
		int count = 100_000;
		ConnectionRegistry registry = ConnectionRegistry.create(count);
		ConnectionObserver observer = observer(registry);
		long before = usedHeap();
		for (int i = 0; i < count; i++) {
			observer.closed(handshake(observer, i), null);
		}
		long after = usedHeap();
		assertThat(registry.connections()).hasSize(count);
		// A figure for the documentation, not an assertion: heap measurements are too noisy to gate a build on
		System.out.printf("ConnectionRegistry: about %d bytes per closed entry (%d entries)%n",
				(after - before) / count, count);
	}

	private static TrackedConnection handshake(ConnectionObserver observer, int i) {
		TrackedConnection connection = observer.track(TlsRole.CLIENT, "billing.internal");
		observer.started(connection, null, true, new InetSocketAddress(LOCAL.getAddress(), 50000 + (i % 10000)),
				REMOTE);
		return connection;
	}

	private static ConnectionObserver observer(ConnectionRegistry registry) {
		return observer("billing", registry);
	}

	private static ConnectionObserver observer(String context, ConnectionRegistry registry) {
		TlsOptions options = TlsOptions.defaults();
		return new ConnectionObserver(context, options::request, options::require, 2, options.handshakeTimeout(),
				registry, List.of(), List.of());
	}

	private static long usedHeap() {
		Runtime runtime = Runtime.getRuntime();
		for (int i = 0; i < 5; i++) {
			System.gc();
		}
		return runtime.totalMemory() - runtime.freeMemory();
	}

}
