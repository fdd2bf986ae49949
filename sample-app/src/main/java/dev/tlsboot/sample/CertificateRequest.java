package dev.tlsboot.sample;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One request to the certificate request service, the line {@code certificate <commonName> <email>}. Both names are
 * strict: the common name becomes a file name in the key directory, so it is 1 to 64 letters, digits, {@code .},
 * {@code -} and {@code _}, not starting with a dot (a hidden file) or a dash (a file name that scripts over
 * {@code issued/} would take for an option); the e-mail address is a plain {@code local@domain} of the same
 * characters (plus {@code +} before the {@code @}), at most 128 long.
 *
 * @param commonName the CN of the client certificate
 * @param email the e-mail address of its subjectAltName
 */
public record CertificateRequest(String commonName, String email) {

	private static final String COMMAND = "certificate";

	private static final Pattern COMMON_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,63}");

	private static final Pattern EMAIL = Pattern
		.compile("(?=.{3,128}$)[A-Za-z0-9._+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*");

	private static final Pattern LINE = Pattern.compile(COMMAND + " (\\S+) (\\S+)");

	/**
	 * @throws IllegalArgumentException when a name is not acceptable
	 */
	public CertificateRequest {
		if (!COMMON_NAME.matcher(commonName).matches()) {
			throw new IllegalArgumentException("Common name '" + commonName + "': use 1 to 64 letters, digits, '.', "
					+ "'-' or '_', not starting with '.' or '-'");
		}
		if (!EMAIL.matcher(email).matches()) {
			throw new IllegalArgumentException("E-mail address '" + email + "': use local@domain, letters, digits, "
					+ "'.', '-', '_' (and '+' before the '@'), at most 128 characters");
		}
	}

	/**
	 * Read a request line.
	 * @param line the line, without its line break
	 * @return the request
	 * @throws IllegalArgumentException when the line is no request or a name is not acceptable, saying which
	 */
	public static CertificateRequest parse(String line) {
		Matcher matcher = LINE.matcher(line);
		if (!matcher.matches()) {
			throw new IllegalArgumentException("Not a request: send '" + COMMAND + " <commonName> <email>'");
		}
		return new CertificateRequest(matcher.group(1), matcher.group(2));
	}

	/** The request as the line a client sends, without its line break. */
	public String line() {
		return COMMAND + " " + this.commonName + " " + this.email;
	}

}
