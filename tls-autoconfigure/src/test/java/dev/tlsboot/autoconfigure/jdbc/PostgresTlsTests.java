package dev.tlsboot.autoconfigure.jdbc;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;

import dev.tlsboot.actuate.ConnectionDescriptor;
import dev.tlsboot.autoconfigure.ConsumerTesting;
import dev.tlsboot.autoconfigure.TlsAutoConfiguration;
import dev.tlsboot.autoconfigure.TlsSslBundleAutoConfiguration;
import dev.tlsboot.autoconfigure.reload.TlsReloadAutoConfiguration;
import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.TlsOptions;
import dev.tlsboot.core.jdbc.JdbcTlsContexts;
import dev.tlsboot.core.observe.HandshakeFailure.Cause;
import dev.tlsboot.core.observe.TlsConsumers;
import dev.tlsboot.core.observe.TrackedConnection;
import dev.tlsboot.core.observe.TrackedConnection.State;
import dev.tlsboot.core.status.TlsStatus;
import dev.tlsboot.pki.CertificateAuthority;
import dev.tlsboot.pki.IssuedCertificate;
import dev.tlsboot.testing.SecretVolume;

import static dev.tlsboot.autoconfigure.ConsumerTesting.newest;
import static dev.tlsboot.autoconfigure.ConsumerTesting.awaitRefusals;
import static dev.tlsboot.autoconfigure.ConsumerTesting.awaitReloads;
import static dev.tlsboot.autoconfigure.ConsumerTesting.contextProperties;
import static dev.tlsboot.autoconfigure.ConsumerTesting.expiredClient;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * PostgreSQL through Spring Boot's DataSource (Hikari) and pgjdbc on context {@code pg}, named in the JDBC URL
 * ({@code sslfactory=dev.tlsboot.core.jdbc.PostgresSslFactory&sslfactoryarg=pg}), against a real PostgreSQL that
 * takes only TLS connections and authenticates them by client certificate. Its certificate names 127.0.0.1 only, so
 * connecting as {@code localhost} reaches it under a name its certificate does not have. The client's key and trust
 * come from a Kubernetes-style secret volume that the tests rotate.
 */
@ExtendWith(OutputCaptureExtension.class)
class PostgresTlsTests {

	private static final CertificateAuthority CA = CertificateAuthority.root("PostgreSQL CA");

	private static final String TLS_BOOT = "sslmode=verify-full&sslfactory=dev.tlsboot.core.jdbc.PostgresSslFactory";

	/** What the server knows of the connection a query runs on. */
	private static final String SERVERS_VIEW = "select ssl, version, client_dn, client_serial from pg_stat_ssl "
			+ "where pid = pg_backend_pid()";

	private static PostgresServer postgres;

	@TempDir
	Path directory;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TlsAutoConfiguration.class, TlsSslBundleAutoConfiguration.class,
				SslAutoConfiguration.class, TlsReloadAutoConfiguration.class, DataSourceAutoConfiguration.class,
				TlsPostgresAutoConfiguration.class))
		.withPropertyValues("spring.datasource.username=" + PostgresServer.USER,
				"spring.datasource.hikari.maximum-pool-size=2", "spring.datasource.hikari.connection-timeout=10000",
				"tls.reload.quiet-period=200ms");

	@BeforeAll
	static void startPostgres(@TempDir Path server) throws IOException {
		postgres = PostgresServer.start(server, CA.issueServer("127.0.0.1"), CA.rootCertificatePem());
	}

	@AfterAll
	static void stopPostgres() {
		if (postgres != null) {
			postgres.close();
		}
	}

	@Test
	void mutualTlsQueriesAreInTheRegistryAsPostgresql() {
		IssuedCertificate client = CA.issueClient(PostgresServer.USER);
		this.runner.withPropertyValues(properties(volume(client), "127.0.0.1", "pg")).run((application) -> {
			ServersView seen;
			try (Connection connection = dataSource(application).getConnection()) {
				seen = serversView(connection);
			}
			assertThat(seen.ssl()).isTrue();
			assertThat(seen.clientDn()).isEqualTo("/CN=" + PostgresServer.USER);
			assertThat(seen.clientSerial()).isEqualTo(client.certificate().getSerialNumber());
			TrackedConnection connection = newest(application, "pg", (entry) -> entry.state() == State.OPEN);
			assertThat(connection.consumer()).isEqualTo(TlsConsumers.POSTGRESQL);
			assertThat(connection.peerSubject()).isEqualTo("CN=127.0.0.1");
			TlsStatus status = connection.localStatus().orElseThrow();
			assertThat(status.certificate().subject()).isEqualTo("CN=" + PostgresServer.USER);
			assertThat(status.protocol()).isEqualTo(seen.version());
			assertThat(ConnectionDescriptor.of(connection).consumer()).isEqualTo("postgresql");
		});
	}

	@Test
	void aServerCertificateForAnotherHostIsRefusedWithTlsBootsExplanation() {
		SecretVolume volume = volume(CA.issueClient(PostgresServer.USER));
		this.runner.withPropertyValues(properties(volume, "localhost", "pg")).run((application) -> {
			assertThatException().isThrownBy(() -> dataSource(application).getConnection().close())
				// pgjdbc's own message carries TLS Boot's (JDK 25 puts the alert's name between them)
				.satisfies((ex) -> assertThat(messages(ex)).anyMatch((message) -> message.startsWith("SSL error: ")
						&& message.contains("host name 'localhost' does not match the certificate 'CN=127.0.0.1', "
								+ "which names [IP Address:127.0.0.1].")));
			TrackedConnection failed = newest(application, "pg", (entry) -> entry.state() == State.FAILED);
			assertThat(failed.consumer()).isEqualTo(TlsConsumers.POSTGRESQL);
			assertThat(failed.failure().orElseThrow().explanation().cause()).isEqualTo(Cause.HOSTNAME_MISMATCH);
		});
	}

	@Test
	void aRotatedClientCertificateReachesTheNextConnectionWhileAnOpenOneKeepsItsOwn(CapturedOutput output)
			throws SQLException {
		IssuedCertificate first = CA.issueClient(PostgresServer.USER);
		IssuedCertificate second = CA.issueClient(PostgresServer.USER);
		SecretVolume volume = volume(first);
		this.runner.withPropertyValues(properties(volume, "127.0.0.1", "pg")).run((application) -> {
			HikariDataSource pool = application.getBean(HikariDataSource.class);
			try (Connection before = pool.getConnection()) {
				assertThat(serversView(before).clientSerial()).isEqualTo(first.certificate().getSerialNumber());
				volume.publish(second, CA.rootCertificatePem());
				awaitReloads(application, "pg", 1);
				// Hikari keeps connections until max-lifetime: retire those open, as a shorter lifetime would
				pool.getHikariPoolMXBean().softEvictConnections();
				try (Connection after = pool.getConnection()) {
					assertThat(serversView(after).clientSerial()).isEqualTo(second.certificate().getSerialNumber());
				}
				assertThat(serversView(before).clientSerial()).isEqualTo(first.certificate().getSerialNumber());
			}
			volume.publish(expiredClient(CA, PostgresServer.USER), CA.rootCertificatePem());
			awaitRefusals(application, "pg", 1);
			pool.getHikariPoolMXBean().softEvictConnections();
			try (Connection afterRefusal = pool.getConnection()) {
				assertThat(serversView(afterRefusal).clientSerial())
					.isEqualTo(second.certificate().getSerialNumber());
			}
		});
		assertThat(output).doesNotContain("may be in use by a technology that doesn't support SSL reloading");
	}

	@Test
	void aContextNameThatIsNotRegisteredIsRefusedNamingTheRegisteredOnes() {
		SecretVolume volume = volume(CA.issueClient(PostgresServer.USER));
		this.runner.withPropertyValues(properties(volume, "127.0.0.1", "pg"))
			.withPropertyValues(
					"spring.datasource.url=" + postgres.url("127.0.0.1", TLS_BOOT + "&sslfactoryarg=postgres"))
			.run((application) -> assertThatException()
				.isThrownBy(() -> dataSource(application).getConnection().close())
				// Applications other tests keep open in this JVM may have registered more names
				.satisfies((ex) -> assertThat(messages(ex)).anyMatch((message) -> message
					.matches("There is no TLS Boot context named 'postgres' \\(sslfactoryarg=postgres in the JDBC "
							+ "URL\\); the registered contexts are \\[.*\\bpg\\b.*]"))));
	}

	@Test
	void withoutSpringAContextIsRegisteredByHand() throws SQLException {
		IssuedCertificate client = CA.issueClient(PostgresServer.USER);
		SecretVolume volume = volume(client);
		TlsContext context = TlsContext.create("plain-java",
				TlsOptions.builder()
					.certfile("file:" + volume.file("tls.crt"))
					.keyfile("file:" + volume.file("tls.key"))
					.cafile("file:" + volume.file("ca.crt"))
					.build());
		JdbcTlsContexts.register(context);
		Properties user = new Properties();
		user.setProperty("user", PostgresServer.USER);
		try (Connection connection = DriverManager
			.getConnection(postgres.url("127.0.0.1", TLS_BOOT + "&sslfactoryarg=plain-java"), user)) {
			assertThat(serversView(connection).clientSerial()).isEqualTo(client.certificate().getSerialNumber());
		}
		finally {
			JdbcTlsContexts.unregister(context);
		}
	}

	private SecretVolume volume(IssuedCertificate client) {
		return ConsumerTesting.volume(this.directory, client, CA);
	}

	private static String[] properties(SecretVolume volume, String host, String context) {
		return contextProperties("pg", volume,
				"spring.datasource.url=" + postgres.url(host, TLS_BOOT + "&sslfactoryarg=" + context));
	}

	private static DataSource dataSource(ApplicationContext application) {
		return application.getBean(DataSource.class);
	}

	private record ServersView(boolean ssl, String version, String clientDn, BigInteger clientSerial) {
	}

	private static ServersView serversView(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(SERVERS_VIEW)) {
			assertThat(result.next()).isTrue();
			return new ServersView(result.getBoolean("ssl"), result.getString("version"), result.getString("client_dn"),
					result.getBigDecimal("client_serial").toBigIntegerExact());
		}
	}

	/** The messages of {@code failure} and its causes. */
	private static List<String> messages(Throwable failure) {
		List<String> messages = new ArrayList<>();
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			messages.add(String.valueOf(cause.getMessage()));
		}
		return messages;
	}

}
