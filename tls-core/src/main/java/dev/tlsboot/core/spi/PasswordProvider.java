package dev.tlsboot.core.spi;

import org.jspecify.annotations.Nullable;

/**
 * Supplies the password of an encrypted key or a keystore, like TclTLS's {@code -password} callback. Called each time
 * the material is (re)loaded, so a provider may read a rotating secret.
 */
@FunctionalInterface
public interface PasswordProvider {

	/** A provider that knows no password. */
	PasswordProvider NONE = (location) -> null;

	/**
	 * Return the password for the material at {@code location}.
	 * @param location the file or resource being opened, as the user wrote it
	 * @return the password, or {@code null} when there is none; the caller clears the array after use
	 */
	char @Nullable [] password(String location);

	/**
	 * A provider that answers the same password for every location.
	 * @param password the password, or {@code null} for none
	 * @return the provider
	 */
	static PasswordProvider of(@Nullable String password) {
		return (password != null) ? (location) -> password.toCharArray() : NONE;
	}

}
