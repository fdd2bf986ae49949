package dev.tlsboot.core.reload;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.TlsOptions;
import dev.tlsboot.pki.CertificateAuthority;
import dev.tlsboot.pki.IssuedCertificate;
import dev.tlsboot.testing.SecretVolume;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rotation as certificate managers do it: a Kubernetes secret volume, whose files are symlinks into {@code ..data},
 * itself a symlink swapped by an atomic rename.
 */
class MaterialWatcherTests {

	private final CertificateAuthority ca = CertificateAuthority.root("Rotation CA");

	private final BlockingQueue<String> outcomes = new LinkedBlockingQueue<>();

	private final MaterialWatcher.Listener listener = new MaterialWatcher.Listener() {

		@Override
		public void reloaded(TlsContext context) {
			MaterialWatcherTests.this.outcomes.add("reloaded");
		}

		@Override
		public void refused(TlsContext context, RuntimeException reason) {
			MaterialWatcherTests.this.outcomes.add("refused: " + reason.getMessage());
		}

	};

	@TempDir
	Path volume;

	private SecretVolume secrets;

	@Test
	void kubernetesSecretSwapIsPickedUpAfterTheQuietPeriod() throws Exception {
		publish(this.ca.issueServer("localhost"));
		TlsContext context = context();
		IssuedCertificate renewed = this.ca.issueServer("localhost");
		try (MaterialWatcher watcher = new MaterialWatcher(Duration.ofMillis(200), Duration.ofMinutes(1), this.listener)) {
			assertThat(watcher.watch(context)).isTrue();
			publish(renewed);
			assertThat(this.outcomes.poll(10, TimeUnit.SECONDS)).isEqualTo("reloaded");
		}
		assertThat(serial(context)).isEqualTo(renewed.certificate().getSerialNumber());
	}

	@Test
	void refusedSetIsReportedAndTheOldCertificateKeepsServing() throws Exception {
		IssuedCertificate first = this.ca.issueServer("localhost");
		publish(first);
		TlsContext context = context();
		try (MaterialWatcher watcher = new MaterialWatcher(Duration.ofMillis(200), Duration.ofMinutes(1), this.listener)) {
			watcher.watch(context);
			IssuedCertificate other = this.ca.issueServer("localhost");
			// A key from another certificate: the set does not belong together.
			publish(new IssuedCertificate(this.ca.issueServer("x").keyPair(), other.chain()));
			assertThat(this.outcomes.poll(10, TimeUnit.SECONDS)).startsWith("refused: ")
				.contains("does not belong to the certificate");
		}
		assertThat(serial(context)).isEqualTo(first.certificate().getSerialNumber());
	}

	@Test
	void pollingCatchesChangesWhereWatchingDoesNotWork() throws Exception {
		publish(this.ca.issueServer("localhost"));
		TlsContext context = context();
		IssuedCertificate renewed = this.ca.issueServer("localhost");
		try (MaterialWatcher watcher = new MaterialWatcher(Duration.ofMillis(200), Duration.ofMillis(300),
				this.listener, false)) {
			watcher.watch(context);
			publish(renewed);
			assertThat(this.outcomes.poll(10, TimeUnit.SECONDS)).isEqualTo("reloaded");
			// Unchanged contents are not reloaded again, however often the poll comes.
			assertThat(this.outcomes.poll(1, TimeUnit.SECONDS)).isNull();
		}
		assertThat(serial(context)).isEqualTo(renewed.certificate().getSerialNumber());
	}

	@Test
	void aReloadByTheApplicationIsNotRepeatedByTheWatcher() throws Exception {
		publish(this.ca.issueServer("localhost"));
		TlsContext context = context();
		try (MaterialWatcher watcher = new MaterialWatcher(Duration.ofMillis(200), Duration.ofMillis(300),
				this.listener, false)) {
			watcher.watch(context);
			publish(this.ca.issueServer("localhost"));
			context.reload();
			// The next polls find the files the context already serves.
			assertThat(this.outcomes.poll(1, TimeUnit.SECONDS)).isNull();
			IssuedCertificate renewed = this.ca.issueServer("localhost");
			publish(renewed);
			assertThat(this.outcomes.poll(10, TimeUnit.SECONDS)).isEqualTo("reloaded");
			assertThat(serial(context)).isEqualTo(renewed.certificate().getSerialNumber());
		}
	}

	@Test
	void classpathOnlyContextsHaveNothingToWatch() {
		TlsContext context = TlsContext.create(TlsOptions.builder().castore("java").build());
		try (MaterialWatcher watcher = new MaterialWatcher(Duration.ofMillis(200), Duration.ofMinutes(1), this.listener)) {
			assertThat(watcher.watch(context)).isFalse();
		}
	}

	@Test
	void anOptionalFileInADirectoryNotThereYetIsPolledWithoutAWarning() throws Exception {
		Path later = this.volume.resolve("mounted-later");
		TlsContext context = TlsContext.create("later", TlsOptions.builder()
			.certfile("optional:" + later.resolve("tls.crt"))
			.keyfile("optional:" + later.resolve("tls.key"))
			.castore("java")
			.build());
		BlockingQueue<LogRecord> records = new LinkedBlockingQueue<>();
		Handler handler = new Handler() {

			@Override
			public void publish(LogRecord record) {
				records.add(record);
			}

			@Override
			public void flush() {
			}

			@Override
			public void close() {
			}

		};
		Logger logger = Logger.getLogger(MaterialWatcher.class.getName());
		logger.addHandler(handler);
		try (MaterialWatcher watcher = new MaterialWatcher(Duration.ofMillis(200), Duration.ofMinutes(1), this.listener)) {
			assertThat(watcher.watch(context)).isTrue();
		}
		finally {
			logger.removeHandler(handler);
		}
		assertThat(records).noneMatch((record) -> record.getLevel().intValue() >= Level.WARNING.intValue());
		assertThat(records).anyMatch((record) -> record.getLevel() == Level.INFO
				&& record.getMessage().contains("does not exist yet"));
	}

	private TlsContext context() {
		return TlsContext.create("rotating", TlsOptions.builder()
			.certfile(this.volume.resolve("tls.crt").toString())
			.keyfile(this.volume.resolve("tls.key").toString())
			.castore("java")
			.build());
	}

	private void publish(IssuedCertificate certificate) {
		if (this.secrets == null) {
			this.secrets = new SecretVolume(this.volume);
		}
		this.secrets.publish(certificate, null);
	}

	private static BigInteger serial(TlsContext context) {
		return context.certificateChain().get(0).getSerialNumber();
	}

}
