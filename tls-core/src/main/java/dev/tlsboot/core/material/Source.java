package dev.tlsboot.core.material;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

import dev.tlsboot.core.option.TlsConfigurationException;
import dev.tlsboot.core.option.TlsOption;

/**
 * The bytes given for one option, with what an error message must name: the option and, for a file, its location.
 *
 * @param option the option the bytes were given for ({@code certfile}, {@code key}, {@code cafile}, ...)
 * @param location the file or resource, or {@code null} for bytes given directly
 * @param bytes the content
 */
record Source(TlsOption option, @Nullable String location, byte[] bytes) {

	/**
	 * Read a location.
	 * @throws TlsConfigurationException when it cannot be read or is empty
	 */
	static Source read(TlsOption option, Location location) {
		Source source = new Source(option, location.text(), location.read(option));
		if (source.bytes.length == 0) {
			throw source.failure("the file is empty.", "Check that it was written completely.");
		}
		return source;
	}

	static Source of(TlsOption option, byte[] bytes) {
		return new Source(option, null, bytes);
	}

	/** The same content, blamed on another option (e.g. the key expected in a certfile). */
	Source as(TlsOption otherOption) {
		return new Source(otherOption, this.location, this.bytes);
	}

	/** Whether the content is PEM; OpenSSL also skips any text before the first BEGIN line. */
	boolean isPem() {
		return new String(this.bytes, StandardCharsets.ISO_8859_1).contains("-----BEGIN ");
	}

	/** What a {@code PasswordProvider} is asked with: the location, or the option for bytes given directly. */
	String name() {
		return (this.location != null) ? this.location : this.option.optionName();
	}

	TlsConfigurationException failure(String problem, String action) {
		return failure(problem, action, null);
	}

	TlsConfigurationException failure(String problem, String action, Throwable cause) {
		return new TlsConfigurationException(this.option, this.location, problem, action, cause);
	}

	/**
	 * The error for a password that did not open this content.
	 * @param what what is protected, e.g. {@code key} or {@code keystore}
	 * @param given whether a password was given at all
	 * @param cause the decryption failure
	 * @return the error, blaming {@code password}
	 */
	TlsConfigurationException passwordFailure(String what, boolean given, Throwable cause) {
		if (!given) {
			return new TlsConfigurationException(TlsOption.PASSWORD, this.location,
					"the " + what + " is encrypted and no password was given.",
					"Set 'password' to its passphrase (or provide a PasswordProvider).", cause);
		}
		return new TlsConfigurationException(TlsOption.PASSWORD, this.location, "wrong password for the " + what + ".",
				"Check 'password': it must be the passphrase the " + what + " was written with.", cause);
	}

}
