package dev.tlsboot.core.material;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

import dev.tlsboot.core.TlsConfigurationException;

/**
 * Where key or trust material lives: {@code classpath:ca.pem}, {@code file:/etc/tls/ca.pem} or a plain path.
 *
 * @param text the location as the user wrote it
 */
public record Location(String text) {

	private static final String CLASSPATH = "classpath:";

	private static final String FILE = "file:";

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
	public static Location of(String text) {
		return (text == null || text.isBlank()) ? null : new Location(text.strip());
	}

	/** Whether this location is on the class path (and so cannot be watched for changes). */
	public boolean isClasspath() {
		return this.text.startsWith(CLASSPATH);
	}

	/**
	 * The file this location names.
	 * @return the path, or {@code null} for a class path resource
	 */
	public Path path() {
		if (isClasspath()) {
			return null;
		}
		String path = this.text.startsWith(FILE) ? this.text.substring(FILE.length()) : this.text;
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
	public byte[] read(String option) {
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
			String name = this.text.substring(CLASSPATH.length());
			name = name.startsWith("/") ? name.substring(1) : name;
			ClassLoader loader = Thread.currentThread().getContextClassLoader();
			return ((loader != null) ? loader : Location.class.getClassLoader()).getResourceAsStream(name);
		}
		return Files.newInputStream(path());
	}

	@Override
	public String toString() {
		return this.text;
	}

}
