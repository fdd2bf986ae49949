package dev.tlsboot.autoconfigure.grpc;

import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;

import org.springframework.context.ApplicationContext;
import org.springframework.grpc.client.GrpcChannelFactory;

import dev.tlsboot.core.observe.ConnectionRegistry;
import dev.tlsboot.core.observe.TrackedConnection;

/**
 * What the gRPC tests do as a user would: open channel {@code health} of an application, call gRPC's health service
 * (which ships compiled, so the tests need no protoc), and read the application's connection registry.
 */
final class HealthCalls {

	private HealthCalls() {
	}

	/** A new channel {@code health}, as configured by {@code spring.grpc.client.channel.health.*}. */
	static ManagedChannel channel(ApplicationContext application) {
		return application.getBean(GrpcChannelFactory.class).createChannel("health");
	}

	/** Call {@code grpc.health.v1.Health/Check} for the whole server. */
	static ServingStatus check(ManagedChannel channel) {
		return HealthGrpc.newBlockingStub(channel)
			.withDeadlineAfter(10, TimeUnit.SECONDS)
			.check(HealthCheckRequest.getDefaultInstance())
			.getStatus();
	}

	/** The newest connection of context {@code context} in the application's registry that {@code filter} accepts. */
	static TrackedConnection newest(ApplicationContext application, String context,
			Predicate<TrackedConnection> filter) {
		return application.getBean(ConnectionRegistry.class)
			.connections(filter.and((entry) -> context.equals(entry.context())))
			.stream()
			.max(Comparator.comparingLong(TrackedConnection::id))
			.orElseThrow();
	}

}
