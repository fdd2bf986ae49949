package dev.tlsboot.autoconfigure.mail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import dev.tlsboot.actuate.ConnectionDescriptor;
import dev.tlsboot.actuate.autoconfigure.TlsMetricsAutoConfiguration;
import dev.tlsboot.autoconfigure.TlsAutoConfiguration;
import dev.tlsboot.autoconfigure.TlsSslBundleAutoConfiguration;
import dev.tlsboot.autoconfigure.mail.SmtpServer.Mode;
import dev.tlsboot.autoconfigure.mail.SmtpServer.Received;
import dev.tlsboot.autoconfigure.reload.TlsReloadAutoConfiguration;
import dev.tlsboot.core.observe.HandshakeFailure.Cause;
import dev.tlsboot.core.observe.TlsConsumers;
import dev.tlsboot.core.observe.TrackedConnection;
import dev.tlsboot.core.observe.TrackedConnection.State;
import dev.tlsboot.pki.CertificateAuthority;
import dev.tlsboot.testing.SecretVolume;

import static dev.tlsboot.autoconfigure.ConsumerTesting.awaitStatus;
import static dev.tlsboot.autoconfigure.ConsumerTesting.contextProperties;
import static dev.tlsboot.autoconfigure.ConsumerTesting.expiredClient;
import static dev.tlsboot.autoconfigure.ConsumerTesting.newest;
import static dev.tlsboot.autoconfigure.ConsumerTesting.volume;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Spring's {@code JavaMailSender} on context {@code mail} ({@code spring.mail.ssl.bundle=tls-mail}), against real
 * aiosmtpd servers that require client certificates: one with STARTTLS serving localhost, one with STARTTLS serving
 * another name, one with TLS from the connect. The client's key and trust come from a Kubernetes-style secret
 * volume that the tests rotate. No test sets {@code mail.smtp.starttls.*}: TLS Boot requires STARTTLS itself.
 */
@ExtendWith(OutputCaptureExtension.class)
class JavaMailTlsTests {

	/** The context the sender is on, {@code spring.mail.ssl.bundle=tls-mail}. */
	private static final String CONTEXT = "mail";

	private static final CertificateAuthority CA = CertificateAuthority.root("Mail CA");

	private static SmtpServer smtp;

	private static SmtpServer elsewhere;

	private static SmtpServer smtps;

	@TempDir
	Path directory;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TlsAutoConfiguration.class, TlsSslBundleAutoConfiguration.class,
				SslAutoConfiguration.class, TlsReloadAutoConfiguration.class, MailSenderAutoConfiguration.class,
				TlsMailAutoConfiguration.class))
		.withPropertyValues("spring.mail.host=localhost", "spring.mail.ssl.bundle=tls-mail",
				"spring.mail.properties.mail.smtp.connectiontimeout=10000",
				"spring.mail.properties.mail.smtp.timeout=10000", "tls.reload.quiet-period=200ms");

	@BeforeAll
	static void startSmtpServers(@TempDir Path servers) throws IOException, InterruptedException {
		assumeThat(SmtpServer.isAvailable())
			.as("Debian's python3-aiosmtpd (apt-get install python3-aiosmtpd; .ci/run installs it)")
			.isTrue();
		smtp = SmtpServer.start(Files.createDirectory(servers.resolve("localhost")),
				CA.issueServer("localhost", "127.0.0.1"), CA.rootCertificatePem(), Mode.STARTTLS);
		elsewhere = SmtpServer.start(Files.createDirectory(servers.resolve("elsewhere")),
				CA.issueServer("elsewhere.test"), CA.rootCertificatePem(), Mode.STARTTLS);
		smtps = SmtpServer.start(Files.createDirectory(servers.resolve("smtps")),
				CA.issueServer("localhost", "127.0.0.1"), CA.rootCertificatePem(), Mode.IMPLICIT_TLS);
		for (SmtpServer server : new SmtpServer[] { smtp, elsewhere, smtps }) {
			server.awaitReady();
		}
	}

	@AfterAll
	static void stopSmtpServers() {
		for (SmtpServer server : new SmtpServer[] { smtp, elsewhere, smtps }) {
			if (server != null) {
				server.close();
			}
		}
	}

	@Test
	void mutualTlsOverStartTlsDeliversAndIsInTheRegistryAndTheMetricsAsMail() {
		SecretVolume volume = volume(this.directory, CA.issueClient("mail-client"), CA);
		this.runner.withPropertyValues(contextProperties(CONTEXT, volume, "spring.mail.port=" + smtp.port()))
			.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class, TlsMetricsAutoConfiguration.class))
			.withBean(SimpleMeterRegistry.class)
			.run((application) -> {
				send(application, "over STARTTLS");
				Received received = smtp.last();
				assertThat(received.client()).isEqualTo("CN=mail-client");
				assertThat(received.protocol()).isEqualTo("TLSv1.3");
				assertThat(received.to()).containsExactly("ops@example.test");
				assertThat(received.content()).contains("Subject: over STARTTLS");
				TrackedConnection connection = newest(application, CONTEXT, (entry) -> entry.state() == State.CLOSED);
				assertThat(connection.consumer()).isEqualTo(TlsConsumers.MAIL);
				assertThat(connection.peerSubject()).isEqualTo("CN=localhost");
				assertThat(connection.localStatus().orElseThrow().certificate().subject()).isEqualTo("CN=mail-client");
				assertThat(ConnectionDescriptor.of(connection).consumer()).isEqualTo("mail");
				assertThat(application.getBean(MeterRegistry.class)
					.get("tls.handshakes")
					.tags("context", CONTEXT, "role", "client", "consumer", "mail", "outcome", "success")
					.timer()
					.count()).isOne();
			});
	}

	@Test
	void mutualTlsFromTheConnectWithSslEnabled() {
		SecretVolume volume = volume(this.directory, CA.issueClient("mail-client"), CA);
		this.runner.withPropertyValues(contextProperties(CONTEXT, volume, "spring.mail.port=" + smtps.port()))
			.withPropertyValues("spring.mail.ssl.enabled=true")
			.run((application) -> {
				send(application, "over SMTPS");
				assertThat(smtps.last().client()).isEqualTo("CN=mail-client");
				assertThat(newest(application, CONTEXT, (entry) -> true).consumer()).isEqualTo(TlsConsumers.MAIL);
			});
	}

	/** Jakarta Mail's own host name switches, on or off, change nothing: TLS Boot's sockets check the name. */
	@ParameterizedTest(name = "spring.mail.ssl.verify-hostname={0}")
	@ValueSource(booleans = { true, false })
	void aServerCertificateForAnotherNameIsRefusedWithTlsBootsExplanation(boolean jakartaMailChecks)
			throws IOException {
		SecretVolume volume = volume(this.directory, CA.issueClient("mail-client"), CA);
		int delivered = elsewhere.received().size();
		this.runner.withPropertyValues(contextProperties(CONTEXT, volume, "spring.mail.port=" + elsewhere.port()))
			.withPropertyValues("spring.mail.ssl.verify-hostname=" + jakartaMailChecks,
					"spring.mail.properties.mail.smtp.ssl.checkserveridentity=" + jakartaMailChecks)
			.run((application) -> {
				assertThatExceptionOfType(MailSendException.class).isThrownBy(() -> send(application, "refused"))
					.withMessageContaining(
							"host name 'localhost' does not match the certificate 'CN=elsewhere.test'");
				TrackedConnection failed = newest(application, CONTEXT, (entry) -> entry.state() == State.FAILED);
				assertThat(failed.consumer()).isEqualTo(TlsConsumers.MAIL);
				assertThat(failed.failure().orElseThrow().explanation().cause()).isEqualTo(Cause.HOSTNAME_MISMATCH);
			});
		assertThat(elsewhere.received()).hasSize(delivered);
	}

	@Test
	void withRequireOffAMismatchIsOnlyRecorded() {
		SecretVolume volume = volume(this.directory, CA.issueClient("mail-client"), CA);
		this.runner.withPropertyValues(contextProperties(CONTEXT, volume, "spring.mail.port=" + elsewhere.port()))
			.withPropertyValues("tls.contexts.mail.require=false")
			.run((application) -> {
				send(application, "let through");
				assertThat(elsewhere.last().client()).isEqualTo("CN=mail-client");
				TrackedConnection connection = newest(application, CONTEXT, (entry) -> entry.state() == State.CLOSED);
				assertThat(connection.status().orElseThrow().verifyResult().error())
					.contains("does not match the certificate");
			});
	}

	@Test
	void aRotatedClientCertificateReachesTheNextSendWhileAnOpenConnectionKeepsItsOwn(CapturedOutput output) {
		SecretVolume volume = volume(this.directory, CA.issueClient("mail-client-1"), CA);
		this.runner.withPropertyValues(contextProperties(CONTEXT, volume, "spring.mail.port=" + smtp.port()))
			.run((application) -> {
				JavaMailSenderImpl sender = application.getBean(JavaMailSenderImpl.class);
				send(application, "before");
				assertThat(smtp.last().client()).isEqualTo("CN=mail-client-1");
				Transport opened = sender.getSession().getTransport("smtp");
				opened.connect("localhost", smtp.port(), null, null);
				try {
					volume.publish(CA.issueClient("mail-client-2"), CA.rootCertificatePem());
					awaitStatus(application, CONTEXT, (status) -> status.reloads() >= 1);
					// JavaMailSenderImpl opens a connection per send: the next one presents the new certificate
					send(application, "after");
					assertThat(smtp.last().client()).isEqualTo("CN=mail-client-2");
					MimeMessage message = message(sender, "on the connection opened before");
					opened.sendMessage(message, message.getAllRecipients());
					assertThat(smtp.last().client()).isEqualTo("CN=mail-client-1");
				}
				finally {
					opened.close();
				}
				volume.publish(expiredClient(CA, "mail-client-expired"), CA.rootCertificatePem());
				awaitStatus(application, CONTEXT, (status) -> status.refusals() >= 1);
				send(application, "after a refused set");
				assertThat(smtp.last().client()).isEqualTo("CN=mail-client-2");
			});
		assertThat(output).doesNotContain("may be in use by a technology that doesn't support SSL reloading");
	}

	private static void send(ApplicationContext application, String subject) throws MessagingException {
		JavaMailSenderImpl sender = application.getBean(JavaMailSenderImpl.class);
		sender.send(message(sender, subject));
	}

	private static MimeMessage message(JavaMailSenderImpl sender, String subject) throws MessagingException {
		MimeMessage message = sender.createMimeMessage();
		message.setFrom(new InternetAddress("app@example.test"));
		message.setRecipients(Message.RecipientType.TO, "ops@example.test");
		message.setSubject(subject);
		message.setText("Sent by JavaMailTlsTests");
		message.saveChanges();
		return message;
	}

}
