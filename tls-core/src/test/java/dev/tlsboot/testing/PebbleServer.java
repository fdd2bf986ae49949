package dev.tlsboot.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Objects;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link Pebble} per test class, for a {@code static} {@code @RegisterExtension} field: started (or the class
 * skipped when Pebble is not installed) before the first test on free loopback ports, stopped after the last one,
 * also when a test fails, and its directory deleted.
 */
public final class PebbleServer implements BeforeAllCallback, AfterAllCallback {

	private final Duration validity;

	private @Nullable Path directory;

	private @Nullable Pebble pebble;

	/**
	 * A Pebble whose certificates are valid for {@code validity}.
	 * @param validity the lifetime of the certificates it issues
	 */
	public PebbleServer(Duration validity) {
		this.validity = validity;
	}

	@Override
	public void beforeAll(ExtensionContext context) throws IOException {
		Pebble.assumeAvailable();
		this.directory = Files.createTempDirectory("pebble");
		this.pebble = Pebble.start(this.directory, OpenSslCli.freePort(), OpenSslCli.freePort(), this.validity);
	}

	@Override
	public void afterAll(ExtensionContext context) throws IOException {
		if (this.pebble != null) {
			this.pebble.close();
		}
		if (this.directory != null) {
			try (Stream<Path> files = Files.walk(this.directory)) {
				for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
					Files.delete(file);
				}
			}
		}
	}

	/** The running Pebble. */
	public Pebble pebble() {
		return Objects.requireNonNull(this.pebble, "Pebble starts before the class's first test");
	}

}
