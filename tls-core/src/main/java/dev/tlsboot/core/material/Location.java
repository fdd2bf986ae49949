package dev.tlsboot.core.material;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.tlsboot.core.option.TlsConfigurationException;
import dev.tlsboot.core.option.TlsOption;

/**
 * Where key or trust material lives: {@code classpath:ca.pem}, {@code file:/etc/tls/ca.pem} or a plain path. With an
 * {@code optional:} prefix (as in Spring Boot's {@code optional:file:...}), a file that does not exist yet counts as
 * not set, e.g. a client certificate that a certificate manager delivers after startup and a reload picks up.
 *
 * @param text the location as the user wrote it
 */
public record Location(String text) {

	private static final String CLASSPATH = "classpath:";

	private static final String FILE = "file:";

	private static final String OPTIONAL = "optional:";

	/** Checks the components. */
	public Location {
		Objects.requireNonNull(text, "text");
		if (text.isBlank()) {
			throw new IllegalArgumentException("A location must not be blank");
		}
	}

	/**
	 * @param text {@code classpath:...}, {@code file:...} or a path
	 * @return the location, or {@code null} when {@code text} is {@code null} or blank
	 */
	public static @Nullable Location of(String text) {
		return (text == null || text.isBlank()) ? null : new Location(text.strip());
	}

	/** Whether this location is on the class path (and so cannot be watched for changes). */
	public boolean isClasspath() {
		return target().startsWith(CLASSPATH);
	}

	/** Whether the location was marked {@code optional:}. */
	public boolean isOptional() {
		return this.text.startsWith(OPTIONAL);
	}

	/** Whether this is an {@code optional:} location with nothing there (yet). */
	public boolean isMissingOptional() {
		if (!isOptional()) {
			return false;
		}
		Path path = path();
		return (path != null) ? !Files.exists(path) : classpathResource() == null;
	}

	/** The location without its {@code optional:} prefix. */
	private String target() {
		return isOptional() ? this.text.substring(OPTIONAL.length()) : this.text;
	}

	/**
	 * The file this location names.
	 * @return the path, or {@code null} for a class path resource
	 */
	public @Nullable Path path() {
		if (isClasspath()) {
			return null;
		}
		String target = target();
		String path = target.startsWith(FILE) ? target.substring(FILE.length()) : target;
		if (path.startsWith("//")) {
			path = path.substring(2);
		}
		return Path.of(path);
	}

	/**
	 * Read the whole content.
	 * @param option the option this location was given for, named in the error when it cannot be read
	 * @return the bytes
	 * @throws TlsConfigurationException when the resource does not exist or cannot be read
	 */
	public byte[] read(TlsOption option) {
		try (InputStream in = open()) {
			if (in == null) {
				throw new TlsConfigurationException(option, this.text, "no such resource on the class path.",
						"Check the name, or use file: for a file on disk.");
			}
			return in.readAllBytes();
		}
		catch (java.nio.file.NoSuchFileException ex) {
			throw new TlsConfigurationException(option, this.text, "the file does not exist.",
					"Check the path (relative paths start at " + Path.of("").toAbsolutePath() + ").", ex);
		}
		catch (IOException ex) {
			throw new TlsConfigurationException(option, this.text, "the file cannot be read: " + ex.getMessage(),
					"Check that it exists and that this process may read it.", ex);
		}
	}

	private InputStream open() throws IOException {
		if (isClasspath()) {
			URL resource = classpathResource();
			return (resource != null) ? resource.openStream() : null;
		}
		return Files.newInputStream(path());
	}

	private URL classpathResource() {
		String name = target().substring(CLASSPATH.length());
		name = name.startsWith("/") ? name.substring(1) : name;
		ClassLoader loader = Thread.currentThread().getContextClassLoader();
		return ((loader != null) ? loader : Location.class.getClassLoader()).getResource(name);
	}

	@Override
	public String toString() {
		return this.text;
	}

}
