package dev.tlsboot.autoconfigure.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.apache.catalina.webresources.TomcatURLStreamHandlerFactory;
import org.junit.jupiter.api.Test;

import org.springframework.aot.AotDetector;
import org.springframework.aot.test.generate.TestGenerationContext;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.boot.web.server.servlet.context.AnnotationConfigServletWebServerApplicationContext;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.core.test.tools.CompileWithForkedClassLoader;
import org.springframework.core.test.tools.TestCompiler;
import org.springframework.javapoet.ClassName;
import org.springframework.util.function.ThrowingConsumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The web server's TLS in an application processed ahead of time, as {@code spring-boot:process-aot} does, and then
 * started from the generated code in JVM mode ({@code spring.aot.enabled}): AOT fixes the conditions with the
 * properties of the build, so the server's TLS must follow the properties the application runs with instead.
 */
class TlsWebServerAotTests {

	private static final String[] SERVER = { "server.port=0", "server.address=127.0.0.1" };

	@Test
	@CompileWithForkedClassLoader
	void builtWithoutTlsServerAndRunWithItServesTheConfiguredHttps() {
		try (TestPeers peers = new TestPeers()) {
			processAheadOfTime(Map.of(), (run) -> run.with(peers.properties("tls.server.require=true"), (port) -> {
				assertThat(peers.get(port, true, HttpClient.Version.HTTP_1_1).body()).isEqualTo("CN=client");
				assertThat(peers.handshake(port, null).subject()).isEqualTo("CN=localhost");
				assertThatException().isThrownBy(() -> peers.get(port, false, HttpClient.Version.HTTP_1_1))
					.isInstanceOf(IOException.class);
			}));
		}
	}

	@Test
	@CompileWithForkedClassLoader
	void builtWithTlsServerAndRunWithoutServesWhatSpringBootIsAskedFor() {
		try (TestPeers peers = new TestPeers()) {
			processAheadOfTime(peers.properties("tls.server.require=true"), (run) -> {
				run.with(peers.properties(), (port) -> assertThat(plainGet(port)).isEqualTo("none"));
				run.with(peers.properties("server.ssl.bundle=tls-default"),
						(port) -> assertThat(peers.handshake(port, null).subject()).isEqualTo("CN=localhost"));
			});
		}
	}

	/**
	 * Process the Tomcat application ahead of time with {@code buildProperties}, compile the generated code, and
	 * hand over what starts it from that code.
	 */
	@SuppressWarnings("unchecked")
	private static void processAheadOfTime(Map<String, String> buildProperties, ThrowingConsumer<AotRun> action) {
		// This class loader's Tomcat must not claim the JVM's one URL stream handler factory: another's may have it.
		TomcatURLStreamHandlerFactory.disable();
		AnnotationConfigServletWebServerApplicationContext build =
				new AnnotationConfigServletWebServerApplicationContext();
		build.register(TestApplications.Tomcat.class);
		TestPropertyValues.of(buildProperties).and(SERVER).applyTo(build);
		TestGenerationContext generation = new TestGenerationContext(TestApplications.Tomcat.class);
		ClassName initializer = new ApplicationContextAotGenerator().processAheadOfTime(build, generation);
		generation.writeGeneratedContent();
		TestCompiler.forSystem()
			.with(generation)
			.compile((compiled) -> action.accept((runProperties, running) -> {
				try (ServletWebServerApplicationContext application = new ServletWebServerApplicationContext()) {
					TestPropertyValues.of(runProperties).and(SERVER).applyTo(application);
					compiled.getInstance(ApplicationContextInitializer.class, initializer.toString())
						.initialize(application);
					TestPropertyValues.of(AotDetector.AOT_ENABLED + "=true")
						.applyToSystemProperties(application::refresh);
					running.accept(application.getWebServer().getPort());
				}
			}));
	}

	/** {@code GET http://127.0.0.1:port/}: what the server answers over plain HTTP. */
	private static String plainGet(int port) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build();
		HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

	/** Starts the compiled application. */
	@FunctionalInterface
	private interface AotRun {

		/** Run it with {@code properties} and call {@code running} with its port, then stop it. */
		void with(Map<String, String> properties, ThrowingConsumer<Integer> running);

	}

}
