package dev.tlsboot.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Creates the server's PKI ({@link SampleKeys}) on first start, before the TLS contexts that read it are built, and
 * the client's directory, so that the starter can watch it for the files the client requests. It listens for
 * {@link ApplicationPreparedEvent} (registered in {@code META-INF/spring.factories}), which comes after every property
 * source is in place, tests' dynamic properties included, and before any bean is created. The
 * {@value SampleApplication#CLIENT_PROFILE} profile has no PKI of its own.
 */
class SampleKeysInitializer implements ApplicationListener<ApplicationPreparedEvent> {

	private static final Log logger = LogFactory.getLog(SampleKeysInitializer.class);

	@Override
	public void onApplicationEvent(ApplicationPreparedEvent event) {
		ConfigurableEnvironment environment = event.getApplicationContext().getEnvironment();
		SampleProperties properties = Binder.get(environment).bindOrCreate("sample", SampleProperties.class);
		try {
			Files.createDirectories(properties.client().keys());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create the client's directory (sample.client.keys)", ex);
		}
		if (environment.matchesProfiles(SampleApplication.CLIENT_PROFILE)) {
			return;
		}
		SampleKeys keys = new SampleKeys(properties.keys());
		if (keys.ensure()) {
			logger.info("Created the sample's CA and server certificate in " + keys.directory().toAbsolutePath());
		}
	}

}
